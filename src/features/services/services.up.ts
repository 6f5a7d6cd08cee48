import type { FeatureStep } from '../../core/step.js';
import { startService } from '../../services/dnsmasq.js';
import type { Lab } from '../../topology/model.js';
import { addressVm } from '../../vm/vm.js';

function servicesStep(lab: Lab): FeatureStep {
  return {
    id: 'services',
    after: 'bound',
    title: `services: ${lab.services.map((s) => `${s.kind} ${s.name}`).join(', ')}`,
    run: async ({ ctx }) => {
      for (const svc of lab.services) {
        for (const vm of lab.vms.filter((v) => v.service === svc.name)) {
          await addressVm(ctx.node(vm.name), vm);
          await startService(ctx.node(vm.name), svc);
        }
      }
    },
  };
}

/** The services' step of `up`: servers first (after every port is bound), so VMs on their switches ask them for leases next. */
export function steps(lab: Lab): (FeatureStep | false)[] {
  return [lab.services.length > 0 && servicesStep(lab)];
}
