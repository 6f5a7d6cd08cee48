#!/usr/bin/env node
// Speed and memory figures (not a test: it prints numbers, it does not judge them).
//   npm run bench [-- [--only netns,docker,debian13,dryrun,scale,portup] [--runs N]
//                     [--scale 25,50,100,250,500] [--flat 50,100] [--portup 25,100,250,500]
//                     [--batches 5] [--batch-size 25] [--ovn OVN_BUILD_TREE]]
//
// netns, docker: labs/dmz.yaml brought up, five pings from vm1 to vm2, brought down, three lab
//   calls, against its floor, run alternately in the same run: plain scripts doing the same work.
//   The netns floor is `lab script`'s bash (the very commands lab runs, in one shell); the docker
//   floor is test/bench/floor/dmz-docker.sh, written by hand with the docker CLI.
// dryrun: `lab up --dry-run` of 1000 chassis × 2 VMs (resolving, checking and planning only).
// scale (scale.mjs): labs of N chassis × 2 VMs from `lab generate` on netns, in the tenant layout
//   (--scale: switches of 10 chassis, `--chassis-per-switch 10`) and the flat one (--flat: one
//   switch over every chassis): up with every lease, down, the daemons' CPU by daemon and the wall
//   time against it spread over the cores, memory per chassis (RSS, which counts the pages of
//   shared libraries in every process, and PSS, which shares them out), the SB's size and logical
//   flows, the tunnel ports of one chassis, and the tenant cost per chassis's growth per doubling.
// portup (port-up.mjs): the latency from a logical port's NB write to ovn-installed on its
//   chassis, as ovn-heater reports it, at N chassis (on the tenant scale lab of N when scale runs
//   too); with --ovn, on that build tree too, side by side.
// debian13: dmz up on this host (Debian 12: OVS 3.1, OVN 23.03) and on a Debian 13 host (OVS 3.5,
//   OVN 25.03: test/debian13/host.sh, a container of Debian 13's packages running the netns
//   runtime), alternately in the same run: each up's time as `lab up` reports it, the ratio of the
//   medians (within 1.5 is Debian 12's speed; a lost first DHCPDISCOVER costs 3 s or more), and how
//   many leases took more than one DHCPDISCOVER. Needs docker and the image (host.sh build).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { portUp, portUpBatches } from './port-up.mjs';
import { growthPerDoubling, scaleRun } from './scale.mjs';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args.splice(i, 2)[1] : fallback;
};
const runs = Number(opt('--runs', '5'));
const only = opt('--only', 'netns,docker,debian13,dryrun,scale,portup').split(',');
const scalePoints = opt('--scale', '25,50,100,250,500').split(',').filter(Boolean).map(Number);
const flatPoints = opt('--flat', '50,100').split(',').filter(Boolean).map(Number);
const portUpPoints = opt('--portup', '25,100,250,500').split(',').filter(Boolean).map(Number);
const batches = Number(opt('--batches', '5'));
const batchSize = Number(opt('--batch-size', '25'));
const ovnTree = opt('--ovn', undefined);
const cli = resolve('dist/lab/main.js');
const env = { ...process.env, CI: 'true' };
const lab = (...a) => execFileSync(process.execPath, [cli, ...a], { env, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 26 }).toString();
const sh = (script) => execFileSync('bash', ['-c', script], { stdio: ['ignore', 'pipe', 'pipe'] });
const ms = (f) => {
  const t = performance.now();
  f();
  return performance.now() - t;
};
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const VM2 = '172.16.255.131';
const PINGS = ['ping', '-c5', '-i0.2', '-W1', VM2];

/** dmz under another name, in a temporary file. */
function dmzCopy(name) {
  const file = join(mkdtempSync(join(tmpdir(), 'lab-bench-')), `${name}.yaml`);
  writeFileSync(file, readFileSync('labs/dmz.yaml', 'utf8').replace(/^name: .*$/m, `name: ${name}`));
  return file;
}

/** Runs tool and floor alternately `runs` times; a row of medians and their ratio. */
function sideBySide(what, tool, floor) {
  const t = [],
    f = [];
  for (let i = 0; i < runs; i++) {
    t.push(ms(tool));
    f.push(ms(floor));
  }
  return { what, runs, 'lab ms (median)': Math.round(median(t)), 'floor ms (median)': Math.round(median(f)), ratio: Number((median(t) / median(f)).toFixed(2)) };
}

const rows = [];
if (only.includes('netns')) {
  const name = 'bench-netns';
  const file = dmzCopy(name);
  const dir = mkdtempSync(join(tmpdir(), 'lab-floor-'));
  const script = join(dir, 'floor.sh');
  writeFileSync(script, lab('script', file));
  const ns = `lab.${name}.`.replace(/\./g, '\\.');
  const teardown = `for n in $(ip netns list | grep -o '^${ns}[^ ]*'); do kill $(ip netns pids "$n") 2>/dev/null; done; sleep 0.2; for n in $(ip netns list | grep -o '^${ns}[^ ]*'); do kill -9 $(ip netns pids "$n") 2>/dev/null; ip netns del "$n"; done; rm -rf /run/lab/${name}`;
  rows.push(
    sideBySide(
      'dmz on netns: up, 5 pings, down',
      () => {
        lab('up', file);
        lab('exec', '--lab', name, 'vm1', ...PINGS);
        lab('down', name);
      },
      () => {
        sh(`bash ${script} >/dev/null 2>&1`);
        sh(`ip netns exec lab.${name}.vm1 ${PINGS.join(' ')} >/dev/null`);
        sh(teardown);
      },
    ),
  );
}
if (only.includes('docker')) {
  const name = 'bench-docker';
  const file = dmzCopy(name);
  const image = (await import(resolve('dist/runtime/docker/images.js'))).nodeImage('bookworm');
  const floor = resolve('test/bench/floor/dmz-docker.sh');
  rows.push(
    sideBySide(
      'dmz on docker: up, 5 pings, down',
      () => {
        lab('up', file, '--runtime', 'docker');
        lab('exec', '--lab', name, 'vm1', ...PINGS);
        lab('down', name);
      },
      () => {
        sh(`bash ${floor} up ${image} bench-floor 2>/dev/null`);
        sh(`docker exec bench-floor-hv1 ip netns exec vm1 ${PINGS.join(' ')} >/dev/null`);
        sh(`bash ${floor} down bench-floor`);
      },
    ),
  );
}
if (rows.length) console.table(rows);

/** The seconds `lab up` says it took ("lab NAME is up (1.23s)"). */
const upSeconds = (out) => Number(/ is up \(([\d.]+)s\)/.exec(out)?.[1] ?? NaN);
/** Of a lab's DHCP leases (dhclient logs, as `cat` prints them), those that took more than one DHCPDISCOVER. */
const resent = (logs) => logs.split('Internet Systems Consortium').filter((l) => (l.match(/DHCPDISCOVER/g) ?? []).length > 1).length;

if (only.includes('debian13')) {
  const host = resolve('test/debian13/host.sh');
  const image = (() => {
    try {
      return sh(`bash ${host} image`).toString().trim();
    } catch {
      return undefined;
    }
  })();
  let ready = false;
  try {
    sh(`docker image inspect ${image} >/dev/null 2>&1`);
    ready = !!image;
  } catch {
    /* no docker or no image */
  }
  if (!ready) {
    console.log(`debian13: not measured: ${image ? `no image ${image} (or no docker); build it with 'bash test/debian13/host.sh build'` : 'docker or the built CLI is missing'}`);
  } else {
    const container = 'lab-bench-debian13';
    const name12 = 'deb13-bench-12',
      name13 = 'deb13-bench-13';
    const file12 = dmzCopy(name12);
    const file13 = `/tmp/${name13}.yaml`;
    sh(`bash ${host} start ${container}`);
    try {
      execFileSync('docker', ['exec', '-i', container, 'sh', '-c', `cat > ${file13}`], { input: readFileSync(file12, 'utf8').replace(`name: ${name12}`, `name: ${name13}`) });
      const inside = (...a) => execFileSync('bash', [host, 'lab', container, ...a], { stdio: ['ignore', 'pipe', 'pipe'] }).toString();
      const t12 = [],
        t13 = [];
      let r12 = 0,
        r13 = 0;
      // One round not counted: a new container reads its image's programs from disk the first time.
      lab('up', file12);
      lab('down', name12);
      inside('up', file13);
      inside('down', name13);
      for (let i = 0; i < runs; i++) {
        t12.push(upSeconds(lab('up', file12)));
        r12 += resent(sh(`cat /run/lab/${name12}/nodes/vm*/dhclient.log`).toString());
        lab('down', name12);
        t13.push(upSeconds(inside('up', file13)));
        r13 += resent(execFileSync('docker', ['exec', container, 'sh', '-c', `cat /run/lab/${name13}/nodes/vm*/dhclient.log`]).toString());
        inside('down', name13);
      }
      console.table([
        {
          what: 'dmz up (as lab up reports it), Debian 13 host vs this Debian 12 host',
          runs,
          'Debian 12 s (median)': median(t12),
          'Debian 13 s (median)': median(t13),
          ratio: Number((median(t13) / median(t12)).toFixed(2)),
          'leases resent (12 / 13)': `${r12} / ${r13} of ${2 * runs}`,
        },
      ]);
    } finally {
      sh(`bash ${host} stop ${container}`);
    }
  }
}

/** A point that failed (its lab brought down) leaves a row saying why, and the others still run. */
async function point(what, n, work, cleanup) {
  try {
    return await work();
  } catch (e) {
    try {
      cleanup();
    } catch {
      /* not up */
    }
    // What failed where (lab's error line names the command and its node), and how it ended.
    const lines = String(e.stderr ?? e.message ?? e)
      .trim()
      .split('\n');
    const failure = lines.find((l) => l.includes('did not come up')) ?? '';
    return { failed: true, what, chassis: n, error: [failure.slice(0, 400), ...lines.slice(-3)].filter(Boolean).join(' | ') };
  }
}

// The port-up batches run on the tenant scale lab of the same N when both are asked for (one up
// of N chassis instead of two).
const portUpOnScale = only.includes('scale') && only.includes('portup');
const portUpDone = new Map();
if (only.includes('scale')) {
  const during = (n) => (portUpOnScale && portUpPoints.includes(n) ? (name, text) => portUpBatches(lab, name, text, { batches, batchSize }) : undefined);
  const tenant = [];
  for (const n of scalePoints) {
    const r = await point(
      'tenant',
      n,
      () => scaleRun(lab, n, { during: during(n) }),
      () => lab('down', `bench-s${n}`),
    );
    tenant.push(r);
    if (r.during) portUpDone.set(n, r.during);
  }
  const flatRuns = [];
  for (const n of flatPoints)
    flatRuns.push(
      await point(
        'flat',
        n,
        () => scaleRun(lab, n, { flat: true }),
        () => lab('down', `bench-f${n}`),
      ),
    );
  const ok = [...tenant, ...flatRuns].filter((r) => !r.failed);
  for (const r of [...tenant, ...flatRuns].filter((r) => r.failed)) console.log(`scale: ${r.what} ${r.chassis} chassis FAILED: ${r.error}`);
  console.log('scale: N chassis x 2 VMs (lab generate), netns; tenant: switches of 10 chassis; flat: one switch over every chassis');
  console.table(ok.map((r) => r.row));
  console.log('daemon CPU s by daemon (summed over nodes), same runs:');
  console.table(ok.map((r) => ({ layout: r.row.layout, chassis: r.row.chassis, ...r.byDaemon })));
  const tenantOk = tenant.filter((r) => !r.failed);
  if (tenantOk.length > 1) console.table(growthPerDoubling(tenantOk.map((r) => r.row)));
}

if (only.includes('dryrun')) {
  const file = join(mkdtempSync(join(tmpdir(), 'lab-bench-')), 'bench-dry.yaml');
  writeFileSync(file, lab('generate', '--chassis', '1000', '--vms-per-chassis', '2', '--chassis-per-switch', '10', '--name', 'bench-dry'));
  const t = [];
  for (let i = 0; i < runs; i++) t.push(ms(() => lab('up', file, '--dry-run')));
  console.table([{ what: 'lab up --dry-run, 1000 chassis x 2 VMs (tenant switches of 10)', runs, 'ms (median)': Math.round(median(t)) }]);
}

if (only.includes('portup')) {
  const rowsPu = [];
  for (const n of portUpPoints) {
    rowsPu.push(
      portUpDone.get(n) ??
        (await point(
          'port-up',
          n,
          () => portUp(lab, n, { batches, batchSize }),
          () => lab('down', `bench-pu${n}`),
        )),
    );
    if (ovnTree)
      rowsPu.push(
        await point(
          'port-up',
          n,
          () => portUp(lab, n, { batches, batchSize, ovn: ovnTree }),
          () => lab('down', `bench-pu${n}b`),
        ),
      );
  }
  console.log(`port-up latency: NB write to ovn-installed, ${batches} batches of ${batchSize} ports per lab (lab generate, 2 VMs per chassis, tenant switches of 10), netns`);
  console.table(rowsPu);
}
