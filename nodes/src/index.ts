export { catalogue } from './catalogue.js';
export * from './knowledge/index.js';
export * from './models/index.js';
export * from './providers/index.js';
export * from './services/credentials.js';
