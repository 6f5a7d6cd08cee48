import type { NodeShell } from './node-shell.js';
import { rows } from './queries.js';

/*
 * What OVN learns from traffic and its own probes, as rows it writes in the SB database: the
 * neighbours a router port resolved (MAC_Binding, written by ovn-controller on an ARP or ND reply)
 * and the status of a load balancer's health checks (Service_Monitor, written by ovn-controller of
 * the backend's chassis). Probes ask here; nothing else types these lines.
 */

/** An SB table's columns, a row each (see {@link rows}). */
const sbRows = (central: NodeShell, columns: string, table: string) => rows(central, ['ovn-sbctl', `--columns=${columns}`, 'list', table]);

/** One MAC_Binding row: the router port that resolved an address, the address and its MAC. */
export interface MacBindingRow {
  port: string;
  ip: string;
  mac: string;
}

/** Every MAC_Binding row (one for each router port and address it resolved); undefined when the SB does not answer. */
export async function macBindings(central: NodeShell): Promise<MacBindingRow[] | undefined> {
  const found = await sbRows(central, 'logical_port,ip,mac', 'MAC_Binding');
  return found?.map(([port, ip, mac]) => ({ port: port ?? '', ip: ip ?? '', mac: (mac ?? '').toLowerCase() }));
}

/** One Service_Monitor row: a backend a load balancer's health check probes, and what the probes said ('' before the first). */
export interface ServiceMonitorRow {
  ip: string;
  port: number;
  protocol: string;
  logicalPort: string;
  status: string;
}

/** Every Service_Monitor row; undefined when the SB does not answer. */
export async function serviceMonitors(central: NodeShell): Promise<ServiceMonitorRow[] | undefined> {
  const found = await sbRows(central, 'ip,port,protocol,logical_port,status', 'Service_Monitor');
  return found?.map(([ip, port, protocol, logicalPort, status]) => ({ ip: ip ?? '', port: Number(port), protocol: protocol ?? '', logicalPort: logicalPort ?? '', status: status ?? '' }));
}

/** One FDB row: a MAC a logical switch learned, and the port it learned it on (both by name). */
export interface FdbRow {
  mac: string;
  switch: string;
  port: string;
}

/**
 * Every FDB row, its datapath and port by name (the table keeps their tunnel keys); undefined when
 * the SB does not answer. ovn-controller writes one when a frame comes in from a port whose
 * addresses are `unknown`.
 */
export async function fdbRows(central: NodeShell): Promise<FdbRow[] | undefined> {
  const [fdb, datapaths, ports] = await Promise.all([sbRows(central, 'mac,dp_key,port_key', 'FDB'), sbRows(central, '_uuid,tunnel_key,external_ids', 'Datapath_Binding'), sbRows(central, 'logical_port,tunnel_key,datapath', 'Port_Binding')]);
  if (!fdb || !datapaths || !ports) return undefined;
  // external_ids, bare: `logical-switch=<uuid> name=<name>`.
  const dp = new Map(datapaths.map(([uuid, key, ids]) => [key ?? '', { uuid: uuid ?? '', name: /(?:^| )name=(\S+)/.exec(ids ?? '')?.[1] ?? key ?? '' }]));
  return fdb.map(([mac, dpKey, portKey]) => {
    const datapath = dp.get(dpKey ?? '');
    const port = ports.find(([, key, uuid]) => key === portKey && uuid === datapath?.uuid)?.[0];
    return { mac: (mac ?? '').toLowerCase(), switch: datapath?.name ?? `datapath ${dpKey}`, port: port ?? `port ${portKey}` };
  });
}
