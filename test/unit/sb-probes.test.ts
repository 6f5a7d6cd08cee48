import { describe, expect, it } from 'vitest';
import { generateLab } from '../../src/core/generate.js';
import { scriptLab } from '../../src/core/script.js';
import { parseTopology } from '../../src/topology/load.js';

/** `lab script` of a generated lab of N chassis (one VM each, tenant switches of 10), central clustered or not. */
async function script(chassis: number, cluster = false): Promise<string> {
  const text = generateLab({ name: 'big', chassis, vmsPerChassis: 1, chassisPerSwitch: 10, runtime: 'netns' });
  const lab = parseTopology(cluster ? text.replace(/^name: big$/m, 'name: big\ncentral: { cluster: 3 }') : text, 'big.yaml');
  return scriptLab(lab, 'big.yaml');
}

describe("SB probes at scale: both sides wait a tenth of a second per chassis, past OVN's 5 s", () => {
  it("up to 50 chassis, OVN's defaults: the SB listens where its command line says, no Connection row", async () => {
    const s = await script(50);
    expect(s).toContain('--remote=ptcp:6642:100.64.0.1 ');
    expect(s).not.toContain('set-connection');
    expect(s).not.toContain('ovn-remote-probe-interval');
  });

  it('at 60, the chassis probe every 6 s and the SB its clients every 6 s, through a Connection row made once northd made SB_Global', async () => {
    const s = await script(60);
    expect(s).toContain('--remote=db:OVN_Southbound,SB_Global,connections ');
    expect(s).not.toContain('--remote=ptcp:6642');
    const lines = s.split('\n');
    const row = lines.findIndex((l) => l.includes('set-connection ptcp:6642:100.64.0.1 -- set Connection . inactivity_probe=6000'));
    expect(row).toBeGreaterThan(lines.findIndex((l) => /^in_node central ovn-northd /.test(l)));
    expect(lines[row - 1]).toContain('list SB_Global');
    expect(s).toContain('external_ids:ovn-remote-probe-interval=6000');
  });

  it("a cluster's members share the row: its target names no address, so each listens on its own", async () => {
    const s = await script(60, true);
    expect(s.match(/set-connection/g)).toHaveLength(1);
    expect(s).toContain('set-connection ptcp:6642 -- set Connection . inactivity_probe=6000');
  });
});
