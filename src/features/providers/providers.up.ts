import type { FeatureStep } from '../../core/step.js';
import type { Lab } from '../../topology/model.js';

/** The provider networks, right after the underlay: the chassis and hosts made next are plugged into them. */
function networksStep(lab: Lab): FeatureStep {
  return {
    id: 'networks',
    after: 'underlay',
    title: `provider networks: ${lab.networks.join(', ')}`,
    run: async ({ runtime }) => {
      for (const net of lab.networks) await runtime.createNetwork(net);
    },
  };
}

/** The step of `up` that makes the provider networks, when the lab has any. */
export function steps(lab: Lab): (FeatureStep | false)[] {
  return [lab.networks.length > 0 && networksStep(lab)];
}
