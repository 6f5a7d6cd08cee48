import type { Exec } from '../base/exec.js';
import type { Reporter } from '../base/events.js';
import { destroyLab } from './down.js';
import { readRecord } from './lab-store.js';
import { upLab, type UpResult } from './up.js';

/**
 * Brings a lab back to its start: taken down and brought up again from its record (the same lab,
 * runtime and placement, whatever its file says now), its exercise progress gone with it.
 */
export async function resetLab(name: string, deps: { exec: Exec; reporter: Reporter }): Promise<UpResult> {
  const record = await readRecord(name);
  await destroyLab(name, deps);
  return upLab(record.lab, deps, { runtime: record.runtime });
}
