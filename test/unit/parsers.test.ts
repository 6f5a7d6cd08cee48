import { describe, expect, it } from 'vitest';
import { parseLastLease, parseLastLease6, prefixOfNetmask } from '../../src/checks/lease.js';
import { parseTcpdump } from '../../src/vm/capture.js';
import { globRegex } from '../../src/topology/checks/bridge.js';
import { pingCounts } from '../../src/checks/kinds/ping.js';
import { microflow } from '../../src/checks/kinds/trace.js';
import { traceOutputs } from '../../src/ovn/queries.js';
import { parseLogicalFlows, parseOpenFlows } from '../../src/ovn/lflow.js';
import { parseTopology } from '../../src/topology/load.js';
import { readFileSync } from 'node:fs';

describe('parsers of what OVN and the tools print', () => {
  it('the last lease of a dhclient lease file', () => {
    const lease = `lease {\n  fixed-address 10.0.0.5;\n  option routers 10.0.0.1;\n}\nlease {\n  interface "eth0";\n  fixed-address 172.16.255.130;\n  option subnet-mask 255.255.255.192;\n  option routers 172.16.255.129;\n  option dhcp-lease-time 3600;\n  option dhcp-server-identifier 172.16.255.129;\n  option interface-mtu 1400;\n}\n`;
    expect(parseLastLease(lease)).toEqual({ address: '172.16.255.130', netmask: '255.255.255.192', routers: '172.16.255.129', leaseTime: 3600, mtu: 1400, server: '172.16.255.129' });
    expect(parseLastLease('')).toBeUndefined();
    expect(prefixOfNetmask('255.255.255.192')).toBe(26);
  });

  it('the last lease of a dhclient -6 lease file: address, the MAC of the server DUID, DNS', () => {
    const lease = `default-duid "\\000\\001";\nlease6 {\n  interface "eth0";\n  ia-na 10:ff:01:30 {\n    iaaddr fd00:61::11 {\n      max-life 4294967295;\n    }\n  }\n  option dhcp6.client-id 0:1:0:1:32:9a;\n  option dhcp6.server-id 0:3:0:1:2:0:0:61:0:1;\n  option dhcp6.name-servers fd00:61::53;\n}\n`;
    expect(parseLastLease6(lease)).toEqual({ address: 'fd00:61::11', serverMac: '02:00:00:61:00:01', dns: 'fd00:61::53' });
    expect(parseLastLease6('')).toBeUndefined();
  });

  it('tcpdump lines of both families', () => {
    const lines = [
      '02:00:00.000 IP 10.0.2.10 > 10.99.0.2: ICMP echo request, id 1, seq 1, length 64',
      '02:00:00.000 IP 10.0.0.1.43790 > 10.0.0.2.80: Flags [S], seq 1',
      '02:00:00.000 IP6 fd00:ff::50 > fd00:ff::100: ICMP6, echo request, id 2, seq 1, length 64',
      '02:00:00.000 IP6 fd00:1::10.40000 > fd00:2::20.80: Flags [S], seq 1',
    ].join('\n');
    expect(parseTcpdump(lines).map((p) => `${p.src} > ${p.dst}`)).toEqual(['10.0.2.10 > 10.99.0.2', '10.0.0.1 > 10.0.0.2', 'fd00:ff::50 > fd00:ff::100', 'fd00:1::10 > fd00:2::20']);
  });

  it('port name patterns with *', () => {
    expect(globRegex('patch-*-to-br-int').test('patch-provnet-physnet1-to-br-int')).toBe(true);
    expect(globRegex('patch-*-to-br-int').test('patch-br-int-to-provnet')).toBe(false);
    expect(globRegex('a.b').test('axb')).toBe(false);
  });

  it('ping summaries', () => {
    expect(pingCounts('3 packets transmitted, 2 received, 33% packet loss')).toEqual({ sent: 3, received: 2 });
    expect(pingCounts('ping: connect: Network is unreachable')).toBeUndefined();
  });

  it('logical flows with their stage, pipeline, cookie and datapath', () => {
    const text = `Datapath: "dmz" (ad9d046e-a73f-42bf-828a-3c543932fb9e)  Pipeline: ingress
  uuid=0x0b083229a, table=20(ls_in_dhcp_options ), priority=100  , match=(inport == "dmz-vm1" && udp.dst == 67), action=(reg0[3] = put_dhcp_opts(offerip = 172.16.255.130); next;)
Datapath: "dmz" (ad9d046e-a73f-42bf-828a-3c543932fb9e)  Pipeline: egress
  uuid=0x1234, table=9(ls_out_port_sec_l2), priority=50   , match=(outport == "dmz-vm1"), action=(output;)
Datapath: "r1" (0d9d046e-a73f-42bf-828a-3c543932fb9e)  Pipeline: egress
  uuid=0x5678, table=3 (lr_out_snat        ), priority=154  , match=(ip && ip4.src == 10.50.0.0/24), action=(ct_snat(172.16.0.10);)`;
    expect(parseLogicalFlows(text)).toEqual([
      {
        cookie: '0xb083229a',
        datapath: 'dmz',
        datapathUuid: 'ad9d046e-a73f-42bf-828a-3c543932fb9e',
        pipeline: 'ingress',
        table: 20,
        stage: 'ls_in_dhcp_options',
        priority: 100,
        match: 'inport == "dmz-vm1" && udp.dst == 67',
        actions: 'reg0[3] = put_dhcp_opts(offerip = 172.16.255.130); next;',
      },
      { cookie: '0x1234', datapath: 'dmz', datapathUuid: 'ad9d046e-a73f-42bf-828a-3c543932fb9e', pipeline: 'egress', table: 9, stage: 'ls_out_port_sec_l2', priority: 50, match: 'outport == "dmz-vm1"', actions: 'output;' },
      { cookie: '0x5678', datapath: 'r1', datapathUuid: '0d9d046e-a73f-42bf-828a-3c543932fb9e', pipeline: 'egress', table: 3, stage: 'lr_out_snat', priority: 154, match: 'ip && ip4.src == 10.50.0.0/24', actions: 'ct_snat(172.16.0.10);' },
    ]);
  });

  it('OpenFlow flows with cookie, table, packets and actions', () => {
    const [f] = parseOpenFlows(' cookie=0xb083229a, duration=0.725s, table=28, n_packets=2, n_bytes=684, idle_age=0, priority=100,udp actions=controller(userdata=00.00,pause),resubmit(,29)');
    expect(f).toMatchObject({ cookie: '0xb083229a', table: 28, packets: 2, actions: 'controller(userdata=00.00,pause),resubmit(,29)' });
  });

  it('ovn-trace verdicts and the microflow built from the lab', () => {
    expect(traceOutputs('# reg14=0x2\noutput("dmz-vm2");\n')).toEqual(['dmz-vm2']);
    expect(traceOutputs('# reg14=0x2\n')).toEqual([]);
    const lab = parseTopology(readFileSync('labs/dmz.yaml', 'utf8'), 'labs/dmz.yaml');
    expect(microflow(lab, 'vm1', 'vm2', 'udp:53')).toBe(
      'inport == "dmz-vm1" && eth.src == 02:ac:10:ff:01:30 && eth.dst == 02:ac:10:ff:01:31 && ip4.src == 172.16.255.130 && ip4.dst == 172.16.255.131 && ip.ttl == 64 && udp.src == 40000 && udp.dst == 53',
    );
  });
});
