import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import type { Exec } from '../base/exec.js';
import { UserError } from '../base/errors.js';
import { listLabs, readRecord } from '../core/lab-store.js';
import { opens, terminalRefusal, type Access, Tokens } from './access.js';
import { flowsWhile, runLabChecks, traceBetween } from './actions.js';
import { asset, isAsset } from './assets.js';
import { pageHtml } from './page.js';
import type { LabView, LiveLabs } from './state.js';
import { shellOnSocket } from './terminals.js';

export interface WebOptions {
  host: string;
  port: number;
  workshop: boolean;
  exec: Exec;
  live: LiveLabs;
  tokens?: Tokens;
  /** Workshop mode: participants whose tokens open the page before a lab of theirs is up. */
  participants?: readonly string[];
  /** Only these labs (an empty list: every lab). */
  only?: readonly string[];
}

export interface WebServer {
  /** The address the page is at, without its token. */
  base: string;
  tokens: Tokens;
  close(): Promise<void>;
}

/** A request's lab, as far as its token opens it: its name and what a page may do in it. */
interface Opened {
  access: Access;
  lab: string;
  hostFiles: boolean;
  terminals: boolean;
}

const send = (res: ServerResponse, code: number, type: string, body: string | Buffer) => {
  res.writeHead(code, { 'content-type': type, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  res.end(body);
};
const json = (res: ServerResponse, code: number, body: unknown) => send(res, code, 'application/json', JSON.stringify(body));

async function readJson(req: IncomingMessage): Promise<Record<string, string>> {
  let text = '';
  for await (const chunk of req) {
    text += String(chunk);
    if (text.length > 65536) throw new UserError('request too large');
  }
  const body = JSON.parse(text || '{}') as unknown;
  if (typeof body !== 'object' || body === null) throw new UserError('a JSON object was expected');
  return Object.fromEntries(Object.entries(body).map(([k, v]) => [k, String(v)]));
}

/** The labs a token opens, as the page shows them. */
function visible(labs: LabView[], access: Access): LabView[] {
  return labs.filter((l) => opens(access, l.owner));
}

/** Serves the page of the labs that are up: a token in every URL, a wrong one refused with 403. */
export async function startWeb(opts: WebOptions): Promise<WebServer> {
  const tokens = opts.tokens ?? new Tokens(opts.workshop);
  const owners = async () =>
    (
      await Promise.all(
        (await listLabs()).map((n) =>
          readRecord(n).then(
            (r) => r.owner.user,
            () => undefined,
          ),
        ),
      )
    ).filter((u): u is string => !!u);
  const accessOf = async (url: URL) => tokens.check(url.searchParams.get('token'), [...(await owners()), ...(opts.participants ?? [])]);
  const openedBy = async (access: Access, lab: string): Promise<Opened | undefined> => {
    const record = await readRecord(lab).catch(() => undefined);
    if (!record || !opens(access, record.owner.user) || (opts.only?.length && !opts.only.includes(lab))) return undefined;
    const view = opts.live.latest.find((l) => l.name === lab) ?? (await opts.live.now()).find((l) => l.name === lab);
    return { access, lab, hostFiles: view?.hostFiles ?? true, terminals: view?.terminals ?? false };
  };
  const route = routes(opts, accessOf, openedBy);
  const server = createServer((req, res) => {
    route(req, res).catch((e: Error) => {
      if (!res.headersSent) json(res, e instanceof UserError ? 400 : 500, { error: e.message });
      else res.end();
    });
  });
  attachTerminals(server, opts, accessOf, openedBy);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, resolve);
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    base: `http://${host}:${address.port}/`,
    tokens,
    close: () =>
      new Promise((resolve) => {
        opts.live.stop();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

type AccessOf = (url: URL) => Promise<Access | undefined>;
type OpenedBy = (access: Access, lab: string) => Promise<Opened | undefined>;

/** Terminals: a websocket at /api/labs/LAB/nodes/NODE/terminal, refused where the token or the mode does not allow it. */
function attachTerminals(server: Server, opts: WebOptions, accessOf: AccessOf, openedBy: OpenedBy): void {
  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://lab');
      const m = /^\/api\/labs\/([^/]+)\/nodes\/([^/]+)\/terminal$/.exec(url.pathname);
      const access = await accessOf(url);
      const opened = m && access ? await openedBy(access, decodeURIComponent(m[1]!)) : undefined;
      const refusal = opened ? terminalRefusal(opts.workshop, opened.hostFiles, opened.terminals) : 'forbidden';
      if (!m || !opened || refusal) {
        socket.end(`HTTP/1.1 403 Forbidden\r\ncontent-type: text/plain\r\n\r\n${refusal ?? 'forbidden'}\n`);
        return;
      }
      wss.handleUpgrade(req, socket, head, (ws) => {
        const size = { cols: Number(url.searchParams.get('cols')) || 100, rows: Number(url.searchParams.get('rows')) || 24 };
        shellOnSocket(ws, opened.lab, decodeURIComponent(m[2]!), opts.exec, size).catch((e: Error) => ws.close(1011, e.message.slice(0, 100)));
      });
    })();
  });
  server.on('close', () => wss.close());
}

/** The page, its assets, the labs (now, and as a stream of server-sent events), and the actions. */
function routes(opts: WebOptions, accessOf: AccessOf, openedBy: OpenedBy): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  return async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://lab');
    const access = await accessOf(url);
    if (!access) return send(res, 403, 'text/plain', 'forbidden: this page needs the token printed by lab web\n');
    const token = url.searchParams.get('token') ?? '';
    if (req.method === 'GET' && url.pathname === '/') return send(res, 200, 'text/html; charset=utf-8', pageHtml(token, { workshop: opts.workshop, user: access.who === 'owner' ? access.user : undefined }));
    const assetName = /^\/assets\/(.+)$/.exec(url.pathname)?.[1];
    if (req.method === 'GET' && assetName && isAsset(assetName)) {
      const a = await asset(assetName);
      return send(res, 200, a.type, a.body);
    }
    if (req.method === 'GET' && url.pathname === '/api/labs') return json(res, 200, visible(await opts.live.now(), access));
    if (req.method === 'GET' && url.pathname === '/api/events') return streamLabs(req, res, opts.live, access);
    const action = /^\/api\/labs\/([^/]+)\/(checks|trace|flows)$/.exec(url.pathname);
    const opened = action && req.method === 'POST' ? await openedBy(access, decodeURIComponent(action[1]!)) : undefined;
    if (!action || !opened) return send(res, 404, 'text/plain', 'not found\n');
    if (action[2] === 'checks') return streamChecks(res, opened.lab, opts.exec);
    const body = await readJson(req);
    if (action[2] === 'trace') return json(res, 200, await traceBetween(opened.lab, opts.exec, body.from ?? '', body.to ?? '', body.proto || 'icmp'));
    // A command typed on the page runs as root in a node: in a workshop, only in a container.
    const refusal = terminalRefusal(opts.workshop, opened.hostFiles, true);
    if (refusal) return json(res, 403, { error: refusal });
    return json(res, 200, await flowsWhile(opened.lab, opts.exec, body.chassis ?? '', body.node ?? '', body.command ?? ''));
  };
}

/** Every look at the labs, as server-sent events, until the page goes. */
function streamLabs(req: IncomingMessage, res: ServerResponse, live: LiveLabs, access: Access): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
  // A look that changed nothing sends nothing: a lab's picture is tens of kilobytes.
  let last = '';
  const stop = live.watch((labs) => {
    const data = JSON.stringify(visible(labs, access));
    if (data !== last) res.write(`data: ${(last = data)}\n\n`);
  });
  req.on('close', stop);
}

/** One run of a lab's checks at a time; each event a line of JSON as it comes. */
const running = new Set<string>();

async function streamChecks(res: ServerResponse, lab: string, exec: Exec): Promise<void> {
  if (running.has(lab)) return json(res, 409, { error: `the checks of lab '${lab}' are running already` });
  running.add(lab);
  res.writeHead(200, { 'content-type': 'application/x-ndjson', 'cache-control': 'no-store' });
  try {
    const totals = await runLabChecks(lab, exec, (e) => res.write(`${JSON.stringify(e)}\n`));
    res.end(`${JSON.stringify({ done: true, ...totals })}\n`);
  } catch (e) {
    res.end(`${JSON.stringify({ done: true, error: (e as Error).message })}\n`);
  } finally {
    running.delete(lab);
  }
}
