import { describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain .mjs script of test/own-labs, without types
import { evaluate, interpolate } from '../own-labs/expressions.mjs';

const ctx = (failed = false) => ({
  matrix: { runtime: 'docker', release: '' },
  vars: { OVN_REF: 'branch-24.03' },
  env: {},
  steps: { build: { outputs: { 'cache-hit': 'true' } } },
  failed,
});

/** The expressions of the workflow lab's CI runs as GitHub would (test/own-labs/run-workflow.mjs). */
describe('workflow expressions', () => {
  it("gives a repository variable, or the default after || when it is unset (GitHub's '' for a missing one)", () => {
    expect(interpolate("ref: ${{ vars.OVN_REF || 'main' }}", ctx())).toBe('ref: branch-24.03');
    expect(interpolate("${{ vars.LAB_PACKAGE || 'ovn-lab' }}", ctx())).toBe('ovn-lab');
  });

  it('compares matrix values and step outputs as strings', () => {
    expect(evaluate("matrix.runtime == 'docker'", ctx())).toBe(true);
    expect(evaluate("matrix.runtime == 'netns'", ctx())).toBe(false);
    expect(evaluate("steps.build.outputs.cache-hit != 'true'", ctx())).toBe(false);
    expect(interpolate("release='${{ matrix.release }}'", ctx())).toBe("release=''");
  });

  it('knows the status functions: always() runs after a failure, success() does not', () => {
    expect(evaluate('always()', ctx(true))).toBe(true);
    expect(evaluate('${{ success() }}', ctx(true))).toBe(false);
    expect(evaluate("!(matrix.runtime == 'netns') && success()", ctx())).toBe(true);
  });

  it('refuses what it does not know rather than guess', () => {
    expect(() => evaluate('github.event_name', ctx())).toThrow(/context github is not known/);
    expect(() => evaluate("contains(matrix.runtime, 'd')", ctx())).toThrow(/cannot read it|not known/);
    expect(() => evaluate("(matrix.runtime == 'docker'", ctx())).toThrow(/\( without \)/);
  });
});
