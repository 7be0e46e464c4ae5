/**
 * The role the application runs as: not a superuser, not BYPASSRLS, owner of
 * nothing, so row-level security always applies to it. Migrations create it
 * and run as the owner.
 */
export const APP_ROLE = 'replika_app';
