import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

export const ROLES = ['citizen', 'officer', 'validator', 'admin'] as const;
export type Role = (typeof ROLES)[number];
export const STAFF_ROLES = ['officer', 'validator', 'admin'] as const satisfies readonly Role[];
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
