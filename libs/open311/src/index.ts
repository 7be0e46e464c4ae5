import { Open311ApiKeys1764600000000 } from './migrations/1764600000000-open311-api-keys';

export * from './open311-api-key.entity';
export * from './open311-error';
export * from './open311-format';
export * from './open311-key.service';
export * from './open311.module';
export * from './open311.service';

export const OPEN311_MIGRATIONS = [Open311ApiKeys1764600000000];
