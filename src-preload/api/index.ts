export * from './contract';
export * from './define';
export * from './errors';
export * from './events';
export * from './settings';
export * from './tasks';
export * from './tenant-queries';
export * from './tenants';
