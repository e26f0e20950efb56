/**
 * Failures of the environment or of the program, as opposed to problems in content (which are
 * vfile messages). The CLI prints these without a stack.
 */

/** Base class: an expected failure with a message a user can act on. */
export class WhitepaperError extends Error {
  /** Exit status the CLI uses for this failure. */
  readonly exitCode: number = 3;

  /**
   * @param message What went wrong and what to do about it.
   * @param options The underlying error, if any.
   */
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Wrong options or arguments (exit 2). */
export class UsageError extends WhitepaperError {
  override readonly exitCode = 2;
}

/** The request is understood but would destroy something, such as overwriting a file (exit 1). */
export class RefusedError extends WhitepaperError {
  override readonly exitCode = 1;
}

/** No usable browser for printing. */
export class BrowserNotFoundError extends WhitepaperError {}

/** A template is missing or does not compile or render. */
export class TemplateError extends WhitepaperError {}

/** The output folder cannot be written: a file in its place, read-only, full, locked by another build. */
export class OutputError extends WhitepaperError {}

/** The browser failed, hung or crashed while printing. */
export class PrintError extends WhitepaperError {}

/** The build was cancelled (Ctrl-C, an abort signal); the previous output is unchanged (exit 130). */
export class InterruptedError extends WhitepaperError {
  override readonly exitCode = 130;

  /**
   * @param options The underlying error, if any.
   */
  constructor(options?: { cause?: unknown }) {
    super('Interrupted: the previous output is unchanged', options);
  }
}
