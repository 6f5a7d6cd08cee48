import * as z from 'zod';
import type { Lab } from '../model.js';
import { chassisProblems, unknownName } from './fields.js';
import type { CheckProblem } from './spec.js';

/** The NB tables a `set` step changes, and the columns of each it may set. */
const TABLES = {
  NB_Global: { maps: ['options', 'external_ids'], scalars: [] },
  Logical_Router: { maps: ['options', 'external_ids'], scalars: ['enabled'] },
  Logical_Router_Port: { maps: ['options', 'external_ids'], scalars: ['mac', 'enabled'] },
  Logical_Switch: { maps: ['other_config', 'external_ids'], scalars: [] },
  Logical_Switch_Port: { maps: ['options', 'external_ids'], scalars: ['enabled'] },
} as const satisfies Record<string, { maps: readonly string[]; scalars: readonly string[] }>;
type Table = keyof typeof TABLES;
const TABLE_NAMES = Object.keys(TABLES) as [Table, ...Table[]];

export const setSchema = z
  .strictObject({
    table: z.enum(TABLE_NAMES).describe('the NB table: NB_Global (the one row), Logical_Router, Logical_Router_Port, Logical_Switch or Logical_Switch_Port'),
    record: z.string().optional().describe("the row's name, as the lab names it (a router, a router port, a switch, a VM's or another port); not with NB_Global"),
    column: z.string().describe('a map column (options, other_config on a switch, external_ids) with key, or a plain one: mac (a router port), enabled (a router or a port)'),
    key: z.string().min(1).optional().describe("the map column's key, e.g. default_acl_drop or lb_force_snat_ip"),
    value: z.union([z.string(), z.number(), z.boolean()]).optional().describe('the new value (true, 10.0.0.1, 0a:00:00:00:01:01…)'),
    remove: z.literal(true).optional().describe('instead of value: remove the key from the map column (the default comes back)'),
  })
  .describe('set an NB column or a key of one, as ovn-nbctl set (or remove) does, in one transaction; the next check sees every chassis caught up');
export type SetStep = z.infer<typeof setSchema>;

export const flushConntrackSchema = z
  .strictObject({
    chassis: z.string().describe('the chassis whose datapath conntrack is flushed (ovs-vswitchd holds it on the userspace datapath)'),
    zone: z.number().int().min(0).max(65535).optional().describe('only this conntrack zone (ovn-controller gives each port one: ovn-appctl ct-zone-list)'),
  })
  .describe("flush a chassis' connection tracking (ovs-appctl dpctl/flush-conntrack): every connection is new to the next packet, and a stateful ACL judges it again");
export type FlushConntrackStep = z.infer<typeof flushConntrackSchema>;

/** What the lab calls a row of each table. */
const ROW_WORDS = { Logical_Router: 'router', Logical_Router_Port: 'router port', Logical_Switch: 'switch', Logical_Switch_Port: 'switch port' } as const;

/** The names of a table's rows in the lab, as the file names them. */
function rowNames(lab: Lab, table: Exclude<Table, 'NB_Global'>): string[] {
  if (table === 'Logical_Router') return lab.routers.map((r) => r.name);
  if (table === 'Logical_Router_Port') return lab.routers.flatMap((r) => r.ports.map((p) => p.name));
  if (table === 'Logical_Switch') return lab.switches.map((s) => s.name);
  const hosts = lab.hosts.flatMap((h) => (h.externalPort ? [h.externalPort.port] : []));
  return [...lab.vms.flatMap((v) => [v.port, ...v.vlans.map((c) => c.port)]), ...hosts, ...lab.routers.flatMap((r) => r.ports.map((p) => p.switchPort))];
}

/** Problems of a `set` step, at fields relative to it: a row of the lab, a column of its table, a key and a value that fit. */
export function setProblems(s: SetStep, lab: Lab): CheckProblem[] {
  const out: CheckProblem[] = [];
  const push = (field: string, message: string | undefined) => message && out.push({ field: `set.${field}`, message });
  if (s.table === 'NB_Global') push('record', s.record === undefined ? undefined : 'NB_Global has one row: leave out record');
  else if (s.record === undefined) push('table', `say which row of ${s.table}: record`);
  else push('record', unknownName(ROW_WORDS[s.table], s.record, rowNames(lab, s.table)));
  const { maps, scalars } = TABLES[s.table];
  const isMap = (maps as readonly string[]).includes(s.column);
  if (!isMap && !(scalars as readonly string[]).includes(s.column)) push('column', `${s.table} columns a step sets: ${[...maps, ...scalars].join(', ')}`);
  else if (isMap && s.key === undefined) push('column', `${s.column} is a map: say which key`);
  else if (!isMap && s.key !== undefined) push('key', `${s.column} is not a map: leave out key`);
  if ((s.value === undefined) === (s.remove === undefined)) push('value', 'give exactly one of: value, remove: true');
  if (s.column === 'enabled' && s.value !== undefined && !['true', 'false'].includes(String(s.value))) push('value', 'enabled is true or false');
  if (s.remove && !isMap) push('remove', `remove takes a key out of a map column; ${s.column} is not one`);
  return out;
}

/** The ovn-nbctl command of a `set` step: one `set` or `remove` of the table's row. */
export function setCommand(s: SetStep): string[] {
  const row = s.table === 'NB_Global' ? '.' : (s.record ?? '');
  if (s.remove) return ['remove', s.table, row, s.column, s.key ?? ''];
  // enabled is a boolean column (true/false as they are); every other value is a string.
  const value = s.column === 'enabled' ? String(s.value) : JSON.stringify(String(s.value));
  return ['set', s.table, row, s.key === undefined ? `${s.column}=${value}` : `${s.column}:${s.key}=${value}`];
}

/** Problems of a `flush_conntrack` step: a chassis of the lab. */
export function flushConntrackProblems(f: FlushConntrackStep, lab: Lab): CheckProblem[] {
  return chassisProblems(lab, f.chassis, 'flush_conntrack.chassis');
}

/** The ovs-appctl command that flushes it. */
export function flushConntrackCommand(f: FlushConntrackStep): string[] {
  return ['ovs-appctl', 'dpctl/flush-conntrack', ...(f.zone === undefined ? [] : [`zone=${f.zone}`])];
}
