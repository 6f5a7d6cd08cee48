import { parseCircular, parseDependencyTree } from 'dpdm';
import { describe, expect, it } from 'vitest';

/** Every source file reachable from the CLI, type-only imports included: no cycle among them. */
describe('the import graph (checked with dpdm, as `npx dpdm --exit-code circular:1 src/cli/main.ts` does)', () => {
  it('has no cycle, counting type-only imports', async () => {
    const tree = await parseDependencyTree('src/cli/main.ts', { context: process.cwd(), transform: false });
    expect(parseCircular(tree)).toEqual([]);
  });

  it('loads no file format, OVN, runtime, VM or probe code before a command needs it', async () => {
    // `lab exec`, `lab down`, `lab --version` stay quick: the schema library, the YAML parser, zx
    // and dockerode are imported by the commands that use them, when they run.
    const tree = await parseDependencyTree('src/cli/main.ts', { context: process.cwd(), transform: true, skipDynamicImports: 'tree' });
    const files = Object.keys(tree);
    expect(files).toContain('src/cli/commands/up.ts');
    expect(files.filter((f) => /^src\/(ovn|runtime|checks|vm|services|graph|web)\/|^src\/core\/(up|down|test|status|lab-context|script|flows)\.ts$|^src\/topology\/(load|schema)\.ts$/.test(f))).toEqual([]);
    expect(files.filter((f) => /node_modules\/(zod|yaml|zx|dockerode)\//.test(f))).toEqual([]);
  });

  it('lets a command on a running lab (exec, down, status) load no schema library: runtimes import no zod', async () => {
    const tree = await parseDependencyTree('src/runtime/registry.ts', { context: process.cwd(), transform: true, skipDynamicImports: 'tree' });
    expect(Object.keys(tree).filter((f) => /node_modules\/(zod|yaml)\//.test(f) || /^src\/topology\/(schema|load)\.ts$/.test(f))).toEqual([]);
  });

  it('keeps the file format free of the code that runs labs', async () => {
    // A feature's probe is imported only when its check runs (a dynamic import): not the format's.
    const tree = await parseDependencyTree('src/topology/load.ts', { context: process.cwd(), transform: false, skipDynamicImports: 'tree' });
    const files = Object.keys(tree).filter((f) => f.startsWith('src/'));
    expect(files.length).toBeGreaterThan(20);
    // A feature's format, rules, resolution, NB commands and picture are pure functions of the file.
    expect(files.filter((f) => !/^src\/(topology\/|features\/|base\/(errors|lab-name|ovsdb)\.ts$)/.test(f))).toEqual([]);
  });

  it('runs one way between folders: each imports only folders before it in LAYERS', async () => {
    // base: errors, exec, text, paths; topology: the file and the model; then what runs labs.
    // web: `lab web`'s server, a front end like the cli (it uses core, graph and checks), loaded by `lab web` alone.
    const LAYERS = ['base', 'topology', 'runtime', 'ovn', 'vm', 'services', 'checks', 'core', 'graph', 'report', 'web', 'cli'];
    const tree = await parseDependencyTree('src/cli/main.ts', { context: process.cwd(), transform: false });
    // Features (src/features/) are the file format's, one folder each: the topology layer's.
    // A feature's probe (*.probe.ts) runs checks against a lab: the checks layer's; its steps of
    // `up` (*.up.ts) start things on nodes: the core's.
    const layer = (f: string) => LAYERS.indexOf(f.endsWith('.probe.ts') ? 'checks' : f.endsWith('.up.ts') ? 'core' : f.split('/')[1] === 'features' ? 'topology' : f.split('/')[1]!);
    const upward: string[] = [];
    for (const [file, deps] of Object.entries(tree)) {
      if (!file.startsWith('src/')) continue;
      expect(layer(file), `${file} is in a folder LAYERS lists`).toBeGreaterThanOrEqual(0);
      // A feature binds its probe and its steps by a dynamic import, loaded only when a check or `up` runs.
      const lazyProbe = (d: { kind: string; id: string | null }) => d.kind === 'DynamicImport' && /\.(probe|up)\.ts$/.test(d.id ?? '');
      for (const d of deps ?? []) if (d.id?.startsWith('src/') && layer(d.id) > layer(file) && !lazyProbe(d)) upward.push(`${file} -> ${d.id}`);
    }
    expect(upward).toEqual([]);
  });
});
