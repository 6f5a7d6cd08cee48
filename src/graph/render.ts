import { LAYER, type EdgeKind, type LabGraph } from './model.js';

const SHAPES = { central: 'box3d', chassis: 'box3d', switch: 'ellipse', vm: 'box', router: 'octagon', network: 'cylinder', host: 'box', namespace: 'box', portgroup: 'folder', lb: 'diamond' } as const;
const COLORS = { central: '#fde2c4', chassis: '#d6e4f0', switch: '#d8f0d2', vm: '#ffffff', router: '#f6d6e8', network: '#eeeeee', host: '#fff7cc', namespace: '#fff7cc', portgroup: '#fbe3d6', lb: '#e4dcf4' } as const;

const dotString = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

/** How each kind of line is drawn in dot; the legend shows the same. */
const EDGE_STYLES: Record<EdgeKind, { attrs: string; meaning: string }> = {
  control: { attrs: 'style=solid color="#888888"', meaning: 'SB database connection' },
  tunnel: { attrs: 'style=dotted penwidth=2.5 color="#1f5fbf"', meaning: 'Geneve tunnel' },
  wire: { attrs: 'style=solid', meaning: 'link on a machine (br-int port, bridge, cable)' },
  logical: { attrs: 'style=dashed color="#2e7d32"', meaning: 'logical attachment in OVN' },
};

/** How a node that is down (gone, or a daemon of it not running) is drawn: red, with a thick red border. */
const DOWN = 'fillcolor="#f28b82" color="#c5221f" penwidth=2';

/**
 * The graph in dot: the physical layer and the logical one as clusters, VMs between, a legend.
 * Nodes whose ids are in `down` are drawn red (a live picture: `lab web`).
 */
export function toDot(g: LabGraph, opts: { title?: boolean; down?: ReadonlySet<string> } = {}): string {
  const node = (n: LabGraph['nodes'][number]) => `    ${n.id} [label=${dotString(n.label.join('\n'))} shape=${SHAPES[n.kind]} ${opts.down?.has(n.id) ? DOWN : `fillcolor=${dotString(COLORS[n.kind])}`}];`;
  const layer = (name: string) => g.nodes.filter((n) => LAYER[n.kind] === name).map(node);
  const legend = Object.entries(EDGE_STYLES).flatMap(([kind, s], i) => [
    `    legend_${i}a [label="" shape=point width=0.05]; legend_${i}b [label=${dotString(s.meaning)} shape=plaintext style=""];`,
    `    legend_${i}a -- legend_${i}b [${s.attrs}]; // ${kind}`,
  ]);
  const lines = [
    'graph lab {',
    ...(opts.title === false ? [] : [`  label=${dotString(g.title)}; labelloc=t;`]),
    '  fontname="Helvetica"; rankdir=TB; newrank=true;',
    '  node [fontname="Helvetica" fontsize=11 style=filled];',
    '  edge [fontname="Helvetica" fontsize=9];',
    '  subgraph cluster_physical {',
    '    label="physical: central, chassis, networks outside OVN"; style=rounded; color="#999999"; fontsize=10;',
    ...layer('physical'),
    `    { rank=same; ${g.nodes
      .filter((n) => n.kind === 'chassis')
      .map((n) => n.id)
      .join('; ')} }`,
    '  }',
    ...layer('vms').map((l) => l.slice(2)),
    '  subgraph cluster_logical {',
    '    label="logical: OVN switches, routers, port groups, load balancers"; style=rounded; color="#2e7d32"; fontsize=10;',
    ...layer('logical'),
    '  }',
    '  subgraph cluster_legend {',
    '    label="legend"; style=rounded; color="#cccccc"; fontsize=10;',
    ...legend,
    '  }',
    ...g.edges.map((e) => `  ${e.from} -- ${e.to} [${e.label ? `label=${dotString(e.label)} ` : ''}${EDGE_STYLES[e.style].attrs}];`),
    '}',
  ];
  return `${lines.join('\n')}\n`;
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
    ...g.edges.map((e) => `  ${e.from} ${{ control: '---', tunnel: '===', wire: '---', logical: '-.-' }[e.style]}${e.label ? `|${mermaidText(e.label)}|` : ''} ${e.to}`),
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
  #graph svg { max-width: 100%; height: auto; }
  pre { background: #f5f5f5; padding: 1em; }
</style>
</head>
<body>
<h1>${escapeHtml(g.title)}</h1>
<div id="graph">
${inline}
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
