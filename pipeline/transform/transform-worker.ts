/**
 * The transform worker: one frozen processor, files in, bodies and what the plugins recorded out.
 * Messages: `{ key, options }` (a processor's, once per key), then `{ key, file }` → `{ tree, data, messages }`;
 * `{ ready }` once loaded.
 */
import { parentPort } from 'node:worker_threads';
import { VFile } from 'vfile';
import { coverageFromRanges, type Coverage } from '../load/font-coverage.js';
import { createProcessor, transformFile, type Options } from './processor.js';
import type { SentFile, TransformedFile } from './pool.js';

/** Processors by the key of their options. */
const processors = new Map<string, ReturnType<typeof createProcessor>>();

type Request =
  | {
      key: string;
      options: Omit<Options, 'coverage' | 'citationKeys'> & {
        citationKeys: string[];
        coverage: Coverage['ranges'] | null;
      };
    }
  | { key: string; file: SentFile };

parentPort?.on('message', (message: Request) => {
  if ('options' in message) {
    const { citationKeys, coverage, ...rest } = message.options;
    processors.set(
      message.key,
      createProcessor({
        ...rest,
        citationKeys: new Set(citationKeys),
        coverage: coverage ? coverageFromRanges(coverage) : null,
      }),
    );
    return;
  }
  void run(message.key, message.file).then(
    (result) => parentPort?.postMessage(result),
    (cause: unknown) =>
      parentPort?.postMessage({ failure: cause instanceof Error ? (cause.stack ?? cause.message) : String(cause) }),
  );
});
parentPort?.postMessage({ ready: true });

async function run(key: string, sent: SentFile): Promise<TransformedFile> {
  const processor = processors.get(key);
  if (!processor) throw new Error('The transform worker has no processor for these options');
  const file = new VFile({ cwd: sent.cwd, path: sent.path, value: sent.value });
  Object.assign(file.data, sent.data);
  const tree = await transformFile(processor, file);
  const { matter: _matter, frontMatter: _frontMatter, ...data } = file.data;
  return {
    tree,
    data,
    messages: file.messages.map((message) => ({
      reason: message.reason,
      place: message.place ?? null,
      ruleId: message.ruleId ?? null,
      source: message.source ?? null,
      fatal: message.fatal ?? null,
    })),
  };
}
