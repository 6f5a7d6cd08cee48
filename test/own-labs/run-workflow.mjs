#!/usr/bin/env node
// Runs a GitHub Actions workflow of a repository of labs on this machine, as GitHub's runner would:
// each job (each matrix entry) in a fresh workspace, its `run:` steps in order with bash -eo
// pipefail, its `if:` conditions and `${{ }}` expressions evaluated, and the few actions such a
// workflow uses done here by hand. lab's CI runs docs/examples/own-labs/.github/workflows/labs.yml
// with it, so the workflow the README shows is one that works.
//
//   node test/own-labs/run-workflow.mjs [--workflow FILE] [--repo DIR] [--job NAME]...
//       [--matrix KEY=VALUE]... [--var NAME=VALUE]... [--ovn-sources DIR] [--cache DIR]
//       [--seed-cache PATH=DIR] [--artifacts DIR]
//
// What the actions do here:
// - actions/checkout: this repository (--repo, default the workflow's own repository) is copied into
//   the workspace; with `repository:`, OVN's sources are unpacked instead, from --ovn-sources (the
//   tarballs and SHA256SUMS of ../shared/sources: no GitHub here), and outputs.commit is their commit;
// - actions/cache: a directory per key under --cache (restored before, saved after a job that
//   passed); --seed-cache PATH=DIR fills a missing entry for PATH from DIR (a build made before);
// - actions/setup-node: the Node.js on PATH, refused if older than node-version;
// - actions/upload-artifact: the path copied to --artifacts/NAME.
// `sudo` runs the command as it is (CI runs as root); npm's global prefix is the job's own, so
// `npm install -g` never touches the machine's.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parse } from 'yaml';
import { evaluate, interpolate } from './expressions.mjs';

const { values: opts } = parseArgs({
  options: {
    workflow: { type: 'string', default: 'docs/examples/own-labs/.github/workflows/labs.yml' },
    repo: { type: 'string' },
    job: { type: 'string', multiple: true, default: [] },
    matrix: { type: 'string', multiple: true, default: [] },
    var: { type: 'string', multiple: true, default: [] },
    'ovn-sources': { type: 'string' },
    cache: { type: 'string', default: '/var/cache/ovn-lab/actions-cache' },
    'seed-cache': { type: 'string', multiple: true, default: [] },
    artifacts: { type: 'string', default: 'out/own-labs' },
  },
});
const pairs = (list) => Object.fromEntries(list.map((p) => [p.slice(0, p.indexOf('=')), p.slice(p.indexOf('=') + 1)]));
const workflowFile = resolve(opts.workflow);
const repo = resolve(opts.repo ?? join(dirname(workflowFile), '..', '..'));
const workflow = parse(readFileSync(workflowFile, 'utf8'));
const vars = pairs(opts.var);
const seeds = pairs(opts['seed-cache']);
const matrixFilter = opts.matrix.map((p) => p.split('='));

/** The matrix entries of a job (include lists, or the product of the keys), those --matrix keeps. */
function entries(job) {
  const m = job.strategy?.matrix;
  if (!m) return [{}];
  const { include = [], ...axes } = m;
  const product = Object.entries(axes).reduce((acc, [k, vs]) => acc.flatMap((e) => vs.map((v) => ({ ...e, [k]: v }))), [{}]);
  const all = Object.keys(axes).length ? product : include;
  return all.filter((e) => !matrixFilter.length || matrixFilter.some(([k, v]) => String(e[k]) === v));
}

function sh(cmd, env, cwd) {
  return spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', cmd], { cwd, env, stdio: 'inherit' }).status === 0;
}

/** One `uses:` step, done here; returns its outputs, and what to do when the job ends. */
function action(step, ctx) {
  const [name] = step.uses.split('@');
  const w = Object.fromEntries(Object.entries(step.with ?? {}).map(([k, v]) => [k, interpolate(String(v), ctx)]));
  const at = (p) => join(ctx.workspace, p ?? '.');
  if (name === 'actions/checkout' && !w.repository) {
    cpSync(repo, at(w.path), { recursive: true });
    return {};
  }
  if (name === 'actions/checkout') return { outputs: { commit: unpackOvn(at(w.path), w.repository) } };
  if (name === 'actions/setup-node') {
    const major = Number(process.versions.node.split('.')[0]);
    if (major < Number(w['node-version'] ?? 0)) throw new Error(`Node.js ${process.versions.node} is older than node-version ${w['node-version']}`);
    return {};
  }
  if (name === 'actions/cache') return cache(w.path, w.key, at(w.path));
  if (name === 'actions/upload-artifact') {
    if (existsSync(at(w.path))) cpSync(at(w.path), join(resolve(opts.artifacts), w.name), { recursive: true });
    return {};
  }
  throw new Error(`${step.uses}: this runner does not know that action`);
}

/** OVN's sources where a checkout of its repository would put them (test/ovn-build/unpack.sh); their commit. */
function unpackOvn(dest, repository) {
  const sources = opts['ovn-sources'];
  if (!sources) throw new Error(`checkout of ${repository}: no GitHub here; give --ovn-sources (the OVN and OVS tarballs)`);
  execFileSync('bash', [new URL('../ovn-build/unpack.sh', import.meta.url).pathname, sources, dest], { stdio: 'inherit' });
  return readFileSync(join(dest, '.git-archive-commit'), 'utf8').trim();
}

/** actions/cache: restore the key's directory if it is there (seeded if asked), save it after a job that passed. */
function cache(path, key, dest) {
  const entry = join(opts.cache, key);
  if (!existsSync(entry) && seeds[path]) {
    console.log(`   cache ${key}: seeded from ${seeds[path]}`);
    mkdirSync(opts.cache, { recursive: true });
    cpSync(seeds[path], entry, { recursive: true });
  }
  if (existsSync(entry)) {
    rmSync(dest, { recursive: true, force: true });
    cpSync(entry, dest, { recursive: true });
    console.log(`   cache ${key}: restored`);
    return { outputs: { 'cache-hit': 'true' } };
  }
  console.log(`   cache ${key}: not found`);
  return { outputs: { 'cache-hit': 'false' }, post: (passed) => passed && cpSync(dest, entry, { recursive: true }) };
}

/** One job with one matrix entry, in a workspace of its own; true when every step passed. */
function runJob(id, job, matrix) {
  const base = mkdtempSync(join(tmpdir(), `workflow-${id}-`));
  const workspace = join(base, 'workspace');
  const bin = join(base, 'bin');
  mkdirSync(workspace);
  mkdirSync(bin);
  writeFileSync(join(bin, 'sudo'), '#!/bin/sh\nexec "$@"\n', { mode: 0o755 });
  const ctx = { workspace, matrix, vars, steps: {}, env: {}, failed: false };
  for (const [k, v] of Object.entries(workflow.env ?? {})) ctx.env[k] = interpolate(String(v), ctx);
  const env = { ...process.env, ...ctx.env, NPM_CONFIG_PREFIX: join(base, 'npm'), PATH: `${join(base, 'npm', 'bin')}:${bin}:${process.env.PATH}`, GITHUB_WORKSPACE: workspace };
  const posts = [];
  for (const step of job.steps) {
    const title = interpolate(step.name ?? step.uses ?? step.run.split('\n')[0], ctx);
    // As on GitHub, a condition without a status function runs only while every step passed.
    const cond = step.if ?? 'success()';
    if (!(evaluate(cond, ctx) && (/\b(always|success|failure)\(/.test(String(cond)) || !ctx.failed))) {
      console.log(`-- ${title}: skipped (if: ${step.if ?? 'success()'})`);
      continue;
    }
    console.log(`-- ${title}`);
    const started = Date.now();
    let ok = true;
    try {
      if (step.uses) {
        const r = action(step, ctx);
        if (step.id) ctx.steps[step.id] = { outputs: r.outputs ?? {} };
        if (r.post) posts.push(r.post);
      } else ok = sh(interpolate(step.run, ctx), { ...env, ...step.env }, workspace);
    } catch (e) {
      console.log(`   ${e.message}`);
      ok = false;
    }
    console.log(`   ${ok ? 'ok' : 'FAILED'} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    if (!ok) ctx.failed = true;
  }
  for (const post of posts) post(!ctx.failed);
  rmSync(base, { recursive: true, force: true });
  return !ctx.failed;
}

const results = [];
for (const [id, job] of Object.entries(workflow.jobs)) {
  if (opts.job.length && !opts.job.includes(id)) continue;
  for (const matrix of entries(job)) {
    const label = Object.keys(matrix).length
      ? `${id} (${Object.values(matrix)
          .filter((v) => v !== '')
          .join(', ')})`
      : id;
    console.log(`== job ${label}`);
    const started = Date.now();
    const ok = runJob(id, job, matrix);
    results.push(`${ok ? 'passed' : 'FAILED'}  ${label}  ${((Date.now() - started) / 1000).toFixed(0)} s`);
  }
}
console.log(`== ${workflowFile}\n${results.join('\n')}`);
if (!results.length) console.log('no job matched');
process.exit(results.length && results.every((r) => r.startsWith('passed')) ? 0 : 1);
