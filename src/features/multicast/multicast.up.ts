import type { FeatureStep } from '../../core/step.js';
import type { Lab } from '../../topology/model.js';
import { joinGroup } from './members.probe.js';

function joinStep(lab: Lab): FeatureStep {
  const joins = (lab.multicast ?? []).flatMap((s) => s.groups.flatMap((g) => g.members.map((vm) => ({ vm, group: g.group }))));
  return {
    id: 'multicast',
    after: 'addresses',
    title: `multicast: ${joins.map((j) => `${j.vm} joins ${j.group}`).join(', ')}`,
    run: async ({ ctx, each }) => {
      await each(joins, async ({ vm, group }) => {
        const { ok, said } = await joinGroup(ctx.node(vm), group);
        if (!ok) throw new Error(`${vm} could not join ${group}: ${said}`);
      });
    },
  };
}

/** The groups VMs join at up: once they have their addresses, so their IGMP reports come from them. */
export function steps(lab: Lab): (FeatureStep | false)[] {
  return [(lab.multicast ?? []).some((s) => s.groups.length > 0) && joinStep(lab)];
}
