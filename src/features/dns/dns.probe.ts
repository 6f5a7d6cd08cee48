import type { CheckProbe } from '../../checks/check.js';
import { python } from '../../vm/programs.js';
import { canonicalRecord, dnsServerOf, type DnsCheck } from './dns-check.js';
import { reverseName } from './resolve.js';

/**
 * One DNS question over UDP, built by hand (the VMs have python3 but no dig): argv server, name,
 * type (A|AAAA|PTR), edns (0|1), timeout. Prints `answer <RCODE> <record>…` (addresses, or names
 * for PTR), `timeout` (nothing came back) or `unreachable` (an ICMP port unreachable: the address
 * has no DNS server, and OVN did not answer on the way).
 */
const DNS_QUERY = `
import random, socket, struct, sys
server, name, qtype, edns, timeout = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4] == "1", float(sys.argv[5])
types = {"A": 1, "AAAA": 28, "PTR": 12}
qid = random.randrange(65536)
q = struct.pack("!HHHHHH", qid, 0x0100, 1, 0, 0, 1 if edns else 0)
q += b"".join(bytes([len(l)]) + l.encode() for l in name.split(".")) + b"\\0" + struct.pack("!HH", types[qtype], 1)
if edns: q += b"\\0" + struct.pack("!HHIH", 41, 1232, 0, 0)
s = socket.socket(socket.AF_INET6 if ":" in server else socket.AF_INET, socket.SOCK_DGRAM)
s.settimeout(timeout); s.connect((server, 53))
def read_name(m, i):
    labels, jumped, end = [], False, i
    while m[i]:
        if m[i] & 0xC0 == 0xC0:
            if not jumped: end = i + 2
            i, jumped = struct.unpack("!H", m[i:i + 2])[0] & 0x3FFF, True; continue
        labels.append(m[i + 1:i + 1 + m[i]].decode(errors="replace")); i += 1 + m[i]
    return ".".join(labels), (end if jumped else i + 1)
try:
    s.send(q)
    while True:
        m = s.recv(4096)
        if len(m) >= 12 and struct.unpack("!H", m[:2])[0] == qid: break
except socket.timeout: print("timeout"); sys.exit()
except (ConnectionRefusedError, ConnectionResetError): print("unreachable"); sys.exit()
flags, qd, an = struct.unpack("!HHH", m[2:8])
i = 12
for _ in range(qd): i = read_name(m, i)[1] + 4
out = []
for _ in range(an):
    i = read_name(m, i)[1]; t, _c, _ttl, n = struct.unpack("!HHIH", m[i:i + 10]); i += 10; d = m[i:i + n]
    if t == 1: out.append(socket.inet_ntop(socket.AF_INET, d))
    elif t == 28: out.append(socket.inet_ntop(socket.AF_INET6, d))
    elif t == 12: out.append(read_name(m, i)[0])
    else: out.append("type%d" % t)
    i += n
rcodes = {0: "NOERROR", 1: "FORMERR", 2: "SERVFAIL", 3: "NXDOMAIN", 4: "NOTIMP", 5: "REFUSED"}
print(" ".join(["answer", rcodes.get(flags & 15, "RCODE%d" % (flags & 15))] + out))
`;

/** Seconds one question waits for its answer (OVN answers from the chassis of the VM at once). */
const ATTEMPT_TIMEOUT = 2;

export const dnsProbe: CheckProbe<DnsCheck> = {
  kind: 'dns',
  async attempt(spec, ctx) {
    const server = dnsServerOf(spec, ctx.lab)!;
    const asked = spec.type === 'PTR' ? reverseName(canonicalRecord('A', spec.query)) : spec.query;
    const out = await ctx.node(spec.from).run(python(DNS_QUERY, server, asked, spec.type, spec.edns ? 1 : 0, ATTEMPT_TIMEOUT), { nothrow: true, timeoutMs: 10_000 });
    const result = out.stdout.trim() || `error ${out.stderr.trim().split('\n').at(-1) ?? ''}`;
    const seen = `${spec.type} ${asked}${spec.edns ? ' (EDNS)' : ''} from ${spec.from} to ${server}: ${result}`;
    const [outcome, rcode, ...records] = result.split(' ');
    if (spec.expect === 'none') return { ok: outcome === 'timeout' || outcome === 'unreachable', seen };
    if (outcome !== 'answer') return { ok: false, seen };
    if (spec.expect === 'refused') return { ok: rcode === 'REFUSED', seen };
    const got = records.map((r) => canonicalRecord(spec.type, r)).sort();
    const want = spec.answer?.map((r) => canonicalRecord(spec.type, r)).sort();
    const ok = rcode === 'NOERROR' && got.length > 0 && (want === undefined || (got.length === want.length && got.every((r, i) => r === want[i])));
    return { ok, seen };
  },
};
