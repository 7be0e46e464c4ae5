export * from './area-reference';
export * from './province-bounds';
export * from './province-place';
export * from './standard-agencies';
