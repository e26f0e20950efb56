/**
 * A preview session → an HTTP server on loopback that serves the site and pushes updates.
 */
import { mediaTypes } from '../data/media-types.js';
import { timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { posix } from 'node:path';
import { UsageError, WhitepaperError } from '../model/errors.js';
import { AnnotationProblem } from '../review/annotation.js';
import type { PreviewSession, Update } from './session.js';

const client = readFileSync(new URL('./client.js', import.meta.url), 'utf8');

/** The one script a preview page may run is the reload client, from the server itself. */
export const contentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const types: Record<string, string> = {
  ...mediaTypes,
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.pdf': 'application/pdf',
};

/** Options of `startServer`. */
export interface ServerOptions {
  /** Address to bind; default loopback. */
  host?: string;
  /** Port; 0 picks a free one. Default 4000. */
  port?: number;
  /** Serves `/book.pdf`, printed on demand. */
  pdf?: () => Promise<Buffer>;
}

/** A running preview server. */
export interface PreviewServer {
  url: string;
  /**
   * Tell every open page what changed.
   *
   * @param update From `PreviewSession.rebuild`.
   */
  broadcast(update: Update): void;
  close(): Promise<void>;
}

/**
 * Serve a session. Only paths the session holds are served (no file system lookups, so no
 * traversal); requests whose Host is not this server's are refused (DNS rebinding); every
 * page gets a Content-Security-Policy that allows the reload client and nothing inline.
 *
 * @param session The site in memory.
 * @param options Address, port and PDF.
 * @returns The server.
 */
export async function startServer(session: PreviewSession, options: ServerOptions = {}): Promise<PreviewServer> {
  const host = options.host ?? '127.0.0.1';
  const streams = new Set<ServerResponse>();
  let allowedHosts = new Set<string>();
  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent)
        send(
          response,
          500,
          'text/plain; charset=utf-8',
          `Preview error: ${error instanceof Error ? error.message : String(error)}\n`,
        );
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (!allowedHosts.has((request.headers.host ?? '').toLowerCase()))
      return send(response, 421, 'text/plain; charset=utf-8', 'Unexpected Host header\n');
    if (request.url === '/__whitepaper/review' && request.method === 'POST') return comment(request, response);
    if (request.method !== 'GET' && request.method !== 'HEAD')
      return send(response, 405, 'text/plain; charset=utf-8', 'Only GET and HEAD\n');
    const path = sitePath(request.url ?? '/');
    if (path === undefined) return send(response, 400, 'text/plain; charset=utf-8', 'Bad path\n');
    if (path === '__whitepaper/events') return openStream(response);
    if (path === '__whitepaper/client.js') return send(response, 200, types['.js'] ?? '', client);
    if (path === 'book.pdf' && options.pdf) return send(response, 200, types['.pdf'] ?? '', await options.pdf());
    const body = await session.read(path);
    if (!body) return send(response, 404, 'text/plain; charset=utf-8', `Not found: ${path}\n`);
    const type = types[posix.extname(path)] ?? 'application/octet-stream';
    if (type.startsWith('text/html')) return send(response, 200, type, injectClient(body.toString('utf8')));
    return send(response, 200, type, body);
  }

  /**
   * A comment from one of this server's pages: its origin, the session's token, JSON of at most
   * 64 KiB. Nothing of the request decides where the comment is written (`PreviewSession.comment`).
   */
  async function comment(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const refuse = (status: number, reason: string) =>
      send(response, status, 'text/plain; charset=utf-8', `${reason}\n`);
    if (!session.token) return refuse(404, 'This preview takes no comments');
    const origin = (request.headers.origin ?? '').toLowerCase();
    if (![...allowedHosts].some((host) => origin === `http://${host}`)) return refuse(403, 'Unexpected origin');
    const token = request.headers['x-whitepaper-token'];
    if (typeof token !== 'string' || !sameToken(token, session.token)) return refuse(403, 'Unexpected token');
    if (!(request.headers['content-type'] ?? '').startsWith('application/json')) return refuse(415, 'Expected JSON');
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of request as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > 64 * 1024) return refuse(413, 'Unexpected comment of more than 64 KiB');
      chunks.push(chunk);
    }
    let value: unknown;
    try {
      value = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      return refuse(400, 'Expected a comment as JSON');
    }
    try {
      const kept = await session.comment(value);
      return send(response, 200, 'application/json; charset=utf-8', JSON.stringify(kept));
    } catch (problem) {
      if (problem instanceof AnnotationProblem) return refuse(400, `Unexpected comment: ${problem.message}`);
      throw problem;
    }
  }

  function openStream(response: ServerResponse): void {
    response.writeHead(200, {
      'Content-Type': 'text/event-stream',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
    });
    response.write(event({ pages: [], messages: session.messages, milliseconds: 0 }));
    streams.add(response);
    response.on('close', () => streams.delete(response));
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new UsageError(`Port ${options.port ?? 4000} is in use: choose another with --port`)
          : new WhitepaperError(`Cannot serve on ${host}: ${error.message}`, { cause: error }),
      ),
    );
    server.listen(options.port ?? 4000, host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  const named = host === '127.0.0.1' || host === '::1' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  allowedHosts = new Set([`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`, `${named}:${port}`.toLowerCase()]);
  return {
    url: `http://${named}:${port}/`,
    broadcast(update) {
      const text = event(update);
      for (const stream of streams) stream.write(text);
    },
    async close() {
      for (const stream of streams) stream.end();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * The site path a request URL names, or `undefined` when it tries to leave the site.
 *
 * @param url Request target, such as `/chapters/energy.html?x#y`.
 * @returns Path below the site root, `index.html` for folders.
 */
export function sitePath(url: string): string | undefined {
  let path: string;
  try {
    path = decodeURIComponent(url.split(/[?#]/)[0] ?? '/');
  } catch {
    return undefined;
  }
  if (path.includes('\0') || path.includes('\\') || !path.startsWith('/')) return undefined;
  const normal = posix.normalize(path);
  if (normal !== path || path.split('/').includes('..')) return undefined;
  const relative = normal.slice(1);
  return relative === '' || relative.endsWith('/') ? `${relative}index.html` : relative;
}

function injectClient(html: string): string {
  const tag = '<script src="/__whitepaper/client.js" defer></script>';
  return html.includes('</head>') ? html.replace('</head>', `${tag}\n</head>`) : `${tag}\n${html}`;
}

function event(update: Update): string {
  return `event: update\ndata: ${JSON.stringify(update)}\n\n`;
}

function send(response: ServerResponse, status: number, type: string, body: string | Buffer): void {
  response.writeHead(status, {
    'Content-Type': type,
    'Content-Security-Policy': contentSecurityPolicy,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
  });
  response.end(response.req.method === 'HEAD' ? undefined : body);
}

/** Whether a token is the session's, in time that does not tell how much of it matched. */
function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
