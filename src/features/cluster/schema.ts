import * as z from 'zod';

/** The field a clustered central adds to central. */
export const clusterFields = {
  cluster: z
    .number()
    .int()
    .min(1)
    .max(7)
    .refine((n) => n % 2 === 1, { error: 'a Raft cluster has an odd number of members (1, 3, 5 or 7), so a majority survives a failure' })
    .default(1)
    .describe('NB and SB as Raft clusters of this many central nodes (central, central2, …), ovn-northd on each'),
};
