import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { describeE2E, lab, labFile, usesLabs } from './helpers.js';

const GENEVE = 'e2e-encap-geneve';

describeE2E('tunnel types: what VXLAN mode gives up', () => {
  usesLabs(GENEVE);

  it('with Geneve, the remote sender is matched by inport and refused, where VXLAN lets it through (exit 1 for that check alone)', async () => {
    const file = labFile('vxlan', GENEVE, (t) => t.replaceAll('{ encap: vxlan }', '{}'));
    const out = join(mkdtempSync(join(tmpdir(), 'lab-encap-')), 'r.json');
    const r = await lab(['test', file, '--json', out, '--only', 'for real, the inport ACL does not match across the VXLAN tunnel, so web answers vm1', '--only', 'VXLAN tunnels between hv1 and hv2, not Geneve']);
    expect(r.code).toBe(1);
    const [tunnels, connect] = JSON.parse(readFileSync(out, 'utf8')).labs[0].checks;
    // The tunnels check follows each chassis' encap: here Geneve ports, with the options the notes printed.
    expect(tunnels).toMatchObject({ passed: true, seen: 'hv1 → geneve 192.168.100.3 (csum=true key=flow remote_ip=192.168.100.3); hv2 → geneve 192.168.100.2 (csum=true key=flow remote_ip=192.168.100.2)' });
    expect(connect).toMatchObject({ passed: false, seen: 'tcp 10.80.0.20:80 from vm1: refused' });
  });
});
