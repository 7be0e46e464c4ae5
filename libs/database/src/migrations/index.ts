import { AppRole1764200000000 } from './1764200000000-app-role';

/** The database library's own migrations; each domain library exports its own list. */
export const DATABASE_MIGRATIONS = [AppRole1764200000000];
