import { UserError } from '../../base/errors.js';
import { quoted } from '../../base/ovsdb.js';
import type { Lab } from '../../topology/model.js';
import type { Acl } from './model.js';

/**
 * The ovn-nbctl commands that make an ACL and attach it to its port group or switch (`create ACL`
 * rather than `acl-add`, which has no label on every version). `id` names the row in the transaction.
 */
export function aclAddCommands(acl: Acl, id: string): string[][] {
  const log = acl.log ? ['log=true', ...(['name', 'severity', 'meter'] as const).flatMap((k) => (acl.log![k] ? [`${k}=${quoted(acl.log![k])}`] : []))] : [];
  return [
    [
      `--id=${id}`,
      'create',
      'ACL',
      `direction=${acl.direction}`,
      `priority=${acl.priority}`,
      `match=${quoted(acl.match)}`,
      `action=${acl.action}`,
      ...log,
      ...(acl.label !== undefined ? [`label=${acl.label}`] : []),
      ...(acl.afterLb ? ['options:apply-after-lb="true"'] : []),
    ],
    'portGroup' in acl.on ? ['add', 'Port_Group', acl.on.portGroup, 'acls', id] : ['add', 'Logical_Switch', acl.on.switch, 'acls', id],
  ];
}

/** The ovn-nbctl command that removes the ACLs of a port group or switch with this direction, priority and match. */
export function aclDelCommand(acl: Pick<Acl, 'on' | 'direction' | 'priority' | 'match'>): string[] {
  const [type, entity] = 'portGroup' in acl.on ? ['port-group', acl.on.portGroup] : ['switch', acl.on.switch];
  return [`--type=${type}`, 'acl-del', entity, acl.direction, String(acl.priority), acl.match];
}

/**
 * The ACLs of a lab whose match OVN could not parse (as ovn-controller logged it), each as a user
 * error at the ACL's line in the file.
 */
export function aclParseProblems(lab: Lab, errors: readonly { match: string; error: string }[]): UserError[] {
  return errors.map((e) => {
    const acl = lab.acls.find((a) => e.match.includes(a.match));
    const where = acl?.at ? `${acl.at.file}:${acl.at.line}:${acl.at.column}: ` : '';
    return new UserError(`${where}OVN cannot parse the match "${acl?.match ?? e.match}": ${e.error}`, "fix the ACL's match (OVN's match language, as in ovn-sb(5) 'Logical_Flow')");
  });
}
