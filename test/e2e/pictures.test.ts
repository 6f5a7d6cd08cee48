import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { CLI, lab } from './helpers.js';

const CHROMIUM = '/usr/bin/chromium';
/** The browser's width in test/e2e/web.test.ts; `lab graph --format html` leaves 1336 px of it to the picture, `lab web` 1352. */
const WIDTH = 1400;
/** The smallest text a reader is asked to read: 11 CSS px, the size of small print on the web. */
const READABLE_PX = 11;
const LABS = readdirSync('labs')
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => f.replace(/\.yaml$/, ''));

/** What the page shows of a picture, read from its DOM at the page's width. */
interface Picture {
  /** Every text of the drawing (node labels, edge labels, legend): its words, its box on the page, its size in CSS px. */
  texts: { text: string; box: Box; px: number }[];
  /** Each node: its id (dot's title), fill colour, shape box, and the boxes of its lines of text. */
  nodes: { id: string; fill: string; shape: Box; texts: { text: string; box: Box }[] }[];
  /** Each line: its two ends (dot's title `a--b`) and its label. */
  edges: { ends: string[]; label: string }[];
}

interface Box {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** Reads a rendered picture: runs in the browser. */
function readPicture(): Picture {
  const svg = document.querySelector('#graph svg') as SVGSVGElement;
  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  const box = (e: Element) => {
    const r = e.getBoundingClientRect();
    return { left: r.left, right: r.right, top: r.top, bottom: r.bottom };
  };
  const title = (g: Element) => g.querySelector('title')?.textContent ?? '';
  return {
    texts: [...svg.querySelectorAll('text')].map((t) => ({ text: t.textContent ?? '', box: box(t), px: Number(t.getAttribute('font-size')) * scale })),
    nodes: [...svg.querySelectorAll('g.node')].map((g) => {
      const shape = g.querySelector('polygon, ellipse, path');
      return { id: title(g), fill: shape?.getAttribute('fill') ?? '', shape: shape ? box(shape) : box(g), texts: [...g.querySelectorAll('text')].map((t) => ({ text: t.textContent ?? '', box: box(t) })) };
    }),
    edges: [...svg.querySelectorAll('g.edge')].map((g) => ({ ends: title(g).split('--'), label: g.querySelector('text')?.textContent ?? '' })),
  };
}

const overlap = (a: Box, b: Box) => a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
const inside = (inner: Box, outer: Box) => inner.left >= outer.left - 1 && inner.right <= outer.right + 1 && inner.top >= outer.top - 1 && inner.bottom <= outer.bottom + 1;
const between = (p: Picture, a: string, b: string) => p.edges.filter((e) => e.ends.includes(a) && e.ends.includes(b) && a !== b);

/** Like describeE2E, but needs no root: Chromium and the built CLI. Fails in CI without them, skipped loudly elsewhere. */
function describeWithChromium(name: string, body: () => void): void {
  const missing = [...(existsSync(CHROMIUM) ? [] : [`chromium at ${CHROMIUM} (apt-get install chromium)`]), ...(existsSync(CLI) ? [] : ['the built CLI dist/lab/main.js (npm run build)'])];
  if (!missing.length) return describe(name, body);
  if (process.env.CI) return describe(name, () => it('has its prerequisites', () => expect.fail(`'${name}' cannot run: missing ${missing.join(', ')}`)));
  console.warn(`SKIPPED end-to-end '${name}': missing ${missing.join(', ')}`);
  describe.skip(name, body);
}

describeWithChromium('pictures of every lab, looked at in a real browser (Chromium) at the width the pages show them', () => {
  const pictures = new Map<string, Picture>();
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lab-pictures-'));
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    page = await browser.newPage({ viewport: { width: WIDTH, height: 1000 } });
    for (const name of LABS) {
      const file = join(dir, `${name}.html`);
      const made = await lab(['graph', `labs/${name}.yaml`, '--format', 'html', '-o', file]);
      expect(made.code, made.stderr).toBe(0);
      await page.goto(`file://${resolve(file)}`);
      await page.waitForSelector('body[data-rendered]');
      pictures.set(name, await page.evaluate(readPicture));
    }
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
  });

  const picture = (name: string) => {
    const p = pictures.get(name);
    if (!p) throw new Error(`no picture of ${name}`);
    return p;
  };

  it.each(LABS)('%s: no two texts overlap, none under 11 px, each node label inside its shape', (name) => {
    const p = picture(name);
    expect(p.texts.length).toBeGreaterThan(10);
    const overlaps = p.texts.flatMap((a, i) =>
      p.texts
        .slice(i + 1)
        .filter((b) => overlap(a.box, b.box))
        .map((b) => `'${a.text}' over '${b.text}'`),
    );
    expect(overlaps).toEqual([]);
    expect(p.texts.filter((t) => t.px < READABLE_PX).map((t) => `'${t.text}' at ${t.px.toFixed(1)} px`)).toEqual([]);
    const outside = p.nodes.flatMap((n) => n.texts.filter((t) => !inside(t.box, n.shape)).map((t) => `${n.id}: '${t.text}'`));
    expect(outside).toEqual([]);
  });

  it.each(LABS)('%s: the legend shows every colour of node the picture has, and every kind of line', (name) => {
    const p = picture(name);
    const legend = p.nodes.filter((n) => n.id.startsWith('legend_k'));
    const drawn = p.nodes.filter((n) => !n.id.startsWith('legend_'));
    expect(legend.length).toBeGreaterThan(1);
    for (const n of drawn)
      expect(
        legend.map((l) => l.fill),
        `${n.id}'s colour ${n.fill}`,
      ).toContain(n.fill);
    const legendLines = p.edges.filter((e) => e.ends.every((end) => /^legend_\d+a$|^legend_\d+b$/.test(end)));
    expect(legendLines.length).toBeGreaterThanOrEqual(3);
  });

  it('load-balancer: a line from the load balancer to each backend VM', () => {
    const p = picture('load-balancer');
    for (const vm of ['web1', 'web2', 'web3']) expect(between(p, 'lb_web', `vm_${vm}`).map((e) => e.label)).toEqual(['backend :8080']);
  });

  it("gateways: r1's src-ip routes, an arrow to each gateway router", () => {
    const p = picture('gateways');
    expect(between(p, 'router_r1', 'router_gw1').map((e) => e.label)).toContain('src-ip 10.0.1.0/24');
    expect(between(p, 'router_r1', 'router_gw2').map((e) => e.label)).toContain('src-ip 10.0.2.0/24');
  });

  it('vpc: the floating IP tied to its VM', () => {
    expect(between(picture('vpc'), 'router_r1', 'vm_vm1').map((e) => e.label)).toEqual(['floating IP 172.16.0.100']);
    expect(between(picture('vpc'), 'router_r1', 'vm_vm2')).toEqual([]);
  });

  it('router-vm: the route whose next hop is a VM, an arrow to it', () => {
    const p = picture('router-vm');
    expect(p.edges.some((e) => e.ends.includes('router_r1') && e.ends.some((end) => end.startsWith('vm_')) && /\d+\.\d+\.\d+\.\d+\/\d+/.test(e.label))).toBe(true);
  });

  it('central-ha: the three central members, each tied to the other two by Raft', () => {
    const p = picture('central-ha');
    const members = p.nodes.filter((n) => n.id.startsWith('central_')).map((n) => n.id);
    expect(members).toEqual(['central_central', 'central_central2', 'central_central3']);
    for (const [a, b] of [members.slice(0, 2), [members[0], members[2]], members.slice(1)] as [string, string][]) expect(between(p, a, b).map((e) => e.label)).toEqual(['Raft']);
  });
});
