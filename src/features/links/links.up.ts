import type { FeatureStep } from '../../core/step.js';
import type { Lab } from '../../topology/model.js';

function linksStep(lab: Lab): FeatureStep {
  return {
    id: 'links',
    after: 'tunnels',
    title: `links outside OVN: ${[...lab.namespaces.map((ns) => `namespace ${ns.name}`), ...lab.links.map((l) => l.ends.map((e) => `${e.node}:${e.iface}`).join(' — '))].join(', ')}`,
    run: async ({ runtime }) => {
      for (const ns of lab.namespaces) await runtime.createNamespace(ns);
      for (const link of lab.links) await runtime.createLink(link);
    },
  };
}

/** The step of `up` that makes the plain namespaces and the veths, once the chassis have their VMs. */
export function steps(lab: Lab): (FeatureStep | false)[] {
  return [(lab.namespaces.length > 0 || lab.links.length > 0) && linksStep(lab)];
}
