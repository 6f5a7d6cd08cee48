import type { StepInfo } from '../base/events.js';
import type { UpAnchor } from '../features/feature.js';
import type { LabContext } from '../ovn/lab-context.js';
import type { Datapath } from '../ovn/datapath.js';
import type { Runtime } from '../runtime/runtime.js';
import type { Lab } from '../topology/model.js';

/** What a step of `up` works with. */
export interface UpEnv {
  lab: Lab;
  runtime: Runtime;
  ctx: LabContext;
  datapath: Datapath;
  /** The address each VM and host has once it is addressed, in step order. */
  addresses: { node: string; address: string }[];
  /** Runs `work` for each item, several at a time (one after another under `lab script`). */
  each: <T>(items: readonly T[], work: (item: T) => Promise<void>) => Promise<void>;
}

/**
 * One step of `up`: what the progress display and `lab script` show (title), and what it does.
 * Consecutive steps of one `group` run in parallel. The result is the step's detail line.
 */
export interface UpStep extends StepInfo {
  run(env: UpEnv): Promise<string | void>;
}

/** A feature's step of `up`, and the core's step it comes after. */
export interface FeatureStep extends UpStep {
  after: UpAnchor;
}

declare module '../features/feature.js' {
  interface FeatureUpModule {
    /** The feature's steps for a lab (false: one the lab does not need). */
    steps(lab: Lab): (FeatureStep | false)[];
  }
}
