// Entry of the run-writing thread: a worker starts without the parent's TypeScript loader, so it
// registers tsx itself (as bin/tailor.js does) before loading the TypeScript module.
import { register } from 'tsx/esm/api';

register();
await import('./run-write-worker.ts');
