#!/usr/bin/env node
// Speed and memory figures of labs (not a test: it prints numbers, it does not judge them).
//   sudo npm run bench [-- labs/dmz.yaml ... [--runs N] [--runtime docker]]
// For each lab: time of `lab up`, `lab down`, and the RSS of the lab's daemons while it is up.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args.splice(i, 2)[1] : fallback;
};
const runs = Number(opt('--runs', '3'));
const floorIndex = args.indexOf('--floor');
const floor = floorIndex >= 0 && args.splice(floorIndex, 1).length > 0;
const runtime = opt('--runtime', 'netns');
const files = args.length ? args : ['labs/dmz.yaml'];
const cli = resolve('dist/cli/main.js');
const lab = (...a) => execFileSync(process.execPath, [cli, ...a], { env: { ...process.env, CI: 'true' }, stdio: ['ignore', 'pipe', 'pipe'] });

const rssKb = (pid) => {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  } catch {
    return 0;
  }
};

/** RSS in MB of the lab's processes: those pointing into its state directory, or (docker) in its containers. */
async function rssMb(name) {
  if (runtime === 'docker') {
    const { default: Docker } = await import('dockerode');
    const docker = new Docker();
    let kb = 0;
    for (const c of await docker.listContainers({ filters: { label: [`ovn-lab.lab=${name}`] } })) {
      const top = await docker.getContainer(c.Id).top();
      const col = top.Titles.indexOf('PID');
      for (const p of top.Processes) kb += rssKb(p[col]);
    }
    return kb / 1024;
  }
  let kb = 0;
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(`/run/lab/${name}/`)) kb += rssKb(pid);
    } catch { /* gone */ }
  }
  return kb / 1024;
}

const ms = (f) => { const t = performance.now(); f(); return performance.now() - t; };
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rows = [];
for (const file of files) {
  const name = `bench-${file.replace(/^.*\//, '').replace(/\.ya?ml$/, '')}`.slice(0, 20);
  const copy = join(mkdtempSync(join(tmpdir(), 'lab-bench-')), `${name}.yaml`);
  writeFileSync(copy, readFileSync(file, 'utf8').replace(/^name: .*$/m, `name: ${name}`));
  const up = [], down = [], rss = [];
  for (let i = 0; i < runs; i++) {
    up.push(ms(() => lab('up', copy, '--runtime', runtime)));
    rss.push(await rssMb(name));
    down.push(ms(() => lab('down', name)));
  }
  rows.push({ lab: file, runtime, runs, 'up ms (median)': Math.round(median(up)), 'down ms (median)': Math.round(median(down)), 'daemons RSS MB': Math.round(median(rss)) });
}
console.table(rows);

/**
 * Side by side, alternating: the tool (lab up, one lab exec that pings vm1 → vm2 five times, lab
 * down) against the floor, a plain bash script doing the same work with the same commands (the
 * script `lab script` prints, the pings with ip netns exec, a teardown by PID and ip netns del).
 * Prints both medians and their ratio. netns runtime; the lab must have vm1 and vm2.
 */
if (floor) {
  const sh = (script) => execFileSync('bash', ['-c', script], { stdio: ['ignore', 'pipe', 'pipe'] });
  const sides = [];
  for (const file of files) {
    const name = 'bench-floor';
    const dir = mkdtempSync(join(tmpdir(), 'lab-floor-'));
    const copy = join(dir, `${name}.yaml`);
    writeFileSync(copy, readFileSync(file, 'utf8').replace(/^name: .*$/m, `name: ${name}`));
    const script = join(dir, 'floor.sh');
    writeFileSync(script, lab('script', copy));
    const vm2 = /^\s+vm2:[\s\S]*?ip: (\S+)/m.exec(readFileSync(file, 'utf8'))?.[1] ?? /vm2: \{[^}]*ip: ([\d.]+)/.exec(readFileSync(file, 'utf8'))?.[1];
    const ns = `lab.${name}.`;
    const teardown = `for n in $(ip netns list | grep -o '^${ns.replace(/\./g, '\\.')}[^ ]*'); do kill $(ip netns pids "$n") 2>/dev/null; done; sleep 0.2; for n in $(ip netns list | grep -o '^${ns.replace(/\./g, '\\.')}[^ ]*'); do kill -9 $(ip netns pids "$n") 2>/dev/null; ip netns del "$n"; done; rm -rf /run/lab/${name}`;
    const tool = [], plain = [];
    for (let i = 0; i < runs; i++) {
      tool.push(ms(() => { lab('up', copy); lab('exec', '--lab', name, 'vm1', 'ping', '-c5', '-i0.2', '-W1', vm2); lab('down', name); }));
      plain.push(ms(() => { sh(`bash ${script} >/dev/null`); sh(`ip netns exec ${ns}vm1 ping -c5 -i0.2 -W1 ${vm2} >/dev/null`); sh(teardown); }));
    }
    sides.push({ lab: file, runs, 'lab ms (median)': Math.round(median(tool)), 'floor ms (median)': Math.round(median(plain)), ratio: (median(tool) / median(plain)).toFixed(2) });
  }
  console.table(sides);
}
