export { catalogue } from './catalogue.js';
export * from './knowledge/index.js';
export * from './models/index.js';
export * from './net/index.js';
export * from './providers/index.js';
export * from './safety/index.js';
export * from './services/credentials.js';
export * from './services/subflow.js';
export * from './tools/index.js';
