export * from './settings';
export * from './clock';
