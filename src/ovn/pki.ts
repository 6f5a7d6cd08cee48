import type { Runtime } from '../runtime/runtime.js';
import type { NodeShell } from './node-shell.js';

/** A node's SSL files: its private key and certificate, and the CA certificate every peer is checked against. */
export interface SslFiles {
  key: string;
  cert: string;
  ca: string;
}

/** Where a node keeps its SSL files (`name` is whose key it is: a node, or `client` for lab nbctl/sbctl). */
export function sslFiles(runDir: string, name: string): SslFiles {
  return { key: `${runDir}/pki/${name}-privkey.pem`, cert: `${runDir}/pki/${name}-cert.pem`, ca: `${runDir}/pki/cacert.pem` };
}

/** The options ovsdb-server, ovn-controller, ovn-nbctl and ovn-sbctl take for them. */
export function sslArgs(f: SslFiles): string[] {
  return [`--private-key=${f.key}`, `--certificate=${f.cert}`, `--ca-cert=${f.ca}`];
}

/** The name of the key lab nbctl/sbctl use on the central node. */
export const CLIENT = 'client';

/**
 * A lab's own PKI, made with ovs-pki on the central node as OVS documents it (never in
 * /var/lib/openvswitch/pki): one CA, a key and certificate for central, for the lab's own
 * tools and for each chassis, copied to that chassis. Every certificate is signed by the
 * one CA, which is what each side checks the other against.
 */
export async function makeCertificates(runtime: Runtime, central: NodeShell, chassis: NodeShell[]): Promise<void> {
  const dir = `${central.runDir}/pki`;
  const pki = ['ovs-pki', `--dir=${dir}/ca`, `--log=${dir}/ovs-pki.log`];
  await central.run(['mkdir', '-p', dir]);
  await central.run([...pki, 'init']);
  await central.run(['cp', `${dir}/ca/switchca/cacert.pem`, `${dir}/cacert.pem`]);
  for (const name of [central.name, CLIENT, ...chassis.map((c) => c.name)]) {
    // req+sign writes NAME-privkey.pem and NAME-cert.pem in the current directory.
    await central.run(['sh', '-c', 'cd "$1" && shift && exec "$@"', 'pki', dir, ...pki, '-u', '-b', 'req+sign', name, 'switch']);
  }
  for (const c of chassis) {
    const from = sslFiles(central.runDir, c.name);
    const to = sslFiles(c.runDir, c.name);
    await runtime.copyFile(central.name, from.key, c.name, to.key, 0o600);
    await runtime.copyFile(central.name, from.cert, c.name, to.cert);
    await runtime.copyFile(central.name, from.ca, c.name, to.ca);
  }
}
