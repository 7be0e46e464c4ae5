import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A signed-in browser or app. The token itself is only ever in the client's cookie or Authorization header. */
@Entity('sessions')
export class Session {
  @PrimaryColumn({ name: 'tenant_id', type: 'text' }) tenantId: string;
  /** sha256 of the token, hex. */
  @PrimaryColumn({ name: 'token_hash', type: 'text' }) tokenHash: string;
  @Column({ name: 'account_id', type: 'uuid' }) accountId: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'last_seen_at', type: 'timestamptz' }) lastSeenAt: Date;
  @Column({ name: 'expires_at', type: 'timestamptz' }) expiresAt: Date;
  /** Past the password, waiting for the TOTP code: signs nobody in. */
  @Column({ name: 'pending_totp', type: 'boolean', default: false }) pendingTotp: boolean;
}
