import * as z from 'zod';
import { nodeRouting } from '../../topology/schema-core.js';
import { serverSchema } from '../../topology/schema-security.js';
import { cidr, nodeName } from '../../topology/schema-types.js';

const namespaceSchema = z
  .strictObject({
    ...nodeRouting,
    servers: z.array(serverSchema).default([]).describe('servers it runs (started after addressing, ended by lab down)'),
  })
  .describe('a plain network namespace outside OVN, reached only through links (e.g. a network behind a router VM)');

const linkSchema = z
  .strictObject({
    endpoints: z.tuple([z.string(), z.string()]).describe("the two ends as NODE:INTERFACE, e.g. [rtr:eth1, ext:eth0] (VMs and namespaces; a VM's eth0 is its OVN port)"),
    addresses: z.tuple([cidr.nullable(), cidr.nullable()]).optional().describe('the address/prefix of each end, in the order of endpoints (null: none), e.g. [10.99.0.1/24, 10.99.0.2/24]'),
    mtu: z.number().int().min(576).max(9000).default(1500),
  })
  .describe('a plain veth between two nodes, outside OVN');

/** The keys links and plain namespaces add to a topology file. */
export const linksShape = {
  namespaces: z.record(nodeName, namespaceSchema.nullable()).default({}).describe('plain namespaces outside OVN by name, joined to VMs by links'),
  links: z.array(linkSchema).default([]).describe('plain veth links between VMs and namespaces, outside OVN'),
};

export type RawLinks = z.infer<z.ZodObject<typeof linksShape>>;
