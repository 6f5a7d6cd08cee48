import { LAYER, type EdgeKind, type LabGraph } from './model.js';

const SHAPES = { central: 'box3d', chassis: 'box3d', switch: 'ellipse', vm: 'box', router: 'octagon', network: 'cylinder', host: 'box', namespace: 'box', portgroup: 'folder', lb: 'diamond' } as const;
const COLORS = { central: '#fde2c4', chassis: '#d6e4f0', switch: '#d8f0d2', vm: '#ffffff', router: '#f6d6e8', network: '#eeeeee', host: '#fff7cc', namespace: '#fff7cc', portgroup: '#fbe3d6', lb: '#e4dcf4' } as const;
/** What each shape and colour is, as the legend says it. */
const MEANINGS = {
  central: 'central: NB/SB, northd',
  chassis: 'chassis (hypervisor)',
  switch: 'logical switch',
  vm: 'VM',
  router: 'logical router',
  network: 'provider network',
  host: 'host outside OVN',
  namespace: 'namespace',
  portgroup: 'set: port group,\nDNS, QoS, HA group',
  lb: 'load balancer',
} as const;

/**
 * Sizes in the SVG's units (pt): the pages show a picture at no less than 11/12 of them (see
 * `readableSvg`), so the smallest text, an edge's, is at least 11 CSS px. Courier, because Graphviz
 * sizes boxes by its own estimate of a font's widths, and its estimate for Courier (0.6 em a
 * character) is what every monospace font draws: labels stay inside their boxes in any browser
 * (Helvetica's estimate is Arial's, narrower than the DejaVu Sans a Linux browser draws instead).
 */
const FONT = { name: 'Courier', node: 14, edge: 12, cluster: 14 } as const;

const dotString = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

/** How each kind of line is drawn in dot; the legend shows the same. */
const EDGE_STYLES: Record<EdgeKind, { attrs: string; meaning: string }> = {
  control: { attrs: 'style=solid color="#888888"', meaning: 'SB connection, Raft' },
  tunnel: { attrs: 'style=dotted penwidth=2.5 color="#1f5fbf"', meaning: 'tunnel (Geneve, VXLAN, mirror)' },
  wire: { attrs: 'style=solid', meaning: 'link on a machine\n(br-int port, bridge, cable)' },
  logical: { attrs: 'style=dashed color="#2e7d32"', meaning: 'logical attachment in OVN' },
  route: { attrs: 'style=bold color="#8e24aa" fontcolor="#6a1b9a" dir=forward', meaning: 'where traffic is sent:\nnext hop, LB backend' },
  nat: { attrs: 'style=bold color="#e65100" fontcolor="#bf360c" dir=forward', meaning: 'floating IP (NAT) to its VM' },
};

/** How a node that is down (gone, or a daemon of it not running) is drawn: red, with a thick red border. */
const DOWN = 'fillcolor="#f28b82" color="#c5221f" penwidth=2';

/**
 * The legend below the picture: a sample of each shape and colour it has (and of a node that is
 * down, in a live picture), then each kind of line it has. Every other node is tied to its first
 * sample by an invisible line, which puts the legend under them.
 */
function legend(g: LabGraph, live: boolean): string[] {
  const kinds = [...new Set(g.nodes.map((n) => n.kind))];
  const styles = Object.entries(EDGE_STYLES).filter(([kind]) => g.edges.some((e) => e.style === kind));
  const samples = [
    ...kinds.map((k, i) => `    legend_k${i} [label=${dotString(MEANINGS[k])} shape=${SHAPES[k]} fillcolor=${dotString(COLORS[k])}];`),
    ...(live ? [`    legend_down [label="down: gone, or a\ndaemon not running" shape=box ${DOWN}];`] : []),
    `    { rank=same; ${kinds.map((_, i) => `legend_k${i}`).join('; ')}${live ? '; legend_down' : ''} }`,
  ];
  const lines = styles.flatMap(([kind, s], i) => [
    `    legend_${i}a [label="" shape=point width=0.05]; legend_${i}b [label=${dotString(s.meaning)} shape=plaintext style="" fontsize=${FONT.edge}];`,
    `    legend_${i}a -- legend_${i}b [${s.attrs} weight=10]; // ${kind}`,
    `    legend_k0 -- legend_${i}a [style=invis];`,
  ]);
  return ['  subgraph cluster_legend {', '    label="legend"; style=rounded; color="#cccccc";', ...samples, ...lines, '  }', ...g.nodes.map((n) => `  ${n.id} -- legend_k0 [style=invis weight=0];`)];
}

/** Top to bottom: the machines, the VMs on them, OVN's logical network under the VMs. */
const DEPTH = { physical: 0, vms: 1, logical: 2 } as const;
const depthOf = (g: LabGraph, nodeId: string) => DEPTH[LAYER[g.nodes.find((n) => n.id === nodeId)?.kind ?? 'vm']];

/**
 * A line, written from its upper node to its lower one (dot ranks a line's first node above its
 * second): an arrow that goes up is written down and drawn back (`dir=back`).
 */
function edge(g: LabGraph, e: LabGraph['edges'][number]): string {
  const up = depthOf(g, e.from) > depthOf(g, e.to);
  const [a, b] = up ? [e.to, e.from] : [e.from, e.to];
  const attrs = up ? EDGE_STYLES[e.style].attrs.replace('dir=forward', 'dir=back') : EDGE_STYLES[e.style].attrs;
  return `  ${a} -- ${b} [${e.label ? `label=${dotString(e.label)} ` : ''}${attrs}];`;
}

/** Invisible lines from every VM to every router and load balancer: the logical network stays under the VMs, and the picture narrow. */
function layered(g: LabGraph): string[] {
  const lower = g.nodes.filter((n) => n.kind === 'router' || n.kind === 'lb');
  return g.nodes.filter((n) => LAYER[n.kind] === 'vms').flatMap((v) => lower.map((n) => `  ${v.id} -- ${n.id} [style=invis weight=0];`));
}

/**
 * The graph in dot: the physical layer and the logical one as clusters, VMs between, a legend.
 * Nodes whose ids are in `down` are drawn red (a live picture: `lab web`).
 */
export function toDot(g: LabGraph, opts: { title?: boolean; down?: ReadonlySet<string> } = {}): string {
  const node = (n: LabGraph['nodes'][number]) => `    ${n.id} [label=${dotString(n.label.join('\n'))} shape=${SHAPES[n.kind]} ${opts.down?.has(n.id) ? DOWN : `fillcolor=${dotString(COLORS[n.kind])}`}];`;
  const layer = (name: string) => g.nodes.filter((n) => LAYER[n.kind] === name).map(node);
  const lines = [
    'graph lab {',
    ...(opts.title === false ? [] : [`  label=${dotString(g.title)}; labelloc=t;`]),
    `  fontname=${dotString(FONT.name)}; fontsize=${FONT.cluster}; rankdir=TB; newrank=true;`,
    `  node [fontname=${dotString(FONT.name)} fontsize=${FONT.node} style=filled margin="0.15,0.06"];`,
    `  edge [fontname=${dotString(FONT.name)} fontsize=${FONT.edge}];`,
    '  subgraph cluster_physical {',
    '    label="physical: central, chassis, networks outside OVN"; style=rounded; color="#999999";',
    ...layer('physical'),
    `    { rank=same; ${g.nodes
      .filter((n) => n.kind === 'chassis')
      .map((n) => n.id)
      .join('; ')} }`,
    '  }',
    ...layer('vms').map((l) => l.slice(2)),
    '  subgraph cluster_logical {',
    '    label="logical: OVN switches, routers, port groups, load balancers"; style=rounded; color="#2e7d32";',
    ...layer('logical'),
    '  }',
    ...legend(g, opts.down !== undefined),
    ...layered(g),
    ...g.edges.map((e) => edge(g, e)),
    '}',
  ];
  return `${lines.join('\n')}\n`;
}

/**
 * The SVG as the pages show it: shrunk to the page's width (their CSS: max-width 100%), but never
 * below 11/12 of its size, where the smallest text (an edge's, 12) would fall under 11 CSS px; a
 * wider picture scrolls sideways in its box instead.
 */
export function readableSvg(svg: string): string {
  const width = /<svg[^>]*\sviewBox="[-\d.]+ [-\d.]+ ([\d.]+) /.exec(svg)?.[1];
  if (!width) return svg;
  return svg.replace(/<svg\b/, `<svg style="min-width: ${Math.ceil((Number(width) * 11) / FONT.edge)}px"`);
}

const mermaidText = (s: string) => s.replace(/"/g, '#quot;');

export function toMermaid(g: LabGraph): string {
  const open = { central: '[', chassis: '[', switch: '([', vm: '[', router: '{{', network: '[(', host: '[', namespace: '[', portgroup: '[/', lb: '{' } as const;
  const close = { central: ']', chassis: ']', switch: '])', vm: ']', router: '}}', network: ')]', host: ']', namespace: ']', portgroup: '/]', lb: '}' } as const;
  const lines = [
    '---',
    `title: ${g.title}`,
    '---',
    'flowchart TB',
    ...g.nodes.map((n) => `  ${n.id}${open[n.kind]}"${n.label.map(mermaidText).join('<br/>')}"${close[n.kind]}`),
    ...g.edges.map((e) => `  ${e.from} ${{ control: '---', tunnel: '===', wire: '---', logical: '-.-', route: '-->', nat: '-.->' }[e.style]}${e.label ? `|${mermaidText(e.label)}|` : ''} ${e.to}`),
  ];
  return `${lines.join('\n')}\n`;
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * A page with the SVG inline (no scripts or files from anywhere else). A small script records
 * the drawing's rendered size on <body data-rendered>, so a headless browser can tell it rendered.
 */
export function toHtml(g: LabGraph, svg: string): string {
  const inline = svg.replace(/^<\?xml[^>]*>\s*/, '').replace(/<!DOCTYPE[^>]*>\s*/, '');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(g.title)}</title>
<style>
  body { font-family: Helvetica, Arial, sans-serif; margin: 2em; }
  #graph { overflow-x: auto; }
  #graph svg { max-width: 100%; height: auto; }
  pre { background: #f5f5f5; padding: 1em; }
</style>
</head>
<body>
<h1>${escapeHtml(g.title)}</h1>
<div id="graph">
${readableSvg(inline)}
</div>
<details><summary>Mermaid source</summary><pre>${escapeHtml(toMermaid(g))}</pre></details>
<script>
  addEventListener('load', () => {
    const box = document.querySelector('#graph svg').getBBox();
    document.body.dataset.rendered = Math.round(box.width) + 'x' + Math.round(box.height);
  });
</script>
</body>
</html>
`;
}
