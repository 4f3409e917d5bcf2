// Entry of the roster worker thread (see parse-off-thread.ts): neither tsx's loader (npm start) nor
// vitest's transformer reaches a worker thread, so it registers tsx itself and then loads the TypeScript.
import { register } from 'tsx/esm/api';

register();
await import('./roster-worker.ts');
