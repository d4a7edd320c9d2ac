export * from './contract/index.js';
export * from './engine/index.js';
export { type LoadOptions, loadFlow } from './load/load-flow.js';
export { type CodeSandboxHost, createCodeSandbox } from './sandbox/code-sandbox.js';
export type { CodeSandboxOptions, CodeSandboxSettings } from './sandbox/sandbox-options.js';
export * from './template/references.js';
export { compileValue, lookupReference, type TemplateScope } from './template/resolve.js';
export { type ValidateOptions, type ValidationResult, validateFlow } from './validate/validate-flow.js';
