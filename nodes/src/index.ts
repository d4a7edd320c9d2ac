export { catalogue } from './catalogue.js';
export * from './knowledge/index.js';
export * from './providers/interfaces.js';
export * from './services/credentials.js';
