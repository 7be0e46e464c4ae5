import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

export const ROLES = ['citizen', 'officer', 'validator', 'admin', 'editor', 'reviewer'] as const;
export type Role = (typeof ROLES)[number];
/** Editors write news articles; reviewers publish them (never their own). */
export const STAFF_ROLES = ['officer', 'validator', 'admin', 'editor', 'reviewer'] as const satisfies readonly Role[];
export type StaffRole = (typeof STAFF_ROLES)[number];

@Entity('accounts')
export class Account {
  @PrimaryColumn({ name: 'tenant_id', type: 'text' }) tenantId: string;
  @PrimaryColumn({ type: 'uuid', default: () => 'gen_random_uuid()' }) id: string;
  /** Always lower-case. */
  @Column({ type: 'text' }) email: string;
  @Column({ name: 'password_hash', type: 'text' }) passwordHash: string;
  @Column({ name: 'display_name', type: 'text' }) displayName: string;
  @Column({ type: 'text' }) role: Role;
  @Column({ name: 'agency_code', type: 'text', nullable: true }) agencyCode: string | null;
  @Column({ name: 'region_code', type: 'text', nullable: true }) regionCode: string | null;
  @Column({ name: 'disabled_at', type: 'timestamptz', nullable: true }) disabledAt: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  /** Set when a citizen deleted their account: its personal data is gone, the row stays for the reports it anonymously keeps. */
  @Column({ name: 'deleted_at', type: 'timestamptz', nullable: true }) deletedAt: Date | null;
  /** The TOTP secret, sealed (SecretBox); set at enrollment, confirmed when totpEnabledAt is set. */
  @Column({ name: 'totp_secret', type: 'text', nullable: true, select: false }) totpSecret?: string | null;
  @Column({ name: 'totp_enabled_at', type: 'timestamptz', nullable: true }) totpEnabledAt: Date | null;
  /** The last TOTP time step used to sign in: a code of that step or earlier is refused (no replay). */
  @Column({ name: 'last_totp_step', type: 'bigint', nullable: true, select: false }) lastTotpStep?: string | null;
}

/** What the rest of the platform knows of an account: never its password hash. */
export interface AccountView {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  agencyCode: string | null;
  regionCode: string | null;
}

export function toAccountView(a: Account): AccountView {
  return { id: a.id, email: a.email, displayName: a.displayName, role: a.role, agencyCode: a.agencyCode, regionCode: a.regionCode };
}
