import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createExec } from '../../src/base/exec.js';
import { Tokens } from '../../src/web/access.js';
import { startWeb, type WebServer } from '../../src/web/server.js';
import { downNodes, LiveLabs, type LabView } from '../../src/web/state.js';
import { parseTopology } from '../../src/topology/load.js';

const view = (name: string, owner: string): LabView => ({
  name,
  runtime: 'netns',
  owner,
  health: 'healthy',
  nodes: [],
  down: [],
  svg: '<svg></svg>',
  checks: [],
  vms: [],
  chassis: [],
  hostFiles: true,
  terminals: true,
});

describe("lab web's server (on loopback, labs from a fake look)", () => {
  let web: WebServer;
  const tokens = new Tokens(true);
  const at = (path: string, token: string) => fetch(`${web.base}${path}${path.includes('?') ? '&' : '?'}token=${token}`);

  beforeAll(async () => {
    // No lab is up in this state directory: participants are the only owners the server knows.
    process.env.LAB_STATE_DIR = mkdtempSync(join(tmpdir(), 'lab-web-'));
    const live = new LiveLabs(async () => [view('a1', 'alice'), view('b1', 'bob')], 100);
    web = await startWeb({ host: '127.0.0.1', port: 0, workshop: true, exec: createExec(), live, tokens, participants: ['alice', 'bob'] });
  });
  afterAll(() => web.close());

  it('listens on loopback and refuses every path without the token, or with a wrong one, with 403', async () => {
    expect(web.base).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    for (const path of ['', 'api/labs', 'api/events', 'assets/xterm.js']) {
      expect((await fetch(`${web.base}${path}`)).status).toBe(403);
      expect((await at(path, 'f'.repeat(32))).status).toBe(403);
    }
  });

  it('serves the page, with the warning about root shells, xterm.js and its fit addon', async () => {
    const page = await at('', tokens.main);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(`data-token="${tokens.main}"`);
    expect(html).toContain("its shell sees and can change the host's files");
    const js = await at('assets/xterm.js', tokens.main);
    expect(js.headers.get('content-type')).toMatch(/javascript/);
    expect((await js.text()).length).toBeGreaterThan(100_000);
    // The fit addon, which sizes a terminal to its element: loaded by the page, served as its own file.
    expect(html).toContain(`<script src="/assets/addon-fit.js?token=${tokens.main}"></script>`);
    const fit = await at('assets/addon-fit.js', tokens.main);
    expect(fit.headers.get('content-type')).toMatch(/javascript/);
    expect(await fit.text()).toContain('FitAddon');
  });

  it("shows the main token every lab, and a participant's only theirs", async () => {
    const names = async (token: string) => ((await (await at('api/labs', token)).json()) as LabView[]).map((l) => l.name);
    expect(await names(tokens.main)).toEqual(['a1', 'b1']);
    expect(await names(tokens.forOwner('alice'))).toEqual(['a1']);
    expect(await names(tokens.forOwner('bob'))).toEqual(['b1']);
  });

  it('streams the labs as server-sent events', async () => {
    const res = await at('api/events', tokens.forOwner('bob'));
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    const reader = res.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    expect(first).toMatch(/^data: \[\{"name":"b1"/);
    await reader.cancel();
  });

  it('404s a lab the token does not open, before running anything', async () => {
    expect((await fetch(`${web.base}api/labs/a1/checks?token=${tokens.forOwner('bob')}`, { method: 'POST' })).status).toBe(404);
  });
});

describe('what the page draws as down', () => {
  it('a node gone, a daemon not running, a chassis the SB database does not list', () => {
    const node = (name: string, extra: object = {}) => ({ name, kind: 'chassis' as const, present: true, daemons: [{ name: 'ovn-controller', state: 'running' as const, running: true }], ...extra });
    const nodes = [
      node('ok', { registered: 'yes' }),
      node('gone', { present: false }),
      node('dead', { daemons: [{ name: 'ovn-controller', state: 'dead' as const, running: false }] }),
      node('unlisted', { registered: 'no' }),
      node('unknown', { registered: 'unknown' }),
    ];
    expect(downNodes({ nodes })).toEqual(['gone', 'dead', 'unlisted']);
  });
});

describe('what the page shows of a lab it cannot look at', () => {
  it("a docker lab whose engine does not answer: unreachable, with why, and the other labs' looks go on", async () => {
    const root = mkdtempSync(join(tmpdir(), 'lab-web-'));
    const lab = parseTopology(readFileSync('labs/dmz.yaml', 'utf8'), 'labs/dmz.yaml');
    mkdirSync(join(root, 'gone'));
    writeFileSync(
      join(root, 'gone', 'lab.json'),
      JSON.stringify({ format: 2, lab: { ...lab, name: 'gone' }, runtime: 'docker', datapath: 'netdev', createdAt: '2026-01-01T00:00:00.000Z', owner: { user: 'alice', uid: 1000 }, maker: { pid: 1, start: '', command: 'up' }, state: 'up' }),
    );
    const saved = { state: process.env.LAB_STATE_DIR, docker: process.env.DOCKER_HOST };
    process.env.LAB_STATE_DIR = root;
    process.env.DOCKER_HOST = `unix://${join(root, 'no-docker.sock')}`;
    try {
      mkdirSync(join(root, 'halfway'));
      writeFileSync(join(root, 'halfway', 'lab.json'), '{');
      const views = await LiveLabs.of(createExec(), async () => '<svg></svg>', 1000).now();
      expect(views.map((v) => [v.name, v.health])).toEqual([
        ['gone', 'unreachable'],
        ['halfway', 'incomplete'],
      ]);
      const view = views[0];
      expect(view).toMatchObject({ name: 'gone', runtime: 'docker', owner: 'alice', health: 'unreachable' });
      expect(view?.problem).toMatch(/^its docker runtime does not answer \(.*no-docker\.sock.*\); once it does, 'lab status gone' looks again/);
    } finally {
      process.env.LAB_STATE_DIR = saved.state;
      if (saved.docker === undefined) delete process.env.DOCKER_HOST;
      else process.env.DOCKER_HOST = saved.docker;
    }
  });
});
