/**
 * The citeproc worker: builds engines when asked (ahead of need) and formats with them.
 * Messages: `{ id, build: EngineSpec }` → `{ id }`; `{ id, engine, order, clusters }` →
 * `{ id, formatted }`; failures come back as `{ id, error }`.
 */
import { parentPort } from 'node:worker_threads';
import { createEngine, type ClusterItem, type Engine, type EngineSpec, type NotePlace } from './engine.js';

type Request =
  | { id: number; build: EngineSpec }
  | { id: number; engine: number; order: string[]; clusters: ClusterItem[][]; notes?: NotePlace[] };

const engines = new Map<number, Engine>();

parentPort?.on('message', (request: Request) => {
  void answer(request).then(
    (reply) => parentPort?.postMessage({ id: request.id, ...reply }),
    (cause: unknown) =>
      parentPort?.postMessage({ id: request.id, error: cause instanceof Error ? cause.message : String(cause) }),
  );
});

async function answer(request: Request): Promise<object> {
  if ('build' in request) {
    engines.set(request.id, createEngine(request.build));
    return {};
  }
  const engine = engines.get(request.engine);
  if (!engine) throw new Error(`No engine ${request.engine}`);
  return { formatted: engine.format(request.order, request.clusters, request.notes) };
}
