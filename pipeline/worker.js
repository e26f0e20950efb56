// Starts a module in a worker thread (`workerData.module` is its URL). A TypeScript module needs
// tsx, which workers do not inherit from the main thread: each registers its own; the compiled
// JavaScript of dist/ needs nothing.
import { workerData } from 'node:worker_threads';

if (workerData.module.endsWith('.ts')) {
  const { register } = await import('tsx/esm/api');
  register();
}
await import(workerData.module);
