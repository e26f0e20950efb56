/**
 * argv → options → build() or check() → report → exit status. Nothing else.
 */
import { readFileSync, realpathSync } from 'node:fs';
import { delimiter, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { InterruptedError, UsageError, WhitepaperError } from './model/errors.js';
import type { Outputs, PreviewOptions } from './index.js';

/** The API, loaded when a command needs it: `--version` and `--help` answer without it. */
const api = () => import('./index.js');
import { compactLine, exitStatus, formatReport } from './report.js';
import { suggest } from './shared/suggest.js';

const usage = `Usage: whitepaper <command> [options]

Commands:
  build          Build the HTML site, the book PDF and the certificates into the output folder
  check          Validate the content and report every problem
  init [DIR]     Start a book in DIR (default .): settings, a chapter, an example case, awards
  new case SLUG  Write cases/SLUG.md with every field, ready to fill in (never overwrites)
  new chapter SLUG
                 Write chapters/NN-SLUG.md after the last chapter, ready to fill in
  preview        Serve the site with live reload while you edit
  judging assign Assign judges to the cases (judging/assignments.yaml): conflicts never, the
                 load balanced (--per-case N: judges per case)
  judging results
                 The score sheets' results: ranking per committee and overall, flags
  judging propose
                 The award tiers the criteria's awardRules propose from the ranking, as YAML
  review list    List reviewers' comments where their text now stands (--open, --by NAME)
  review resolve ID
                 Mark a comment resolved (--reopen: open again)
  review import FILE
                 Add reviewers' comments: a --review site's export (JSON), or a PDF draft
                 annotated in any reader (nothing is written if any has a problem)
  import FILE…   Add submitted cases (the submission form's .zip or .md): each checked in
                 full, written only when new (--replace: over a case of the same slug)

Options:
  --root DIR     Content folder with whitepaper.yaml, chapters/ and cases/ (default: .)
  --out DIR      Output folder (build; default: output/ under the root)
  --html-only    Build the HTML site without printing the PDF (build)
  --case-pdfs    Also write a PDF per case to output/cases/ (build)
  --epub         Also write an EPUB 3 of each edition to output/ (build)
  --no-cache     Transform every file, without the cache in output/.cache/ (build)
  --draft        Mark the PDF and the site as a draft: watermark, build date, commit (build)
  --since REV    Mark what changed since a git revision, with a Changes page (build, preview)
  --timeout SEC  Seconds allowed to start the browser, load and print (build; default 120)
  --port N       Port of the preview (default 4000)
  --host ADDR    Address the preview binds (default 127.0.0.1: this machine only)
  --pdf          Let the preview print the book on demand at /book.pdf
  --format FMT   Report format: text, compact (file:line:col: …, one per line) or json (default: text)
  --open         Only open comments (review list)
  --by NAME      Only comments by NAME or with a reply by NAME (review list)
  --review       Let readers of the site comment on its pages: comments kept in their browser,
                 exported as one file for \`review import\` (build)
  --per-case N   Judges each case gets (judging assign; default the settings' judgesPerCase)
  --replace      Let an imported case replace the book's case of the same slug (import)
  --frail        Exit with 1 on warnings too
  --quiet        No progress output
  -h, --help     Show this help
  -v, --version  Show the version

Exit status: 0 success, 1 content errors (or a refused overwrite), 2 usage errors,
3 environment or print failures, 130 interrupted (the previous output is kept).`;

const options = {
  root: { type: 'string' },
  out: { type: 'string' },
  'html-only': { type: 'boolean', default: false },
  'case-pdfs': { type: 'boolean', default: false },
  epub: { type: 'boolean', default: false },
  'no-cache': { type: 'boolean', default: false },
  timeout: { type: 'string' },
  port: { type: 'string' },
  host: { type: 'string' },
  pdf: { type: 'boolean', default: false },
  draft: { type: 'boolean', default: false },
  since: { type: 'string' },
  format: { type: 'string', default: 'text' },
  frail: { type: 'boolean', default: false },
  review: { type: 'boolean', default: false },
  open: { type: 'boolean', default: false },
  reopen: { type: 'boolean', default: false },
  by: { type: 'string' },
  'per-case': { type: 'string' },
  replace: { type: 'boolean', default: false },
  quiet: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
  version: { type: 'boolean', short: 'v', default: false },
} as const;

const commands = ['build', 'check', 'import', 'init', 'judging', 'new', 'preview', 'review'];

/** The options each command takes (besides `--root`, `--help`, `--version` and `--quiet`): any other is a usage error. */
const commandOptions: Readonly<Record<string, readonly string[]>> = {
  build: [
    'out',
    'html-only',
    'case-pdfs',
    'epub',
    'no-cache',
    'timeout',
    'draft',
    'since',
    'format',
    'frail',
    'review',
  ],
  check: ['format', 'since', 'frail'],
  preview: ['port', 'host', 'pdf', 'since'],
  init: [],
  new: [],
  judging: ['per-case', 'format'],
  review: ['open', 'reopen', 'by', 'format'],
  import: ['replace', 'format'],
};

/** The commands an option belongs to, for the message that says it is another command's. */
const commandsOf = (option: string) =>
  Object.entries(commandOptions)
    .filter(([, list]) => list.includes(option))
    .map(([command]) => `\`${command}\``);

/**
 * parseArgs's message, said the way the rest of the CLI says things, with a likely option.
 *
 * @param message What parseArgs threw.
 * @returns One sentence.
 */
function optionProblem(message: string): string {
  const unknown = /Unknown option '([^']+)'/.exec(message)?.[1];
  if (unknown) {
    const name = unknown.replace(/^-+/, '');
    // Options are short words: two slips still make a likely one (`--ouput`).
    const guess = suggest(name, Object.keys(options), name.length >= 5 ? 2 : 1);
    return `Unknown option \`${unknown}\`${guess ? `; did you mean \`--${guess}\`?` : ''}`;
  }
  const missing = message.includes('argument missing') ? /Option '(--[\w-]+)[ ']/.exec(message)?.[1] : undefined;
  if (missing) return `Missing value after \`${missing}\``;
  return message.split('\n')[0] ?? message;
}

/**
 * Run the CLI.
 *
 * @param argv Arguments after the program name.
 * @returns Exit status.
 */
export async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options, tokens: true });
  } catch (error) {
    return fail(new UsageError(optionProblem(error instanceof Error ? error.message : String(error))));
  }
  const { values, positionals } = parsed;
  // Under `npm run`, paths the user typed are relative to the folder they typed them in.
  const here = process.env['INIT_CWD'] ?? process.cwd();
  if (values.root !== undefined) values.root = resolve(here, values.root);
  if (values.out !== undefined) values.out = resolve(here, values.out);
  if (values.help) return write(process.stdout, `${usage}\n`, 0);
  if (values.version) return write(process.stdout, `${version()}\n`, 0);
  const [command, ...extra] = positionals;
  // An option of another command is a mistake, not something to ignore (`build --port 3`).
  const allowed = command === undefined ? undefined : commandOptions[command];
  if (allowed) {
    const general = ['root', 'help', 'version', 'quiet'];
    for (const token of parsed.tokens ?? [])
      if (token.kind === 'option' && !general.includes(token.name) && !allowed.includes(token.name)) {
        const owners = commandsOf(token.name);
        return fail(
          new UsageError(
            `Unexpected option \`--${token.name}\` for \`${command}\`${owners.length > 0 ? `: it is an option of ${owners.join(', ')}` : ''}`,
          ),
        );
      }
  }
  if (command === 'new') return scaffold(extra, values.root);
  if (command === 'init') return start(extra, here);
  if (command === 'review') return reviewCommand(extra, values, here);
  if (command === 'judging') return judgingCommand(extra, values, here);
  if (command === 'import') return importCommand(extra, values, here);
  if (command === 'preview') {
    if (extra.length > 0) return fail(new UsageError(`Unexpected argument \`${extra[0]}\``));
    const port = values.port === undefined ? 4000 : Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      return fail(new UsageError(`Unexpected port \`${values.port}\`, expected 0 to 65535`));
    const options = {
      ...(values.root ? { root: values.root } : {}),
      ...(values.host ? { host: values.host } : {}),
      ...(values.since ? { since: values.since } : {}),
    };
    return servePreview({ ...options, port, pdf: values.pdf }, values.quiet);
  }
  if (command !== 'build' && command !== 'check') {
    const guess = command ? suggest(command, commands) : undefined;
    return fail(
      new UsageError(
        command ? `Unknown command \`${command}\`${guess ? `; did you mean \`${guess}\`?` : ''}` : 'Missing command',
      ),
    );
  }
  if (extra.length > 0) return fail(new UsageError(`Unexpected argument \`${extra[0]}\``));
  if (values.format !== 'text' && values.format !== 'json' && values.format !== 'compact')
    return fail(new UsageError(`Unknown format \`${values.format}\`, expected text, compact or json`));
  const timeout = values.timeout === undefined ? undefined : Number(values.timeout) * 1000;
  if (timeout !== undefined && !(timeout > 0))
    return fail(new UsageError(`Unexpected timeout \`${values.timeout}\`, expected a number of seconds`));

  const showProgress = !values.quiet && process.stderr.isTTY === true && values.format === 'text';
  const onProgress = showProgress
    ? (stage: string, ms: number) => process.stderr.write(`  ${stage.padEnd(16)} ${Math.round(ms)} ms\n`)
    : undefined;
  const controller = new AbortController();
  const interrupt = () => controller.abort();
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
  // A build whose parent was killed (`npm run`, a CI step) stops instead of running on unseen.
  const parent = process.ppid;
  const orphaned = setInterval(() => process.ppid !== parent && controller.abort(), 500);
  orphaned.unref();
  const started = performance.now();
  try {
    const common = {
      ...(values.root ? { root: values.root } : {}),
      ...(onProgress ? { onProgress } : {}),
      ...(values.since ? { since: values.since } : {}),
    };
    const result =
      command === 'check'
        ? { ...(await (await api()).check(common)), outputs: null }
        : await (
            await api()
          ).build({
            ...common,
            ...(values.out ? { out: values.out } : {}),
            htmlOnly: values['html-only'],
            casePdfs: values['case-pdfs'],
            epub: values.epub,
            ...(values['no-cache'] ? { cacheDir: false as const } : {}),
            draft: values.draft,
            review: values.review,
            ...(timeout ? { timeout } : {}),
            signal: controller.signal,
          });
    const report = formatReport(result.files, {
      format: values.format,
      color: process.stderr.isTTY === true && values.format === 'text',
      // On a terminal, reasons wrap to its width; piped, each message stays on one line.
      ...(process.stderr.isTTY === true && process.stderr.columns ? { width: process.stderr.columns } : {}),
    });
    if (values.format === 'json') process.stdout.write(report);
    else process.stderr.write(report);
    const status = exitStatus(result.files, values.frail);
    // A check that found nothing says so, in one line.
    if (command === 'check' && values.format === 'text' && !values.quiet && report === '')
      process.stderr.write(
        `Checked ${result.files.length} files: no problems (${((performance.now() - started) / 1000).toFixed(1)} s)\n`,
      );
    if (result.outputs && !values.quiet && values.format === 'text')
      process.stderr.write(summary(result.outputs, performance.now() - started));
    return status;
  } catch (error) {
    if (controller.signal.aborted) return fail(new InterruptedError({ cause: error }));
    return fail(error);
  } finally {
    clearInterval(orphaned);
    process.off('SIGINT', interrupt);
    process.off('SIGTERM', interrupt);
  }
}

async function servePreview(options: PreviewOptions, quiet: boolean): Promise<number> {
  const log = (text: string) => quiet || process.stderr.write(text);
  let running;
  try {
    running = await (
      await api()
    ).preview({
      ...options,
      onUpdate: (update) => {
        const errors = update.messages.filter((message) => message.severity === 'error');
        const what =
          errors.length > 0
            ? `${errors.length} error${errors.length === 1 ? '' : 's'} (also in the browser; it shows the last good build until they are fixed):\n${errors.map((message) => `  ${compactLine(message)}`).join('')}`
            : `${update.pages.length} file${update.pages.length === 1 ? '' : 's'} changed\n`;
        log(`Rebuilt in ${Math.round(update.milliseconds)} ms: ${what}`);
      },
      onError: (error) =>
        process.stderr.write(
          `Rebuild failed: ${error.message}\nThe preview shows the last good build until the next change.\n`,
        ),
    });
  } catch (error) {
    return fail(error);
  }
  const errors = running.initial.messages.filter((message) => message.severity === 'error');
  log(
    `Preview at ${running.url}${options.pdf ? ` (PDF at ${running.url}book.pdf)` : ''}. Ctrl-C stops it.\n${errors.length > 0 ? `${errors.length} error${errors.length === 1 ? '' : 's'} (also in the browser):\n${errors.map((message) => `  ${compactLine(message)}`).join('')}` : ''}`,
  );
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await running.close();
  log('Preview stopped.\n');
  return 0;
}

async function scaffold(args: string[], root: string | undefined): Promise<number> {
  const [kind, slug, ...rest] = args;
  if (kind !== undefined && kind !== 'case' && kind !== 'chapter') {
    const guess = suggest(kind, ['case', 'chapter']);
    return fail(
      new UsageError(
        `Unknown kind \`${kind}\`${guess ? `; did you mean \`new ${guess}\`?` : ''}, expected \`whitepaper new case <slug>\` or \`whitepaper new chapter <slug>\``,
      ),
    );
  }
  if (!kind || !slug || rest.length > 0)
    return fail(new UsageError('Expected `whitepaper new case <slug>` or `whitepaper new chapter <slug>`'));
  try {
    const { newCase, newChapter } = await api();
    const path = await (kind === 'case' ? newCase : newChapter)(slug, root ? { root } : {});
    return write(process.stderr, `Wrote ${show(path)}: fill in every field, then run \`whitepaper check\`\n`, 0);
  } catch (error) {
    return fail(error);
  }
}

/**
 * How to run this CLI again from `here`: `whitepaper` when that name on PATH is this program (a
 * global install, `npm link`); else `node` and the path of the script that runs now, which works
 * in a new book folder where `whitepaper` is no command.
 *
 * @param here The folder the user typed in.
 */
function invocation(here: string): string {
  const script = process.argv[1] ?? '';
  const real = (path: string) => {
    try {
      return realpathSync(path);
    } catch {
      return undefined;
    }
  };
  const self = real(script);
  const onPath = (process.env['PATH'] ?? '')
    .split(delimiter)
    .some((folder) => folder !== '' && self !== undefined && real(join(folder, 'whitepaper')) === self);
  if (onPath) return 'whitepaper';
  const path = relative(here, script);
  return `node ${path.startsWith('..') || path === '' ? script : path}`;
}

async function start(args: string[], here: string): Promise<number> {
  if (args.length > 1) return fail(new UsageError(`Unexpected argument \`${args[1]}\``));
  const folder = resolve(here, args[0] ?? '.');
  try {
    const written = await (await api()).init(folder);
    const root = show(folder);
    const next = root === '.' ? '' : ` --root ${root}`;
    const me = invocation(here);
    return write(
      process.stderr,
      `Started a book in ${root}: ${written.length} files. Next: \`${me} check${next}\`, then \`${me} build${next}\`\n`,
      0,
    );
  } catch (error) {
    return fail(error);
  }
}

/** A path as the user reads it best: relative below the working folder, absolute elsewhere. */
function show(path: string): string {
  const near = relative(process.env['INIT_CWD'] ?? process.cwd(), path) || '.';
  return near.startsWith('..') ? path : near;
}

function summary(outputs: Outputs, milliseconds: number): string {
  if (!outputs.site)
    return outputs.dashboard
      ? `Wrote the editors' dashboard ${show(outputs.dashboard)} only: fix the errors above to build the book\n`
      : 'Wrote nothing: fix the errors above to build the book\n';
  const parts = [`${show(outputs.site)}/`];
  for (const edition of outputs.editions)
    if (edition.pdf) parts.push(`${show(edition.pdf)} (${edition.pageCount ?? 0} pages)`);
  for (const edition of outputs.editions) if (edition.epub) parts.push(show(edition.epub));
  if (outputs.certificates) parts.push(`${show(outputs.certificates)}/`);
  if (outputs.cases) parts.push(`${show(outputs.cases)}/`);
  if (outputs.dashboard) parts.push(show(outputs.dashboard));
  // Outputs beyond the built-in fields (the judges' packets, an output of one's own), by folder.
  for (const path of Object.values(outputs.more)) parts.push(show(path));
  return `Built ${parts.join(', ')} in ${(milliseconds / 1000).toFixed(1)} s\n`;
}

function fail(error: unknown): number {
  if (error instanceof WhitepaperError) {
    // A usage error is one line and where to look; the help is a command away.
    const help = error instanceof UsageError ? ': see `whitepaper --help`' : '';
    return write(process.stderr, `whitepaper: ${error.message}${help}\n`, error.exitCode);
  }
  // A bug, not bad input: keep the stack.
  return write(
    process.stderr,
    `whitepaper: internal error\n${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    70,
  );
}

function write(stream: NodeJS.WriteStream, text: string, status: number): number {
  stream.write(text);
  return status;
}

function version(): string {
  const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return manifest.version;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2));
}

/**
 * `whitepaper review list|resolve|import`.
 *
 * @param extra The subcommand and its argument.
 * @param values Options.
 * @param here The folder paths were typed in.
 * @returns Exit status.
 */
async function reviewCommand(
  extra: string[],
  values: { root?: string; open: boolean; reopen: boolean; by?: string; format: string },
  here: string,
): Promise<number> {
  const [sub, argument, ...rest] = extra;
  if (rest.length > 0) return fail(new UsageError(`Unexpected argument \`${rest[0]}\``));
  const root = values.root ?? here;
  try {
    const { formatComments, importComments, listComments, resolveComment } = await import('./reviewing.js');
    if (sub === 'list' && argument === undefined) {
      const comments = await listComments({ root, open: values.open, ...(values.by ? { by: values.by } : {}) });
      if (values.format === 'json')
        return write(
          process.stdout,
          `${JSON.stringify(
            comments.map(({ annotation, place }) => ({ ...annotation, place: place ?? null })),
            null,
            2,
          )}\n`,
          0,
        );
      return write(process.stdout, formatComments(comments) || 'No comments.\n', 0);
    }
    if (sub === 'resolve' && argument !== undefined) {
      const comment = await resolveComment(argument, { root, reopen: values.reopen });
      return write(process.stderr, `${comment.status === 'open' ? 'Reopened' : 'Resolved'} ${comment.id}\n`, 0);
    }
    if (sub === 'import' && argument !== undefined) {
      const { file, added, updated } = await importComments(argument, { root, cwd: here });
      process.stderr.write(formatReport([file]));
      if (exitStatus([file]) !== 0) return 1;
      return write(process.stderr, `Imported ${added} new and ${updated} known comments from ${argument}\n`, 0);
    }
    return fail(
      new UsageError(
        sub === undefined || !['list', 'resolve', 'import'].includes(sub)
          ? `Unknown review command \`${sub ?? ''}\`, expected \`list\`, \`resolve ID\` or \`import FILE\``
          : `Missing argument of \`review ${sub}\``,
      ),
    );
  } catch (error) {
    return fail(error);
  }
}

/**
 * `whitepaper import FILE…`.
 *
 * @param files The submitted files.
 * @param values Options.
 * @param here The folder paths were typed in.
 * @returns Exit status: 1 when any file was refused.
 */
async function importCommand(
  files: string[],
  values: { root?: string; replace: boolean; format: string },
  here: string,
): Promise<number> {
  try {
    const { importSubmissions } = await import('./importing.js');
    const results = await importSubmissions({
      root: values.root ?? here,
      files: files.map((file) => resolve(here, file)),
      replace: values.replace,
    });
    const all = results.flatMap((result) => result.files);
    for (const file of all) if (file.path.startsWith('/')) file.path = relative(here, file.path);
    process.stderr.write(formatReport(all, values.format === 'compact' ? { format: 'compact' } : {}));
    for (const [index, result] of results.entries())
      process.stderr.write(
        result.written.length > 0
          ? `Imported ${files[index]}: ${result.written.join(', ')}${result.replaced ? ' (replacing the case before)' : ''}\n`
          : `Refused ${files[index]}: nothing written\n`,
      );
    return results.some((result) => result.written.length === 0) ? 1 : 0;
  } catch (error) {
    return fail(error);
  }
}

/**
 * `whitepaper judging assign|results`.
 *
 * @param extra The subcommand.
 * @param values Options.
 * @param here The folder paths were typed in.
 * @returns Exit status.
 */
async function judgingCommand(
  extra: string[],
  values: { root?: string; format: string; 'per-case'?: string },
  here: string,
): Promise<number> {
  const [sub, ...rest] = extra;
  if (rest.length > 0) return fail(new UsageError(`Unexpected argument \`${rest[0]}\``));
  const root = values.root ?? here;
  const perCase = values['per-case'] === undefined ? undefined : Number(values['per-case']);
  if (perCase !== undefined && !(Number.isInteger(perCase) && perCase > 0))
    return fail(new UsageError(`Unexpected \`--per-case ${values['per-case']}\`, expected a whole number of judges`));
  try {
    const { assignCases, formatResults, listResults, proposeAwards } = await import('./judges.js');
    if (sub === 'assign') {
      const rounds = await assignCases({ root, ...(perCase ? { perCase } : {}) });
      const unmet = [...(rounds.screening?.unmet ?? []), ...rounds.scored.unmet];
      for (const [judge, cases] of rounds.scored.byJudge) {
        const screens = rounds.screening?.byJudge.get(judge)?.length;
        process.stdout.write(`${judge}: ${screens === undefined ? '' : `screens ${screens}, `}${cases.length} cases\n`);
      }
      for (const line of unmet) process.stderr.write(`whitepaper: ${line}\n`);
      if (rounds.waiting.length > 0)
        process.stderr.write(
          `whitepaper: ${rounds.waiting.length} cases wait for their screening before judges are assigned to score them: ${rounds.waiting.map((slug) => `\`${slug}\``).join(', ')}\n`,
        );
      process.stderr.write('Wrote judging/assignments.yaml\n');
      return unmet.length > 0 ? 1 : 0;
    }
    if (sub === 'propose') return write(process.stdout, await proposeAwards({ root }), 0);
    if (sub === 'results') {
      const results = await listResults({ root });
      return write(
        process.stdout,
        values.format === 'json' ? `${JSON.stringify(results, null, 2)}\n` : formatResults(results),
        0,
      );
    }
    return fail(
      new UsageError(`Unknown judging command \`${sub ?? ''}\`, expected \`assign\`, \`results\` or \`propose\``),
    );
  } catch (error) {
    return fail(error);
  }
}
