import type { Central } from '../topology/model.js';
import { daemonArgs, NB_PORT, SB_PORT, type NodeShell } from './node-shell.js';
import { sslArgs, sslFiles } from './pki.js';

const SCHEMAS = { nb: '/usr/share/ovn/ovn-nb.ovsschema', sb: '/usr/share/ovn/ovn-sb.ovsschema' };

/**
 * Starts the central node: NB and SB ovsdb-servers (unix socket for local tools, TCP on the
 * underlay address for chassis) and ovn-northd. Started directly, not through ovn-ctl,
 * which would touch the host's run directories.
 */
export async function startCentral(node: NodeShell, central: Central): Promise<void> {
  const r = node.runDir;
  // With SSL, chassis reach the databases on pssl: with the lab's certificates; northd and the lab's
  // own checks keep using the local unix sockets.
  const listen = (port: number) => (central.ssl ? [`--remote=pssl:${port}:${central.ip}`, ...sslArgs(sslFiles(r, central.name))] : [`--remote=ptcp:${port}:${central.ip}`]);
  for (const [db, port] of [['nb', NB_PORT], ['sb', SB_PORT]] as const) {
    const name = `ovn${db}_db`;
    await node.run(['ovsdb-tool', 'create', `${r}/${name}.db`, SCHEMAS[db]]);
    await node.run([
      'ovsdb-server', `${r}/${name}.db`,
      `--remote=punix:${r}/${name}.sock`,
      ...listen(port),
      `--unixctl=${r}/${name}.ctl`,
      ...daemonArgs(r, name),
    ]);
  }
  await node.run([
    'ovn-northd',
    `--ovnnb-db=unix:${r}/ovnnb_db.sock`,
    `--ovnsb-db=unix:${r}/ovnsb_db.sock`,
    ...daemonArgs(r, 'ovn-northd'),
  ]);
}
