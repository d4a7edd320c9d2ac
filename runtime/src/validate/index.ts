/** Validation and loading of flow documents: safe to import from the browser (no Node APIs). */
export { type JsonErrorLocation, locateJsonError } from '../load/json-position.js';
export { type LoadOptions, loadFlow } from '../load/load-flow.js';
export { closestName } from './closest-name.js';
export { type ValidateOptions, type ValidationResult, validateFlow } from './validate-flow.js';
