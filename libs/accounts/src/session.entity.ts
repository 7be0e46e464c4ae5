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
  /** The public id the session list ends a session by; the token hash never leaves the server. */
  @Column({ type: 'uuid', default: () => 'gen_random_uuid()', insert: false }) id: string;
  /** A coarse label of the browser and system ("Chrome · Android"), for the session list. */
  @Column({ type: 'text', nullable: true }) device: string | null;
  /** Past the password, waiting for the TOTP code: signs nobody in. */
  @Column({ name: 'pending_totp', type: 'boolean', default: false }) pendingTotp: boolean;
}
