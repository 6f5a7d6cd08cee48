import { count } from '../../base/text.js';
import type { FeatureStep } from '../../core/step.js';
import { lflowParseErrors } from '../../ovn/queries.js';
import type { Lab } from '../../topology/model.js';
import { aclParseProblems } from './acl.js';

/** ovn-controller logs a match it cannot parse and goes on without the flow: said here, at the ACL's line. */
function aclsStep(lab: Lab): FeatureStep {
  return {
    id: 'acls',
    after: 'bound',
    title: `ACLs: ${count(lab.acls.length, 'rule')} parsed by every chassis`,
    run: async ({ ctx }) => {
      for (const c of lab.chassis) {
        const [problem] = aclParseProblems(lab, await lflowParseErrors(ctx.node(c.name)));
        if (problem) throw problem;
      }
    },
  };
}

/** Security's step of `up`: once every port is bound, every chassis has parsed every ACL. */
export function steps(lab: Lab): (FeatureStep | false)[] {
  return [lab.acls.length > 0 && aclsStep(lab)];
}
