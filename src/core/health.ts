import type { LabStatus } from './status.js';

/** A lab's state in one word, the same in `lab status`, `lab ls` and `lab web`. */
export type LabHealth = 'healthy' | 'starting' | 'degraded' | 'incomplete' | 'unreachable';

export function labHealth(s: LabStatus): LabHealth {
  return s.unreachable ? 'unreachable' : s.problem ? 'incomplete' : s.state === 'starting' ? 'starting' : s.healthy ? 'healthy' : 'degraded';
}
