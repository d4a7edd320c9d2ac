/** The contract: safe to import from the browser (no Node APIs). */
export * from './catalogue.js';
export * from './error-codes.js';
export * from './flow-document.js';
export * from './json-schema.js';
export * from './localized.js';
export * from './migrations.js';
export * from './node-definition.js';
export * from './run-events.js';
export * from './run-record.js';
export * from './sandbox.js';
export * from './services.js';
export * from './usage.js';
export * from './validation-problem.js';
