import * as z from 'zod';
import { checkSchema } from './checks/registry.js';
import { LAB_NAME, LAB_NAME_MAX } from '../base/lab-name.js';
import { ENGINE_URL, ENGINE_URL_HINT } from './engine-url.js';
import { DEFAULT_RUNTIME, RELEASES, RUNTIMES, SOURCE_RELEASE, type Release } from './model.js';
import { cidr, ipv4, mac, nodeName, portName } from './schema-types.js';
import { nbOptionsSchema, portSecuritySchema, serverSchema } from './schema-security.js';
import { labBuildShape, nodeBuildShape } from './schema-build.js';
import { placed } from './placed.js';

/**
 * The topology file as written (raw types). Strict: unknown keys are errors.
 * Syntax of names, addresses and MACs is checked here; relations between objects
 * (unknown chassis, duplicate addresses, addresses outside subnets) in validate.ts.
 */

const labName = z.string().regex(LAB_NAME, 'a lab name starts with a letter and has only letters, digits, "-" and "_"').max(LAB_NAME_MAX, `a lab name has at most ${LAB_NAME_MAX} characters`);

/** A release: a Debian release's packages, or an image built from source (its name as `lab images build --ovn-src` prints it). */
const releaseSchema = z
  .union([z.enum(RELEASES), z.string().regex(SOURCE_RELEASE, `expected ${RELEASES.join(', ')}, or an image built from source (src-…, as lab images build --ovn-src names it)`) as unknown as z.ZodType<Release>])
  .describe(`one of ${RELEASES.join(', ')}, or an image built from source (src-…, as lab images build --ovn-src names it)`);

const switchShape = {
  subnet: cidr.optional().describe('IPv4 subnet of the logical switch (a switch has subnet, subnet6 or both)'),
  on: nodeName.optional().describe("another subnet of that switch: this entry's subnet and DHCP live on the named logical switch (an OpenStack network with several subnets), not on a switch of its own"),
};

const chassisShape = {
  ip: ipv4.optional().describe('underlay (tunnel endpoint) address; default: assigned from the underlay subnet'),
  release: releaseSchema.optional().describe("docker runtime: this chassis' own release (default: the lab's)"),
  ...nodeBuildShape("this chassis'", 'ovn-controller', 'ovsdb-server, ovs-vswitchd, vswitch schema'),
  engine: nodeName.optional().describe("docker runtime: the engine (of 'engines') it runs on; default: central and hosts on the first, chassis spread round-robin"),
  encap: z.enum(['geneve', 'vxlan']).default('geneve').describe('tunnel type to the other chassis (ovn-encap-type); every chassis of a lab uses the same'),
  transport_zones: z
    .array(z.string().regex(/^[a-z0-9][a-z0-9_-]{0,30}$/, 'a transport zone name like az1'))
    .min(1)
    .optional()
    .describe('OVN transport zones (ovn-transport-zones): a chassis tunnels only to chassis that share a zone with it; chassis without zones tunnel only to each other'),
};

const centralShape = {
  ip: ipv4.optional().describe('underlay address of the central node; default: the first of the underlay subnet'),
  release: releaseSchema.optional().describe("docker runtime: central's own release (OVN upgrades central first)"),
  ...nodeBuildShape("central's", 'ovn-northd, NB/SB schemas', 'ovsdb-server of the NB and SB databases'),
  engine: nodeName.optional().describe("docker runtime: the engine (of 'engines') it (and every member of its cluster) runs on; default: central and hosts on the first, chassis spread round-robin"),
  ssl: z.boolean().default(false).describe('chassis (and lab nbctl/sbctl) reach NB and SB over SSL, with a CA and certificates the lab makes with ovs-pki'),
};

/** A static route in a node's own routing table (outside OVN). */
const nodeRouteSchema = z
  .strictObject({
    to: z.union([cidr, z.literal('default')]).describe("destination subnet, or 'default'"),
    via: ipv4.describe("next hop, on one of the node's networks"),
  })
  .describe('a static route in the node (ip route add TO via VIA)');

/** What VMs, hosts and namespaces may carry of plain Linux routing. */
export const nodeRouting = {
  routes: z.array(nodeRouteSchema).default([]).describe('static routes in the node, beside its default route'),
  forwarding: z.boolean().default(false).describe('IPv4 forwarding in the node (net.ipv4.ip_forward): a router VM'),
};

const vlanSchema = z
  .strictObject({
    switch: nodeName.describe('the logical switch this VLAN lands in'),
    ip: ipv4.describe('the address on eth0.<tag>'),
    mac: mac.optional().describe('MAC of eth0.<tag> (default: derived from the address)'),
    dhcp: z.boolean().optional().describe('get the address by DHCP (default: when the switch has dhcp)'),
  })
  .describe("a child port: VLAN <tag> on the VM's eth0 trunk, its own logical port on another switch");

const vmShape = {
  chassis: nodeName.describe('the chassis this VM runs on'),
  switch: nodeName.describe('the logical switch its port is on'),
  ip: ipv4.optional().describe('its IPv4 address (offered by DHCP, or set statically); on a switch with an IPv4 subnet'),
  mac: mac.optional().describe('its MAC; default: derived from its IPv4 address, or from its name on an IPv6-only switch'),
  dhcp: z.boolean().optional().describe('get the address by DHCP (default: when the switch has dhcp)'),
  port: portName.optional().describe('logical switch port name (default: <switch>-<vm>)'),
  mtu: z.number().int().min(576).max(9000).default(1400).describe('eth0 MTU (Geneve adds 58 bytes)'),
  vlans: z
    .record(z.string().regex(/^\d{1,4}$/, 'a VLAN tag (1-4094)'), vlanSchema)
    .optional()
    .describe("VLAN trunk: tag → child port (eth0.<tag> in the VM, parent = this VM's port)"),
  port_security: portSecuritySchema.optional(),
  addresses: z
    .literal('unknown')
    .optional()
    .describe(
      "unknown: its logical port has addresses 'unknown' instead of its MAC and IP, so OVN answers no ARP and no DHCP for it (its address is static), the switch sends it frames to MACs it does not know, and OVN learns its MAC in the SB FDB table (check kind fdb)",
    ),
  nics: z
    .record(
      z.string().regex(/^eth[1-9]$/, 'an interface name eth1 … eth9'),
      z.strictObject({
        switch: nodeName.describe('the logical switch of this interface'),
        ip: ipv4.describe('its address (static)'),
        mac: mac.optional().describe('its MAC (default: derived from the address)'),
        port: portName.optional().describe('its logical switch port name (default: <switch>-<vm>)'),
      }),
    )
    .optional()
    .describe('more OVN ports of the VM, one interface each (eth1 …): a VM that routes between switches'),
  servers: z.array(serverSchema).default([]).describe('servers the VM runs (started after addressing, ended by lab down)'),
  ...nodeRouting,
};

const hostShape = {
  network: nodeName.describe('the provider network it is on'),
  ip: ipv4.describe('its address (the prefix is that of the provider switch on its network)'),
  mac: mac.optional().describe('its MAC (default: derived from the address)'),
  dhcp: z.boolean().default(false).describe('get the address by DHCP from OVN, through its external_port'),
  gateway: ipv4.optional().describe('default gateway (static addressing)'),
  servers: z.array(serverSchema).default([]).describe('servers the host runs (started after addressing, ended by lab down)'),
  engine: nodeName.optional().describe("docker runtime: the engine (of 'engines') it runs on; default: central and hosts on the first, chassis spread round-robin"),
  ...nodeRouting,
  external_port: z
    .strictObject({
      switch: nodeName.describe('the provider switch whose DHCP answers this host'),
      ha_chassis: z.array(nodeName).min(1).describe('chassis that may answer for it, highest priority first (an HA chassis group)'),
    })
    .optional()
    .describe("an OVN 'external' port for this host: OVN serves it (DHCP) from a chassis of its HA chassis group"),
};

/** A Docker engine's address, as DOCKER_HOST takes it. */
const engineUrl = z.string().regex(ENGINE_URL, ENGINE_URL_HINT).describe('a Docker engine address (unix://, tcp:// or ssh://)');

const underlaySchema = z
  .strictObject({
    subnet: cidr.default('192.168.100.0/24').describe('addresses of central and chassis on the underlay'),
    mtu: z
      .number()
      .int()
      .min(1280)
      .max(9000)
      .optional()
      .describe("docker runtime across engines: the MTU of the overlay network that is the underlay (default Docker's 1450: a 1500 link less VXLAN); VMs get it less Geneve's 58 bytes (VXLAN's 50) at most"),
  })
  .describe('the network between central and chassis that carries Geneve');

/** The core's objects a feature may add fields to (a clustered central's `cluster`, …). */
export type CoreObject = 'central' | 'chassis' | 'switch' | 'vm' | 'host';

/** Fields a feature adds to one of the core's objects: right after the field `after` (at the end without it). */
export interface ObjectFields {
  after?: string;
  shape: z.ZodRawShape;
}

/* The core's objects as a file writes them: each feature that adds fields to one declares them into its interface (in its model.ts). */
/* eslint-disable @typescript-eslint/no-empty-object-type -- filled in by the features' declarations (declaration merging) */
export interface RawCentral extends z.infer<z.ZodObject<typeof centralShape>> {}
export interface RawChassis extends z.infer<z.ZodObject<typeof chassisShape>> {}
export interface RawSwitch extends z.infer<z.ZodObject<typeof switchShape>> {}
export interface RawVm extends z.infer<z.ZodObject<typeof vmShape>> {}
export interface RawHost extends z.infer<z.ZodObject<typeof hostShape>> {}
/* eslint-enable @typescript-eslint/no-empty-object-type */

/** One of the core's objects with the fields features add to it, typed as its interface (which they extend). */
function coreObject<T>(shape: z.ZodRawShape, added: ObjectFields[], description: string): z.ZodType<T> {
  const all = added.reduce((s, f) => placed(s, f.shape, f.after), shape);
  return z.strictObject(all).describe(description) as unknown as z.ZodType<T>;
}

/**
 * The top-level keys of a topology file that are not a feature's (src/features/): the nodes, the
 * switches and VMs every lab has, and the rest that has not moved into a feature of its own yet;
 * its objects with the fields features add to them (src/topology/schema.ts passes them).
 */
export function coreShapeWith(fieldsOf: (object: CoreObject) => ObjectFields[]) {
  const central = coreObject<RawCentral>(centralShape, fieldsOf('central'), 'the node running the NB/SB databases and ovn-northd');
  const chassis = coreObject<RawChassis>(chassisShape, fieldsOf('chassis'), 'a hypervisor running ovs-vswitchd and ovn-controller');
  const sw = coreObject<RawSwitch>(switchShape, fieldsOf('switch'), 'an OVN logical switch (or, with on:, one more subnet of one)');
  const vm = coreObject<RawVm>(vmShape, fieldsOf('vm'), 'a network namespace with eth0 on br-int, bound to a logical switch port');
  const host = coreObject<RawHost>(hostShape, fieldsOf('host'), 'a machine outside OVN on a provider network');
  return {
    name: labName.describe('lab name: prefixes everything the lab creates'),
    runtime: z.enum(RUNTIMES).default(DEFAULT_RUNTIME).describe('where nodes run'),
    release: releaseSchema
      .optional()
      .describe('docker runtime: the Debian release of the node image (bookworm: OVN 23.03, trixie: OVN 25.03, sid: the newest, OVN 26.03), or an image built from source (src-…, as lab images build --ovn-src names it)'),
    ...labBuildShape,
    datapath: z.enum(['auto', 'netdev', 'system']).default('auto').describe('OVS datapath: netdev (userspace), system (kernel module), auto (system when the host has the modules)'),
    engines: z.record(nodeName, engineUrl).optional().describe('docker runtime: the Docker engines this lab may use, by name (the first is a swarm manager when there are several); LAB_ENGINES or --engines override them'),
    underlay: underlaySchema.default({ subnet: '192.168.100.0/24' }),
    // Central's fields all have defaults (its features' too): a file without central has them all.
    central: central.default(central.parse({})),
    chassis: z.record(nodeName, chassis.nullable()).describe('chassis by name'),
    switches: z.record(nodeName, sw).default({}).describe('logical switches by name'),
    vms: z.record(nodeName, vm).default({}).describe('VMs by name'),
    hosts: z.record(nodeName, host).default({}).describe('hosts outside OVN, on provider networks'),
    nb_options: nbOptionsSchema.default({}),
    setup: z
      .array(
        z.strictObject({
          node: z.string().describe('node to run in'),
          command: z.union([z.string(), z.array(z.string()).min(1)]).describe('a shell line (sh -c) or an argv list'),
        }),
      )
      .default([])
      .describe('commands run in nodes, in order, after the lab is up (raw OVS/OVN experiments)'),
    checks: z.array(checkSchema).default([]).describe('checks run by `lab test`, in this order'),
  };
}

/** A topology file's core part, as the schema reads it (a feature's rules see this and their own keys). */
export type RawCore = z.infer<z.ZodObject<ReturnType<typeof coreShapeWith>>>;
