import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { UserError } from '../../base/errors.js';
import { readRecord } from '../../core/lab-store.js';
import { createExec } from '../../base/exec.js';
import { LAB_OPTION, out, pickLab, topologyLoader } from '../context.js';

const FORMATS = ['mermaid', 'dot', 'svg', 'html'] as const;

/** SVG from dot source with Graphviz compiled to WebAssembly (from npm): nothing to install on the host. */
async function svgOf(dot: string): Promise<string> {
  const { Graphviz } = await import('@hpcc-js/wasm-graphviz');
  return (await Graphviz.load()).dot(dot, 'svg');
}

export function registerGraph(program: Command): void {
  program
    .command('graph')
    .description('a picture of a lab: central, chassis, tunnels, switches, VMs (live addresses when it is up)')
    .argument('[lab]', 'topology file, or name of a lab that is up (default: $LAB, else the only lab that is up)')
    .option('--lab <name>', LAB_OPTION)
    .option('--format <format>', `${FORMATS.join(', ')}`, 'mermaid')
    .option('-o, --output <path>', 'write to this file instead of stdout')
    .action(async (arg: string | undefined, opts: { lab?: string; format: string; output?: string }) => {
      const [{ labStatus }, { labGraph }, { toDot, toHtml, toMermaid }] = await Promise.all([import('../../core/status.js'), import('../../graph/model.js'), import('../../graph/render.js')]);
      if (!FORMATS.includes(opts.format as (typeof FORMATS)[number])) throw new UserError(`unknown format '${opts.format}'`, `use one of: ${FORMATS.join(', ')}`);
      const isFile = arg !== undefined && opts.lab === undefined && (/\.ya?ml$/.test(arg) || existsSync(arg));
      let graph;
      if (isFile) {
        graph = labGraph(await (await topologyLoader()).loadTopology(arg));
      } else {
        const name = await pickLab(arg, opts.lab);
        const record = await readRecord(name);
        const status = await labStatus(name, createExec());
        graph = labGraph(record.lab, new Map(status.nodes.filter((n) => n.kind === 'vm' || n.kind === 'host').map((n) => [n.name, n.address])));
      }
      const dot = toDot(graph);
      const text = opts.format === 'mermaid' ? toMermaid(graph) : opts.format === 'dot' ? dot : opts.format === 'svg' ? await svgOf(dot) : toHtml(graph, await svgOf(toDot(graph, { title: false })));
      if (opts.output) {
        await writeFile(opts.output, text);
        process.stderr.write(`wrote ${opts.output}\n`);
      } else out(text);
    });
}
