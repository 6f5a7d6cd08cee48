import type { LabGraph } from './model.js';

const SHAPES = { central: 'box3d', chassis: 'box3d', switch: 'ellipse', vm: 'box', router: 'octagon', network: 'cylinder', host: 'box' } as const;
const COLORS = { central: '#fde2c4', chassis: '#d6e4f0', switch: '#d8f0d2', vm: '#ffffff', router: '#f6d6e8', network: '#eeeeee', host: '#fff7cc' } as const;

const dotString = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

export function toDot(g: LabGraph): string {
  const lines = [
    'graph lab {',
    `  label=${dotString(g.title)}; labelloc=t; fontname="Helvetica"; rankdir=TB;`,
    '  node [fontname="Helvetica" fontsize=11 style=filled];',
    '  edge [fontname="Helvetica" fontsize=9];',
    ...g.nodes.map((n) => `  ${n.id} [label=${dotString(n.label.join('\n'))} shape=${SHAPES[n.kind]} fillcolor=${dotString(COLORS[n.kind])}];`),
    ...g.edges.map((e) => `  ${e.from} -- ${e.to} [${e.label ? `label=${dotString(e.label)} ` : ''}style=${e.style}];`),
    `  { rank=same; ${g.nodes.filter((n) => n.kind === 'chassis').map((n) => n.id).join('; ')} }`,
    '}',
  ];
  return `${lines.join('\n')}\n`;
}

const mermaidText = (s: string) => s.replace(/"/g, '#quot;');

export function toMermaid(g: LabGraph): string {
  const open = { central: '[', chassis: '[', switch: '([', vm: '[', router: '{{', network: '[(', host: '[' } as const;
  const close = { central: ']', chassis: ']', switch: '])', vm: ']', router: '}}', network: ')]', host: ']' } as const;
  const lines = [
    '---',
    `title: ${g.title}`,
    '---',
    'flowchart TB',
    ...g.nodes.map((n) => `  ${n.id}${open[n.kind]}"${n.label.map(mermaidText).join('<br/>')}"${close[n.kind]}`),
    ...g.edges.map((e) => `  ${e.from} ${e.style === 'dashed' ? '-.-' : '---'}${e.label ? `|${mermaidText(e.label)}|` : ''} ${e.to}`),
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
