import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Set once the run has its directory: each project inherits this setup and runs it again. */
const MADE = 'LAB_TESTS_TMPDIR';

/**
 * Every temporary file of a test run goes under one directory of its own, removed when the run
 * ends: the lab files, state directories and failure bundles the tests make (and the `lab`
 * commands they start, which inherit TMPDIR) would otherwise stay in /tmp, a few hundred
 * directories a run on a CI machine that is not wiped between runs.
 */
export default function setup(): () => void {
  if (process.env[MADE]) return () => undefined;
  const dir = mkdtempSync(join(tmpdir(), 'lab-tests-'));
  process.env.TMPDIR = process.env[MADE] = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}
