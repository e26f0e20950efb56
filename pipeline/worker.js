// Starts a TypeScript module in a worker thread: workers do not inherit the main thread's
// tsx loader, so each registers its own. `workerData.module` is the module's URL.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.module);
