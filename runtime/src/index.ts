export * from './contract/index.js';
export * from './template/references.js';
