import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { WebSocket } from 'ws';
import { CLI, describeE2E, dockerPrerequisites, lab, labFile, usesLabs } from './helpers.js';

const DMZ = 'web-dmz';
const DOCKER = 'web-dock';
const HA = 'web-ha';
const CHROMIUM = '/usr/bin/chromium';

interface NodeStatus {
  name: string;
  kind: string;
  address?: string;
}

const statusOf = async (name: string): Promise<NodeStatus[]> => JSON.parse((await lab(['status', name, '--format', 'json'])).stdout)[0].nodes;

/** `lab web` on a free port, started as a user does; resolves with the URLs it prints. */
function startWeb(args: string[]): Promise<{ child: ChildProcess; lines: string[] }> {
  const child = spawn(process.execPath, [CLI, 'web', '--port', '0', '--interval', '1', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let text = '';
    child.stdout.on('data', (d: Buffer) => {
      text += String(d);
      if (/Ctrl-C|\n\s*$/.test(text) && text.includes('lab web: http')) setTimeout(() => resolve({ child, lines: text.trim().split('\n') }), 300);
    });
    child.on('exit', (code) => reject(new Error(`lab web exited ${code}`)));
  });
}

const urlIn = (line: string) => line.slice(line.indexOf('http'));

/**
 * A terminal follows its element's size: after the browser window is resized, xterm.js shows
 * other rows and columns (as many row elements as it says), and `stty size` typed in the shell
 * prints those, so the pty was resized with it. The window is put back after.
 */
async function expectSizedToWindow(page: Page, section: Locator, node: string): Promise<void> {
  const holder = section.locator(`.term[data-node="${node}"]`);
  const rows = holder.locator('.xterm-rows');
  const shown = async () => `${await holder.getAttribute('data-rows')} ${await holder.getAttribute('data-cols')}`;
  const before = await shown();
  expect(before).toMatch(/^\d+ \d+$/);
  const viewport = page.viewportSize();
  await page.setViewportSize({ width: 900, height: 640 });
  try {
    await expect.poll(shown, { timeout: 10_000 }).not.toBe(before);
    const size = await shown();
    expect(await rows.locator(':scope > div').count()).toBe(Number(size.split(' ')[0]));
    await holder.locator('.xterm').click();
    await page.keyboard.type('clear; stty size\n');
    await expect.poll(() => rows.innerText(), { timeout: 20_000 }).toMatch(new RegExp(`^${size}$`, 'm'));
  } finally {
    if (viewport) await page.setViewportSize(viewport);
  }
}

describeE2E(
  'lab web in a real browser (Chromium driven by playwright-core)',
  () => {
    usesLabs(DMZ, HA);
    let web: ChildProcess;
    let url = '';
    let browser: Browser;
    let page: Page;

    beforeAll(async () => {
      expect((await lab(['up', labFile('dmz', DMZ)], { timeoutMs: 180_000 })).code).toBe(0);
      expect((await lab(['up', labFile('central-ha', HA)], { timeoutMs: 240_000 })).code).toBe(0);
      const started = await startWeb([DMZ, HA]);
      web = started.child;
      url = urlIn(started.lines[0]!);
      const { chromium } = await import('playwright-core');
      browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
      page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    }, 600_000);

    afterAll(async () => {
      await browser?.close();
      web?.kill('SIGTERM');
    });

    it('refuses a wrong token or none with 403, and loads with the one it printed', async () => {
      const base = url.slice(0, url.indexOf('?'));
      for (const bad of [`${base}?token=0123456789abcdef0123456789abcdef`, base, `${base}api/labs?token=nope`]) expect((await fetch(bad)).status).toBe(403);
      const res = await page.goto(url);
      expect(res?.status()).toBe(200);
      await expect.poll(() => page.locator('#status').textContent(), { timeout: 15_000 }).toBe('live');
    });

    it('lists both labs in one table on the main page: owner, state, score, and a link to each section', async () => {
      const rows = page.locator('#room tbody tr');
      await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(2);
      for (const name of [DMZ, HA]) {
        const cells = await page.locator(`#room tr[data-lab="${name}"] td`).allTextContents();
        expect(cells.slice(0, 3)).toEqual([name, 'root', 'healthy']);
        expect(await page.locator(`#room tr[data-lab="${name}"] a`).getAttribute('href')).toBe(`#lab-${name}`);
      }
      expect(await page.locator(`#room tr[data-lab="${DMZ}"] td`).nth(3).textContent()).toMatch(/^(\d\/2)?$/);
    });

    it('draws every node of dmz and central-ha', async () => {
      for (const name of [DMZ, HA]) {
        const drawn = page.locator(`section[data-lab="${name}"] .graph svg g.node title`);
        await drawn.first().waitFor({ state: 'attached', timeout: 30_000 });
        const titles = await drawn.allTextContents();
        const nodes = await statusOf(name);
        expect(nodes.length).toBeGreaterThanOrEqual(name === HA ? 7 : 5);
        for (const n of nodes) expect(titles, `${name}: ${n.kind} ${n.name}`).toContain(`${n.kind}_${n.name}`);
      }
    });

    it("shows vm1's lease when `ip -4 addr` is typed in its terminal", async () => {
      const lease = (await statusOf(DMZ)).find((n) => n.name === 'vm1')?.address;
      expect(lease).toBe('172.16.255.130/26');
      const section = page.locator(`section[data-lab="${DMZ}"]`);
      await section.locator('select.term-node').selectOption('vm1');
      await section.locator('button.open-terminal').click();
      const rows = section.locator('.term[data-node="vm1"] .xterm-rows');
      await expect.poll(() => rows.innerText(), { timeout: 20_000 }).toContain(`[lab ${DMZ}:vm1]`);
      await section.locator('.term[data-node="vm1"] .xterm').click();
      await page.keyboard.type('ip -4 addr\n');
      await expect.poll(() => rows.innerText(), { timeout: 20_000 }).toContain(`inet ${lease}`);
    });

    it("sizes vm1's terminal to its element: `stty size` prints what xterm shows after the window is resized", async () => {
      await expectSizedToWindow(page, page.locator(`section[data-lab="${DMZ}"]`), 'vm1');
    });

    it('runs the checks from a button and shows each pass as it comes', async () => {
      const section = page.locator(`section[data-lab="${DMZ}"]`);
      await section.locator('button.run-checks').click();
      const summary = section.locator('.checks-summary');
      await expect.poll(() => summary.getAttribute('data-state'), { timeout: 180_000, intervals: [1000] }).not.toBe('running');
      const states = await section.locator('ul.checks li').evaluateAll((lis) => lis.map((li) => `${(li as HTMLElement).dataset.state} ${li.textContent}`));
      expect(states.length).toBeGreaterThan(5);
      expect(states.filter((s) => !/^(passed|skipped) /.test(s))).toEqual([]);
      expect(await summary.getAttribute('data-state')).toBe('passed');
    });

    it('runs lab trace between two VMs and lab flows --during a ping, from the page', async () => {
      const section = page.locator(`section[data-lab="${DMZ}"]`);
      await section.locator('button.trace').click();
      const trace = section.locator('pre.trace-output');
      await expect.poll(() => trace.textContent(), { timeout: 60_000 }).toMatch(/^\$ ovn-trace dmz '[^\n]*ip4\.dst == 172\.16\.255\.131[\s\S]*output to "dmz-vm2"/);
      await section.locator('button.flows').click();
      const flows = section.locator('pre.flows-output');
      await expect.poll(() => flows.textContent(), { timeout: 90_000 }).toMatch(/1 received[\s\S]*\d+ flows counted packets \(exit 0\)/);
      expect(await flows.textContent()).toContain('ls_in_');
    });

    it('turns a chassis red within a few seconds of its ovn-controller being killed', async () => {
      const pidFile = `/run/lab/${DMZ}/nodes/hv1/ovn-controller.pid`;
      expect(existsSync(pidFile)).toBe(true);
      const section = page.locator(`section[data-lab="${DMZ}"]`);
      const row = section.locator('tr[data-node="hv1"]');
      expect(await row.getAttribute('data-down')).toBe('false');
      const killed = performance.now();
      process.kill(Number(readFileSync(pidFile, 'utf8')), 'SIGKILL');
      await expect.poll(() => row.getAttribute('data-down'), { timeout: 15_000, intervals: [200] }).toBe('true');
      const fill = section
        .locator('.graph svg g.node')
        .filter({ has: page.locator('title', { hasText: /^chassis_hv1$/ }) })
        .locator('polygon')
        .first();
      await expect.poll(() => fill.getAttribute('fill'), { timeout: 5_000 }).toBe('#f28b82');
      const seconds = (performance.now() - killed) / 1000;
      console.log(`lab web: hv1 red ${seconds.toFixed(1)} s after its ovn-controller was killed`);
      expect(seconds).toBeLessThan(10);
      // The other chassis stays as it was.
      expect(await section.locator('tr[data-node="hv2"]').getAttribute('data-down')).toBe('false');
    });

    it('scores an exercise before and after its solution is applied (lab check, lab solution --apply)', async () => {
      const section = page.locator(`section[data-lab="${DMZ}"]`);
      // The learner mends what the test above broke, with the command a learner types; hv1 turns back.
      const restarted = await lab(['restart', 'hv1', 'ovn-controller', '--lab', DMZ], { timeoutMs: 60_000 });
      expect(restarted.code, restarted.stderr).toBe(0);
      await expect.poll(() => section.locator('tr[data-node="hv1"]').getAttribute('data-down'), { timeout: 15_000 }).toBe('false');
      const score = section.locator('p.exercise');
      await expect.poll(() => score.getAttribute('data-score'), { timeout: 15_000 }).toBe('0/2');
      // Before the solution: block-ping's checks fail (vm1 still pings vm2), and the score stays.
      const before = await lab(['check', '--lab', DMZ], { timeoutMs: 180_000 });
      expect(before.code).toBe(1);
      expect(before.stdout).toContain('score: 0/2');
      const applied = await lab(['solution', '2', '--apply', '--lab', DMZ], { timeoutMs: 60_000 });
      expect(applied.code, applied.stderr).toBe(0);
      const after = await lab(['check', '--lab', DMZ], { timeoutMs: 180_000 });
      expect(after.stdout).toContain('score: 1/2');
      await expect.poll(() => score.getAttribute('data-score'), { timeout: 15_000 }).toBe('1/2');
      expect(await score.textContent()).toContain('2. block-ping: passed');
    }, 400_000);

    it('workshop mode: a participant token opens only their labs, and no shell on netns nodes', async () => {
      const started = await startWeb(['--workshop', '--participant', 'alice', DMZ]);
      try {
        const byUser = new Map(started.lines.slice(1).map((l) => [l.trim().split(':')[0]!, urlIn(l)]));
        const root = byUser.get('root')!;
        const alice = byUser.get('alice')!;
        const labsOf = async (u: string) => ((await (await fetch(u.replace('/?', '/api/labs?'))).json()) as { name: string }[]).map((l) => l.name);
        expect(await labsOf(root)).toEqual([DMZ]);
        expect(await labsOf(alice)).toEqual([]);
        const refused = await new Promise<string>((resolve) => {
          const ws = new WebSocket(root.replace('http:', 'ws:').replace('/?', `/api/labs/${DMZ}/nodes/vm1/terminal?`));
          ws.on('open', () => resolve('opened'));
          ws.on('unexpected-response', (_req, res) => {
            let body = '';
            res.on('data', (d: Buffer) => (body += String(d)));
            res.on('end', () => resolve(`${res.statusCode} ${body}`));
          });
          ws.on('error', (e) => resolve(`error ${e.message}`));
        });
        expect(refused).toMatch(/^403 workshop mode gives shells only in the docker runtime's containers/);
      } finally {
        started.child.kill('SIGTERM');
      }
    });
  },
  existsSync(CHROMIUM) ? [] : [`chromium at ${CHROMIUM} (apt-get install chromium)`],
);

const noChromium = existsSync(CHROMIUM) ? [] : [`chromium at ${CHROMIUM} (apt-get install chromium)`];

describeE2E(
  "lab web --workshop: a participant's terminal is a shell in a docker runtime's container",
  () => {
    usesLabs(DOCKER);

    it("types `ip -4 addr` in vm1's terminal, in its chassis container", async () => {
      // Docker labs on one underlay subnet collide ("Pool overlaps"): this one takes its own.
      const file = labFile('dmz', DOCKER, (t) => t.replace(/^name: .*$/m, `name: ${DOCKER}\nunderlay: { subnet: 192.168.171.0/24 }`));
      expect((await lab(['up', file, '--runtime', 'docker'], { timeoutMs: 300_000 })).code).toBe(0);
      const started = await startWeb(['--workshop', DOCKER]);
      const { chromium } = await import('playwright-core');
      const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
      try {
        const root = urlIn(started.lines.find((l) => l.trim().startsWith('root:'))!);
        const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
        await page.goto(root);
        const section = page.locator(`section[data-lab="${DOCKER}"]`);
        await section.locator('select.term-node').selectOption('vm1');
        await section.locator('button.open-terminal').click();
        const rows = section.locator('.term[data-node="vm1"] .xterm-rows');
        await expect.poll(() => rows.innerText(), { timeout: 30_000 }).toContain(`[lab ${DOCKER}:vm1]`);
        await section.locator('.term[data-node="vm1"] .xterm').click();
        // A container's shell: it sees the container's files (its hostname is the chassis container's), not the host's.
        await page.keyboard.type('ip -4 addr; cat /etc/hostname\n');
        await expect.poll(() => rows.innerText(), { timeout: 20_000 }).toContain('inet 172.16.255.130/26');
        expect(await page.locator('#root-warning').isHidden()).toBe(true);
        // Docker makes this pty: the Docker API resizes it.
        await expectSizedToWindow(page, section, 'vm1');
      } finally {
        await browser.close();
        started.child.kill('SIGTERM');
      }
    }, 400_000);
  },
  [...noChromium, ...(await dockerPrerequisites())],
);
