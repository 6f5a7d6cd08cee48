import { tunnelPeers, type Chassis, type Lab } from '../topology/model.js';
import { centralRemote, daemonArgs, NET_ONLY, SB_PORT, waitCommand, type NodeShell } from './node-shell.js';
import { sslArgs, sslFiles } from './pki.js';
import { shellLine } from '../base/shell-line.js';
import { macFromIpv4, parseIpv4, underlayMac } from '../topology/net.js';
import { announcesTunnels, startThenSetNeighbours } from './announce.js';
import { schemaPaths } from '../topology/builds.js';
import type { Datapath } from './datapath.js';
import { plugCommands, type Plug } from './br-int.js';
import { rowReadyCondition } from './chassis-template.js';
import { probeAtScale } from './central.js';

/**
 * Starts one chassis: its own ovsdb-server and ovs-vswitchd, the underlay on br-phy,
 * br-int (see {@link brIntSettings}), then ovn-controller, which registers the chassis in the SB db.
 *
 * The tunnel address sits on br-phy, not on eth0: the userspace datapath only tunnels when
 * the route to the remote endpoint leaves through an OVS bridge ("br-phy pattern"). A chassis with
 * few peers gets their tunnel neighbours here (see {@link announcesTunnels}). `before` are
 * commands run before ovn-controller starts (the features': provider networks' bridges). `plugs`,
 * interfaces already made in the chassis (its VMs'), go into br-int in the transaction that makes it:
 * ovn-controller finds them at its start, and no process of their own plugs them.
 */
export async function startChassis(node: NodeShell, lab: Lab, chassis: Chassis, datapath: Datapath, before: string[][] = [], plugs: readonly Plug[] = [], templated = false): Promise<void> {
  const r = node.runDir;
  const prefix = lab.underlay.subnet.prefix;
  // One process for the whole start: on docker each command is an API exec of its own.
  const start: string[][] = [
    ['ovsdb-tool', 'create', `${r}/conf.db`, schemaPaths(chassis.build).vswitch],
    ovsdbServerArgv(r),
    // No `ovs-vsctl init` before it: ovs-vswitchd waits for the root row, which the next ovs-vsctl makes.
    vswitchdArgv(r, datapath),
    [
      'ovs-vsctl',
      '--timeout=30',
      '--',
      'add-br',
      'br-phy',
      '--',
      'set',
      'Bridge',
      'br-phy',
      `datapath_type=${datapath}`,
      `other_config:hwaddr="${chassis.mac}"`,
      '--',
      'add-port',
      'br-phy',
      'eth0',
      // br-int made here as ovn-controller would make it (see brIntSettings), before it starts.
      '--',
      'add-br',
      'br-int',
      '--',
      'set',
      'Bridge',
      'br-int',
      ...brIntSettings(chassis, datapath),
      ...plugCommands(plugs),
      '--',
      'set',
      'Open_vSwitch',
      '.',
      `external_ids:system-id=${chassis.name}`,
      `external_ids:hostname=${chassis.name}`,
      `external_ids:ovn-remote=${centralRemote(lab.central, SB_PORT)}`,
      `external_ids:ovn-encap-type=${chassis.encap}`,
      `external_ids:ovn-encap-ip=${chassis.ip}`,
      `external_ids:ovn-bridge-datapath-type=${datapath}`,
      ...(chassis.transportZones.length ? [`external_ids:ovn-transport-zones="${chassis.transportZones.join(',')}"`] : []),
      ...sbProbeInterval(lab),
      ...quietAtScale(lab),
    ],
    ['ip', 'addr', 'flush', 'dev', 'eth0'],
    ['ip', 'addr', 'add', `${chassis.ip}/${prefix}`, 'dev', 'br-phy'],
    ['ip', 'link', 'set', 'dev', 'br-phy', 'up'],
    ...managementPath(lab, chassis),
    ...before,
    // Central may be starting beside the chassis: ovn-controller starts once central has written
    // the SB database its first time (the chassis' rows), or, on a chassis whose row central fills
    // in (see chassisTemplateCommand), once it has. Started against the empty database,
    // ovn-controller 23.03 sometimes died of a segmentation fault (seen on 4 of 20 chassis under
    // load); and one that found no database would wait a second or more before trying again.
    rowWrittenByCentral(node, lab, chassis, templated),
    ovnControllerArgv(node, lab, chassis),
  ];
  // The peers' tunnel addresses are known from the file: set before any VM sends (its port is not even bound yet).
  await startThenSetNeighbours(node, start, announcesTunnels(lab) ? [] : tunnelPeers(chassis, lab.chassis), NET_ONLY);
}

/**
 * The chassis' SB connection leaves through eth0 itself, not through br-phy, and central answers to
 * eth0's MAC (see chassisNics): it goes around OVS, as a host's management network does. OVN 26.03
 * starts a restarted ovs-vswitchd in flow-restore-wait (it forwards nothing) and lets it forward
 * once ovn-controller has reached the SB: through br-phy, it never would. Central's MAC is fixed, so
 * no chassis asks for it.
 */
function managementPath(lab: Lab, chassis: Chassis): string[][] {
  return (lab.central.members ?? [lab.central]).flatMap((m) => [
    ['ip', 'route', 'add', `${m.ip}/32`, 'dev', 'eth0', 'src', chassis.ip],
    ['ip', 'neigh', 'replace', m.ip, 'lladdr', underlayMac(m.ip), 'dev', 'eth0', 'nud', 'permanent'],
  ]);
}

/**
 * br-int as ovn-controller makes it when it finds none (secure fail mode, no in-band control, a
 * fixed hwaddr so that its datapath-id, and with it every OpenFlow connection, stays when the first
 * VM port is added), made before ovn-controller starts. ovn-controller 24.09 and later (Debian 13's
 * 25.03) point pinctrl at br-int.mgmt in the loop in which they insert br-int, before ovs-vswitchd
 * has made the bridge's socket: pinctrl's first connection fails and it retries a second later. A
 * port bound meanwhile is up while no controller takes its packet-ins, so a VM's first
 * DHCPDISCOVER (put_dhcp_opts, answered by pinctrl) was dropped and dhclient asked again seconds
 * later. Made here, br-int.mgmt exists before ovn-controller starts and pinctrl connects at once.
 */
function brIntSettings(chassis: Chassis, datapath: Datapath): string[] {
  return [`datapath_type=${datapath}`, 'fail_mode=secure', 'other_config:disable-in-band=true', `other_config:hwaddr="${macFromIpv4(0x0e, parseIpv4(chassis.ip)!)}"`];
}

/** ovn-controller's probe of the SB server, as the SB's of it (see {@link probeAtScale}). */
function sbProbeInterval(lab: Lab): string[] {
  const ms = probeAtScale(lab.chassis.length);
  return ms === undefined ? [] : [`external_ids:ovn-remote-probe-interval=${ms}`];
}

/**
 * An idle ovs-vswitchd wakes twice a second: its revalidator dumps the datapath's flows every
 * 500 ms (`max-revalidator`) and wakes the main thread each time, and the interfaces' statistics
 * are written to the database every 5 s, a transaction each. In a lab of hundreds of chassis the
 * chassis already up use what the others need to come up (at 100 chassis an idle ovs-vswitchd
 * used 0.92 ms of CPU a second, 0.26 with these at 5 and 60 s). Beyond 50 chassis both grow with
 * the lab, 10 ms and 100 ms per chassis (500 chassis: 5 s and 50 s); packet counters, which checks
 * read, then lag by as much, so small labs keep OVS's defaults.
 */
function quietAtScale(lab: Lab): string[] {
  const n = lab.chassis.length;
  return n > 50 ? [`other_config:max-revalidator=${Math.min(n * 10, 5000)}`, `other_config:stats-update-interval=${n * 100}`] : [];
}

/**
 * A loop that returns once the SB database has its SB_Global row, which central's first
 * transaction writes with the chassis' rows before the SB listens for them (see chassisRows), or
 * for a templated chassis once its row has a hostname: 30 s at most, or a tenth of a second per
 * chassis where that is longer (500 chassis: 50 s). The chassis that start last ask while the SB
 * server and every daemon before them share two cores: at 500, one waited past 30 s.
 */
function rowWrittenByCentral(node: NodeShell, lab: Lab, chassis: Chassis, templated: boolean): string[] {
  const ssl = lab.central.ssl ? sslArgs(sslFiles(node.runDir, chassis.name)) : [];
  const probe = (query: string[]) => shellLine(['ovn-sbctl', ...ssl, `--db=${centralRemote(lab.central, SB_PORT)}`, '--timeout=5', ...query]);
  return waitCommand(rowReadyCondition(probe, chassis, templated), Math.max(30, lab.chassis.length / 10), templated ? 0.1 : 0.02);
}

function ovsdbServerArgv(r: string): string[] {
  return ['ovsdb-server', `${r}/conf.db`, `--remote=punix:${r}/db.sock`, ...daemonArgs(r, 'ovsdb-server')];
}

function vswitchdArgv(r: string, datapath: Datapath): string[] {
  return ['ovs-vswitchd', `unix:${r}/db.sock`, ...(datapath === 'netdev' ? ['--disable-system'] : []), ...daemonArgs(r, 'ovs-vswitchd')];
}

/**
 * Starts ovs-vswitchd again on a chassis whose ovs-vswitchd a fault step killed, on the datapath
 * lab up chose (kept in its database). Its bridges, ports and br-phy's address come back from the
 * database and the tap devices, which outlive it (OVS makes them persistent); its tunnel neighbours
 * lived in its memory, so they are set again before the first packet needs them. Says whether it
 * starts in flow-restore-wait, which OVN 26.03's ovn-controller keeps set on a gateway chassis: it
 * then forwards nothing until ovn-controller, back on the SB (see managementPath), has put its
 * flows back and cleared it.
 */
export async function restartVswitchd(node: NodeShell, lab: Lab, chassis: Chassis): Promise<{ flowRestoreWait: boolean }> {
  const got = await node.run(['ovs-vsctl', '--timeout=10', 'get', 'Open_vSwitch', '.', 'external_ids', 'other_config']);
  const datapath: Datapath = /ovn-bridge-datapath-type="?system\b/.test(got.stdout) ? 'system' : 'netdev';
  await startThenSetNeighbours(node, [vswitchdArgv(node.runDir, datapath)], tunnelPeers(chassis, lab.chassis), NET_ONLY);
  return { flowRestoreWait: /flow-restore-wait="?true\b/.test(got.stdout) };
}

/**
 * Boots a chassis again after a fault step killed all its daemons: ovsdb-server on the database it
 * kept (as a host's disk survives), ovs-vswitchd, then ovn-controller, which claims its ports again.
 */
export async function restartChassisDaemons(node: NodeShell, lab: Lab, chassis: Chassis): Promise<{ flowRestoreWait: boolean }> {
  await node.run(ovsdbServerArgv(node.runDir));
  const restarted = await restartVswitchd(node, lab, chassis);
  await startOvnController(node, lab, chassis);
  return restarted;
}

/** Starts ovn-controller on a chassis (also again, after a fault step killed it). */
export async function startOvnController(node: NodeShell, lab: Lab, chassis: Chassis): Promise<void> {
  await node.run(ovnControllerArgv(node, lab, chassis));
}

function ovnControllerArgv(node: NodeShell, lab: Lab, chassis: Chassis): string[] {
  const r = node.runDir;
  const ssl = lab.central.ssl ? sslArgs(sslFiles(r, chassis.name)) : [];
  return ['ovn-controller', `unix:${r}/db.sock`, ...ssl, ...daemonArgs(r, 'ovn-controller')];
}
