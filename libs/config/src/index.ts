export * from './settings';
export * from './clock';
export * from './time-zone';
