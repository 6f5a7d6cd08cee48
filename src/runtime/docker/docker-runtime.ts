import type Docker from 'dockerode';
import { EngineSet, type ClientFactory } from './engines.js';
import { overlayNetwork, probeUnderlay } from './swarm.js';
import { enginesSpanned, engineOfNode, parseEngines } from '../../topology/engines.js';
import { batchLines, batchScript, runBatch, type Exec, type ExecOptions, type ExecResult } from '../../base/exec.js';
import type { Link, Namespace } from '../../features/links/model.js';
import { isSourceRelease, releaseOf, type Host, type Lab, type Vm } from '../../topology/model.js';
import type { DestroyOptions, NodeFile, NodeSpec, Runtime } from '../runtime.js';
import { inNamespace, veth, vethCommands, type LinkEnd } from '../links.js';
import { attachExec, execTerminal } from './docker-attach.js';
import type { Terminal, TerminalSize } from '../terminal.js';
import { dockerExec } from './docker-exec.js';
import { containerName, LABEL_LAB, LABEL_NODE, LABEL_STATE, networkName, providerNetworkName } from './client.js';
import { labDir } from '../../base/paths.js';
import { DEFAULT_RELEASE, imageExists, nodeImage } from './images.js';
import { LeftBehind, UserError } from '../../base/errors.js';
import { engineSubnets, refuseTakenUnderlay } from './underlay-subnet.js';
import { formatIpv4, parseCidr, maskOf } from '../../topology/net.js';

/**
 * Least privilege instead of --privileged (which fails where the bounding set lacks a
 * capability): NET_ADMIN for links, addresses and OVS; NET_RAW for AF_PACKET and ping;
 * SYS_ADMIN for `ip netns` (VMs are namespaces inside chassis containers); /dev/net/tun for
 * the userspace datapath's taps.
 */
export const CAPABILITIES = ['NET_ADMIN', 'NET_RAW', 'SYS_ADMIN'];

/** Docker's bridge option that leaves the host without an address on the network. */
const INHIBIT_IPV4 = 'com.docker.network.bridge.inhibit_ipv4';

/** Where a container keeps the run directories of its node (and, in a chassis, of its VMs). */
const RUN_ROOT = '/run/lab';
/** How long dockerd may take to remove one container (it usually takes under a second). */
const REMOVE_DEADLINE_MS = 60_000;

/**
 * Each node is a container (labelled with the lab and node, named lab-<lab>-<node>) on a
 * lab-owned Docker network that is the underlay. VMs are network namespaces inside their
 * chassis container. Everything goes through the Docker API (dockerode).
 */
export class DockerRuntime implements Runtime {
  readonly name = 'docker';
  /** A node is a container: a shell in it sees the container's files, not the host's. */
  readonly hostFiles = false;
  private readonly engines: EngineSet;
  /** Nodes on more than one engine: the networks are swarm overlays made on the first. */
  private readonly acrossEngines: boolean;
  /** Container → commands its next exec runs first: its own set-up, a VM's namespace. */
  private readonly setUp = new Map<string, string[][]>();
  /** Container → the exec under way that runs its set-up. */
  private readonly settingUp = new Map<string, Promise<unknown>>();
  /** VM name → chassis: from the lab (record) and from VMs created here. */
  private readonly vmChassis = new Map<string, string>();

  constructor(
    private readonly lab: string,
    private readonly exec_: Exec,
    makeClient: ClientFactory,
    private readonly resolved?: Lab,
  ) {
    for (const vm of [...(resolved?.vms ?? []), ...(resolved?.namespaces ?? [])]) this.vmChassis.set(vm.name, vm.chassis);
    // A lab's record names its engines; without one (lab down after the record was lost), LAB_ENGINES does.
    const spanned = resolved?.engines ? enginesSpanned(resolved) : [];
    const engines = resolved ? (resolved.engines ?? []).filter((e) => spanned.includes(e.name)) : process.env.LAB_ENGINES ? parseEngines(process.env.LAB_ENGINES, 'LAB_ENGINES') : [];
    this.engines = new EngineSet(engines, makeClient);
    this.acrossEngines = engines.length > 1;
  }

  /** The client of the engine a node is on (the first engine, or the local one, for networks). */
  private docker(node?: string): Promise<Docker> {
    return this.engines.client(node !== undefined ? this.engineOf(node) : undefined);
  }

  /** The engine a node (a VM: its chassis) is on; undefined on the local engine. */
  private engineOf(node: string): string | undefined {
    return this.resolved?.engines ? engineOfNode(this.resolved, this.vmChassis.get(node) ?? node) : undefined;
  }

  /** `docker`, or `docker -H URL` for a node on a named engine: what -v shows, pasteable. */
  private dockerCli(node: string): string[] {
    return this.engines.cli(this.engineOf(node));
  }

  private labels(node?: string): Record<string, string> {
    return { [LABEL_LAB]: this.lab, [LABEL_STATE]: labDir(this.lab), ...(node ? { [LABEL_NODE]: node } : {}) };
  }

  /** The container a node's commands run in: its own, or its chassis' for a VM. */
  private containerOf(node: string): { container: string; prefix: string[] } {
    const chassis = this.vmChassis.get(node);
    if (chassis) return { container: containerName(this.lab, chassis), prefix: ['ip', 'netns', 'exec', node] };
    return { container: containerName(this.lab, node), prefix: [] };
  }

  /** A node runs the packages of its image's release. */
  packagesRelease(node: string): string {
    return (this.resolved && releaseOf(this.resolved, node)) ?? DEFAULT_RELEASE;
  }

  /** The image a node runs: that of its release (VMs and namespaces run inside their chassis). */
  private imageOf(node: string): string {
    return nodeImage((this.resolved && releaseOf(this.resolved, node)) ?? DEFAULT_RELEASE);
  }

  /** Every engine answers (and, across several, they are one swarm) and has the images its nodes run. */
  async preflight(): Promise<void> {
    await this.engines.requireOneSwarm();
    const lab = this.resolved;
    if (lab && !this.acrossEngines) await this.refuseTakenSubnet(lab.underlay.subnet.text);
    for (const engine of this.engines.names()) {
      const docker = await this.engines.client(engine);
      const nodes = lab ? [...(lab.central.members ?? [lab.central]), ...lab.chassis, ...lab.hosts].filter((n) => engine === undefined || this.engineOf(n.name) === engine) : [];
      const releases = new Set(nodes.map((n) => (lab && releaseOf(lab, n.name)) ?? DEFAULT_RELEASE));
      for (const release of releases.size ? releases : [DEFAULT_RELEASE]) {
        if (await imageExists(docker, nodeImage(release))) continue;
        // An image compiled from source is made by naming its trees; its name says which.
        const flag = isSourceRelease(release) ? ` --ovn-src DIR (the OVN tree ${release} names)` : release === DEFAULT_RELEASE ? '' : ` --release ${release}`;
        if (engine === undefined) throw new UserError(`the node image ${nodeImage(release)} (${release}) is not built`, `run 'lab images build${flag}' (once; it is reused by every lab)`);
        const url = this.engines.url(engine);
        throw new UserError(
          `the node image ${nodeImage(release)} (${release}) is not on Docker engine '${engine}' (${url})`,
          `build it there (DOCKER_HOST=${url} lab images build${flag}) or copy it: docker save ${nodeImage(release)} | docker -H ${url} load`,
        );
      }
    }
  }

  /** The underlay's subnet is free on the engine (see {@link refuseTakenUnderlay}). */
  private async refuseTakenSubnet(subnet: string): Promise<void> {
    refuseTakenUnderlay(subnet, await engineSubnets(await this.docker()), this.lab, LABEL_LAB);
  }

  runDir(node: string): string {
    return `${RUN_ROOT}/${node}`;
  }

  /**
   * A Docker network on the underlay subnet. The host gets no address on it (inhibit_ipv4), so the
   * NB/SB databases on it cannot be reached from the host; Docker still reserves a gateway address,
   * the last one, so nodes keep theirs.
   */
  async createUnderlay(subnet: string): Promise<void> {
    const cidr = parseCidr(subnet)!;
    const broadcast = (cidr.network | ~maskOf(cidr.prefix)) >>> 0;
    const docker = await this.docker();
    if (this.acrossEngines) return this.createOverlay(networkName(this.lab), { internal: true, subnet });
    this.exec_.onCommand?.(['docker', 'network', 'create', '--internal', '-o', `${INHIBIT_IPV4}=true`, '--subnet', subnet, networkName(this.lab)]);
    await docker.createNetwork({
      Name: networkName(this.lab),
      Driver: 'bridge',
      Internal: true,
      CheckDuplicate: true,
      Labels: this.labels(),
      Options: { [INHIBIT_IPV4]: 'true' },
      IPAM: { Driver: 'default', Config: [{ Subnet: subnet, Gateway: formatIpv4(broadcast - 1) }] },
    });
  }

  /** A network across engines (see {@link overlayNetwork}). */
  private async createOverlay(name: string, opts: { internal: boolean; subnet?: string }): Promise<void> {
    const overlay = overlayNetwork(name, this.labels(), { ...opts, mtu: this.resolved?.underlay.mtu });
    this.exec_.onCommand?.(overlay.cli);
    await (await this.docker()).createNetwork(overlay.options);
  }

  /** A container of the lab on one Docker network (with a fixed address, or one Docker picks). */
  private async startContainer(node: string, network: string, ip?: string, sysctls: Record<string, string> = {}, mac?: string): Promise<void> {
    const docker = await this.docker(node);
    const name = containerName(this.lab, node);
    this.exec_.onCommand?.([
      ...this.dockerCli(node),
      'run',
      '-d',
      '--name',
      name,
      '--network',
      network,
      ...(ip ? ['--ip', ip] : []),
      ...(mac ? ['--mac-address', mac] : []),
      ...CAPABILITIES.flatMap((c) => ['--cap-add', c]),
      '--device',
      '/dev/net/tun',
      this.imageOf(node),
    ]);
    const container = await docker.createContainer({
      name,
      Image: this.imageOf(node),
      Hostname: node,
      ...(mac ? { MacAddress: mac } : {}),
      Labels: this.labels(node),
      HostConfig: {
        Init: true,
        CapAdd: CAPABILITIES,
        Devices: [{ PathOnHost: '/dev/net/tun', PathInContainer: '/dev/net/tun', CgroupPermissions: 'rwm' }],
        SecurityOpt: ['apparmor=unconfined'],
        // /proc/sys is read-only inside: sysctls are set at creation.
        Sysctls: sysctls,
        NetworkMode: network,
      },
      ...(ip ? { NetworkingConfig: { EndpointsConfig: { [network]: { IPAMConfig: { IPv4Address: ip } } } } } : {}),
    });
    await container.start();
    // Done by the node's first exec, not one of its own.
    this.later(name, [
      ['mkdir', '-p', this.runDir(node)],
      // The same checksum offload trap as with veths on the host.
      ['ethtool', '-K', 'eth0', 'tx', 'off'],
    ]);
  }

  async createNode(spec: NodeSpec): Promise<void> {
    // Only br-phy answers ARP for the tunnel address. Across engines, the overlay delivers a
    // frame only to the MAC Docker knows for the address: the container's is br-phy's, so tunnel
    // packets reach br-phy addressed to it (OVS ends a tunnel only for its bridge's own MAC).
    await this.startContainer(spec.name, networkName(this.lab), spec.ip, { 'net.ipv4.conf.all.arp_ignore': '1' }, spec.mac);
  }

  /** Across engines, the overlay must carry its full MTU between them (see {@link probeUnderlay}). */
  async checkUnderlay(): Promise<void> {
    if (this.acrossEngines && this.resolved)
      await probeUnderlay(
        this.resolved,
        (node, argv) => this.run(node, argv, { nothrow: true }),
        (node) => this.engineOf(node),
      );
  }

  /**
   * Provider networks are Docker networks too; Docker's own addresses on them are flushed and the
   * lab's are used, and the host has none. Not --internal: on hosts that pass bridged traffic through iptables, Docker
   * drops what an internal network carries for addresses outside its own subnet (the lab's, and
   * DHCP from 0.0.0.0). No masquerading, and with Docker's addresses flushed no route leads out.
   */
  async createNetwork(name: string): Promise<void> {
    const docker = await this.docker();
    const net = providerNetworkName(this.lab, name);
    if (this.acrossEngines) return this.createOverlay(net, { internal: false });
    this.exec_.onCommand?.(['docker', 'network', 'create', '-o', 'com.docker.network.bridge.enable_ip_masquerade=false', '-o', `${INHIBIT_IPV4}=true`, net]);
    await docker.createNetwork({
      Name: net,
      Driver: 'bridge',
      CheckDuplicate: true,
      Labels: this.labels(),
      Options: { 'com.docker.network.bridge.enable_ip_masquerade': 'false', [INHIBIT_IPV4]: 'true' },
    });
  }

  /** Connects the node's container and renames the new interface (found by the MAC Docker gave it) to `iface`. */
  async connectToNetwork(node: string, network: string, iface: string, mac?: string): Promise<void> {
    const docker = await this.docker(node);
    const net = providerNetworkName(this.lab, network);
    const name = containerName(this.lab, node);
    this.exec_.onCommand?.(['docker', 'network', 'connect', net, name]);
    await docker.getNetwork(net).connect({ Container: name });
    const info = await docker.getContainer(name).inspect();
    const dockerMac = info.NetworkSettings.Networks[net]?.MacAddress;
    const links = await this.run(node, ['ip', '-o', 'link', 'show']);
    const dev = links.stdout
      .split('\n')
      .find((l) => dockerMac && l.includes(`link/ether ${dockerMac}`))
      ?.split(': ')[1]
      ?.split('@')[0];
    if (!dev) throw new Error(`cannot find the interface of ${node} on ${net} (MAC ${dockerMac})`);
    await this.adoptInterface(node, dev, iface, mac);
  }

  /** Takes over an interface Docker made: its name, MAC, no Docker address (nor its default route), checksum offload off. */
  private async adoptInterface(node: string, dev: string, iface: string, mac?: string): Promise<void> {
    await this.run(node, ['ip', 'link', 'set', 'dev', dev, 'down']);
    if (dev !== iface) await this.run(node, ['ip', 'link', 'set', 'dev', dev, 'name', iface]);
    if (mac) await this.run(node, ['ip', 'link', 'set', 'dev', iface, 'address', mac]);
    await this.run(node, ['ip', '-4', 'addr', 'flush', 'dev', iface]);
    await this.run(node, ['ip', '-4', 'route', 'flush', 'dev', iface]);
    await this.run(node, ['ethtool', '-K', iface, 'tx', 'off']);
    await this.run(node, ['ip', 'link', 'set', 'dev', iface, 'up']);
  }

  async createHost(host: Host): Promise<void> {
    // IPv6 stays off unless the host has an IPv6 address (no solicitations on IPv4 labs' networks).
    await this.startContainer(host.name, providerNetworkName(this.lab, host.network), undefined, { 'net.ipv6.conf.all.disable_ipv6': host.ip6 ? '0' : '1' });
    await this.adoptInterface(host.name, 'eth0', 'eth0', host.mac);
  }

  async createVms(vms: readonly Vm[]): Promise<void> {
    for (const vm of vms) {
      this.vmChassis.set(vm.name, vm.chassis);
      // The namespace and its link are made by the chassis container's next exec (plugging the VM).
      this.later(containerName(this.lab, vm.chassis), [['mkdir', '-p', this.runDir(vm.name)], ['ip', 'netns', 'add', vm.name], ...this.vmLinkCommands(vm, 'eth0', vm.name, vm.mac, [['ip', 'link', 'set', 'dev', 'lo', 'up']])]);
    }
  }

  /** Commands a container's next exec runs first (see {@link run}). */
  private later(container: string, commands: readonly string[][]): void {
    this.setUp.set(container, [...(this.setUp.get(container) ?? []), ...commands]);
  }

  /** The VM's namespace lives inside its chassis' container, named after the VM there. */
  async addVmLink(vm: Vm, vmIf: string, chassisIf: string, mac: string): Promise<void> {
    await this.runAll(vm.chassis, this.vmLinkCommands(vm, vmIf, chassisIf, mac));
  }

  /** A veth between the chassis' container and a VM's namespace in it, as commands run in the container. */
  private vmLinkCommands(vm: Vm, vmIf: string, chassisIf: string, mac: string, then: string[][] = []): string[][] {
    const commands = vethCommands({ dev: chassisIf }, { netns: vm.name, dev: vmIf, mac }, { mtu: vm.mtu, quietIpv6: !(vm.ipv6 && vmIf === 'eth0'), then: { b: then } });
    return commands.map(({ end, argv }) => (end === 'a' ? argv : inNamespace(vm.name, argv)));
  }

  private runAll(node: string, argvs: readonly (readonly string[])[]): Promise<ExecResult> {
    return runBatch((argv, opts) => this.run(node, argv, opts), argvs, node);
  }

  /** A namespace lives inside the container of its chassis, like a VM. */
  async createNamespace(ns: Namespace): Promise<void> {
    this.vmChassis.set(ns.name, ns.chassis);
    await this.run(ns.chassis, ['mkdir', '-p', this.runDir(ns.name)]);
    await this.run(ns.chassis, ['ip', 'netns', 'add', ns.name]);
    await this.run(ns.chassis, ['ip', '-n', ns.name, 'link', 'set', 'dev', 'lo', 'up']);
  }

  /** Both ends are namespaces in one chassis container (the file's check makes sure). */
  async createLink(link: Link): Promise<void> {
    const [a, b] = link.ends;
    const chassis = this.vmChassis.get(a.node)!;
    const end = (e: Link['ends'][number]): LinkEnd => ({ run: (argv) => this.run(chassis, ['ip', 'netns', 'exec', e.node, ...argv]), netns: e.node, dev: e.iface });
    await veth(end(a), end(b), { mtu: link.mtu, plain: true });
  }

  exec(node: string, argv: readonly string[], opts: ExecOptions = {}): Promise<ExecResult> {
    return this.run(node, argv, opts);
  }

  /**
   * Runs a command in a node's container. Each exec costs dockerd, containerd and runc a process
   * set-up, about as much CPU as the commands of a small step: what must happen first (files the
   * command reads, commands left for the container's next exec) rides in the same exec, in a `sh`
   * that then execs the command.
   */
  private async run(node: string, argv: readonly string[], opts: ExecOptions = {}): Promise<ExecResult> {
    if (opts.input !== undefined) throw new Error('docker runtime: exec with input is not supported; use writeFile');
    const { container, prefix } = this.containerOf(node);
    const files = opts.files ?? [];
    const cli = [...this.dockerCli(node), 'exec', container];
    const setUp = await this.takeSetUp(container);
    try {
      if (setUp.commands.length) this.exec_.onCommand?.([...cli, ...batchScript(setUp.commands)]);
      for (const f of files) this.exec_.onCommand?.([...cli, 'sh', '-c', `cat > ${f.path}`]);
      this.exec_.onCommand?.([...cli, ...prefix, ...argv]);
      const before = [...batchLines(setUp.commands), ...files.map(() => WRITE_FILE)];
      const full = before.length ? ['sh', '-ec', [...before, 'exec "$@"'].join('\n'), 'sh', ...files.flatMap(fileArgs), ...prefix, ...argv] : [...prefix, ...argv];
      const result = await dockerExec((await this.docker(node)).getContainer(container), full, { env: opts.env, timeoutMs: opts.timeoutMs, signal: opts.signal ?? this.exec_.signal });
      if (!result.ok && !opts.nothrow) throw result;
      return result;
    } finally {
      setUp.done();
    }
  }

  /**
   * The commands left for a container's next exec, taken by the exec about to run; other execs
   * there wait until it is done. The wait is checked without yielding when no set-up is under
   * way, so two execs started together cannot both find the commands taken and neither wait.
   */
  private async takeSetUp(container: string): Promise<{ commands: string[][]; done: () => void }> {
    while (this.settingUp.has(container)) await this.settingUp.get(container);
    const commands = this.setUp.get(container) ?? [];
    if (!commands.length) return { commands, done: () => {} };
    this.setUp.delete(container);
    let done = () => {};
    this.settingUp.set(container, new Promise<void>((r) => (done = r)));
    return { commands, done: () => (this.settingUp.delete(container), done()) };
  }

  async attach(node: string, argv: readonly string[], env: Record<string, string>): Promise<number> {
    const { container, prefix } = this.containerOf(node);
    return attachExec((await this.docker(node)).getContainer(container), [...prefix, ...argv], env);
  }

  async terminal(node: string, argv: readonly string[], env: Record<string, string>, size: TerminalSize): Promise<Terminal> {
    const { container, prefix } = this.containerOf(node);
    return execTerminal((await this.docker(node)).getContainer(container), [...prefix, ...argv], env, size);
  }

  async writeFile(node: string, path: string, content: string, mode = 0o644): Promise<void> {
    await this.writeFiles(node, [{ path, content, mode }]);
  }

  /** All in one exec (see {@link WRITE_FILE}). */
  async writeFiles(node: string, files: readonly NodeFile[]): Promise<void> {
    await this.run(node, ['true'], { files });
  }

  async copyFile(from: string, fromPath: string, to: string, toPath: string, mode = 0o644): Promise<void> {
    const content = await this.run(from, ['cat', fromPath]);
    await this.writeFile(to, toPath, content.stdout, mode);
  }

  async present(nodes: readonly string[]): Promise<Set<string>> {
    const { results } = await this.engines.onEach((docker) => docker.listContainers({ filters: { label: [`${LABEL_LAB}=${this.lab}`], status: ['running'] } }));
    const up = new Set(
      results
        .flat()
        .map((c) => c.Labels[LABEL_NODE])
        .filter((n): n is string => !!n),
    );
    const out = new Set<string>();
    for (const node of nodes) {
      const chassis = this.vmChassis.get(node);
      if (!chassis) {
        if (up.has(node)) out.add(node);
        continue;
      }
      if (!up.has(chassis)) continue;
      const list = await this.run(chassis, ['ip', 'netns', 'list'], { nothrow: true });
      if (list.stdout.split('\n').some((l) => l.split(' ')[0] === node)) out.add(node);
    }
    return out;
  }

  async stateDirs(): Promise<string[]> {
    const { results } = await this.engines.onEach((docker) => docker.listContainers({ all: true, filters: { label: [`${LABEL_LAB}=${this.lab}`] } }));
    return [
      ...new Set(
        results
          .flat()
          .map((c) => c.Labels[LABEL_STATE])
          .filter((d): d is string => !!d),
      ),
    ];
  }

  /**
   * Removes the lab's containers and networks, found by label on every engine; nothing else.
   * Containers first (on every engine), then networks (an overlay goes once nothing is attached).
   * An engine that does not answer keeps its part: that is an error saying to run down again, and
   * the lab's record stays so the next `lab down` knows the engines.
   */
  async destroy(opts: DestroyOptions = {}): Promise<number> {
    // With a record, only what carries its state directory: another lab of this name, made under
    // another LAB_STATE_DIR, keeps its containers and networks.
    const filters = { label: [`${LABEL_LAB}=${this.lab}`, ...(opts.onlyOurs ? [`${LABEL_STATE}=${labDir(this.lab)}`] : [])] };
    const stuck: string[] = [];
    const containers = await this.engines.onEach(async (docker, engine) => {
      const found = await docker.listContainers({ all: true, filters });
      await Promise.all(
        found.map((c) => {
          const name = c.Names[0]?.replace(/^\//, '') ?? c.Id;
          this.exec_.onCommand?.([...this.engines.cli(engine), 'rm', '-f', name]);
          // A dockerd that took the request and never answers (seen once after a Ctrl-C mid-exec)
          // must not hold down, or an interrupted up, for ever: past the deadline the container is named.
          const deadline = new AbortController();
          const timer = setTimeout(() => deadline.abort(), REMOVE_DEADLINE_MS);
          return docker
            .getContainer(c.Id)
            .remove({ force: true, abortSignal: deadline.signal } as Docker.ContainerRemoveOptions)
            .catch(() => {
              if (deadline.signal.aborted) stuck.push(name);
            })
            .finally(() => clearTimeout(timer));
        }),
      );
      return found.length;
    });
    if (stuck.length) {
      throw new LeftBehind(
        `lab '${this.lab}': the Docker engine did not remove ${stuck.sort().join(', ')} within ${REMOVE_DEADLINE_MS / 1000} s (it took the request and did not answer)`,
        `see the engine's log; once it answers 'docker rm -f' again (restarting dockerd helps), run 'lab down ${this.lab}': the lab's record is kept until everything is gone`,
      );
    }
    const networks = await this.engines.onEach(async (docker, engine) => {
      let removed = 0;
      for (const n of await docker.listNetworks({ filters })) {
        this.exec_.onCommand?.([...this.engines.cli(engine), 'network', 'rm', n.Name]);
        removed += await docker
          .getNetwork(n.Id)
          .remove()
          .then(
            () => 1,
            () => 0,
          );
      }
      return removed;
    });
    // A worker keeps its copy of an overlay until the manager's removal reaches it.
    await this.engines.onEach(async (docker) => {
      for (let i = 0; i < 50 && (await docker.listNetworks({ filters })).length; i++) await new Promise((r) => setTimeout(r, 200));
    });
    const [first] = containers.unreachable;
    if (first) {
      const names = containers.unreachable.map((e) => `'${e.engine.name}' (${e.engine.url})`).join(', ');
      throw new LeftBehind(
        `lab '${this.lab}': Docker engine${containers.unreachable.length > 1 ? 's' : ''} ${names} did not answer, so the lab's containers and networks there are still there`,
        `run 'lab down ${this.lab}' again once it answers: the lab's record is kept until everything is gone (an engine gone for good: 'lab down ${this.lab} --forget-unreachable')`,
        { cause: first },
      );
    }
    return [...containers.results, ...networks.results].reduce((a, b) => a + b, 0);
  }
}

/**
 * A line of a container's `sh` that writes the file whose content (base64: the Docker API's exec
 * has no reliable stdin half-close on older daemons), path and mode are its next three arguments.
 */
const WRITE_FILE = 'mkdir -p "$(dirname "$2")"; printf %s "$1" | base64 -d > "$2"; chmod "$3" "$2"; shift 3';

function fileArgs(f: NodeFile): string[] {
  return [Buffer.from(f.content).toString('base64'), f.path, (f.mode ?? 0o644).toString(8)];
}
