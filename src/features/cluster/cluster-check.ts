import * as z from 'zod';
import type { CheckSpecKind } from '../../topology/checks/spec.js';
import { checkFields } from '../../topology/checks/fields.js';

const schema = z.strictObject({
  ...checkFields('cluster'),
  db: z.enum(['nb', 'sb', 'both']).default('both').describe('which Raft cluster: the NB database, the SB database, or both'),
  up: z.number().int().min(1).optional().describe('members that must be running and in the cluster (default: all); one leader among them, connected to the others'),
});
export type ClusterCheck = z.infer<typeof schema>;

export const clusterSpec: CheckSpecKind<ClusterCheck> = {
  kind: 'cluster',
  summary: 'the central Raft clusters (NB, SB) have one leader, the members that run, the leader connected to every other one',
  schema,
  validate(spec, lab) {
    const size = lab.central.members?.length;
    if (!size) return [{ field: 'kind', message: 'a cluster check needs a clustered central (central: { cluster: 3 })' }];
    if (spec.up !== undefined && spec.up > size) return [{ field: 'up', message: `the cluster has ${size} members` }];
    if (spec.up !== undefined && spec.up <= size / 2) return [{ field: 'up', message: `with ${spec.up} of ${size} members there is no majority, so no leader: expect at least ${Math.floor(size / 2) + 1}` }];
    return [];
  },
  negative: () => false,
  expected(spec, lab) {
    const size = lab.central.members?.length ?? 1;
    const dbs = spec.db === 'both' ? 'NB and SB' : spec.db.toUpperCase();
    return `${dbs}: one leader connected to every other running member, ${spec.up ?? size} of ${size} members running`;
  },
};
