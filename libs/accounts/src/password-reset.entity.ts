import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A password reset link sent by e-mail. Only the token's sha256 is stored; used once, then never again. */
@Entity('password_resets')
export class PasswordReset {
  @PrimaryColumn({ name: 'tenant_id', type: 'text' }) tenantId: string;
  @PrimaryColumn({ name: 'token_hash', type: 'text' }) tokenHash: string;
  @Column({ name: 'account_id', type: 'uuid' }) accountId: string;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'expires_at', type: 'timestamptz' }) expiresAt: Date;
  @Column({ name: 'used_at', type: 'timestamptz', nullable: true }) usedAt: Date | null;
}
