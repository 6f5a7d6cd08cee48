import { RUNTIME_TRAITS } from '../model.js';
import type { RawTopology } from '../schema.js';
import type { At } from './at.js';

/**
 * Docker engines named in the file: only with the docker runtime, and every node's `engine:` one
 * of them. Where nodes go when the file does not say is decided at `up` (the docker runtime's placement).
 */
export function checkEngines(t: RawTopology, at: At): void {
  const engines = Object.keys(t.engines ?? {});
  if (t.engines && !RUNTIME_TRAITS[t.runtime].engines) at(['engines'], "engines are Docker engines: set 'runtime: docker' (the netns runtime runs on this machine only)", true);
  const named: [PropertyKey[], string | undefined][] = [
    [['central', 'engine'], t.central.engine],
    ...Object.entries(t.chassis).map(([n, c]): [PropertyKey[], string | undefined] => [['chassis', n, 'engine'], c?.engine]),
    ...Object.entries(t.hosts).map(([n, h]): [PropertyKey[], string | undefined] => [['hosts', n, 'engine'], h.engine]),
  ];
  for (const [path, engine] of named) {
    if (engine === undefined) continue;
    if (!engines.length) at(path, `engine '${engine}' is named, but the file has no 'engines:'; add engines: { ${engine}: unix:///var/run/docker.sock, … }`);
    else if (!engines.includes(engine)) at(path, `unknown engine '${engine}' (engines in this lab: ${engines.join(', ')})`);
  }
}
