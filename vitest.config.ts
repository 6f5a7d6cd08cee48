import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // One temporary directory for the run, removed at its end (see the file).
    globalSetup: ['test/setup/temporary-dir.ts'],
    reporters: ['default'],
    coverage: {
      provider: 'v8',
      include: ['src/**/*.ts'],
      exclude: ['src/**/*.test.ts'],
      // The per-file table, then the totals again where they are seen: at the end.
      reporter: [['text', { maxCols: 160 }], 'text-summary'],
      reportOnFailure: true,
    },
    // `vitest run` runs both projects, the unit tests first; `--project unit` only those.
    projects: [
      {
        extends: true,
        // No daemons, no root: files in parallel, a worker per core (vitest's default leaves one
        // core to itself, which is no parallelism at all on a two-core machine).
        test: { name: 'unit', include: ['test/unit/**/*.test.ts', 'src/**/*.test.ts'], maxWorkers: '100%', sequence: { groupOrder: 0 } },
      },
      {
        extends: true,
        // End-to-end tests start real OVS/OVN daemons in namespaces: one file at a time, after the unit tests.
        test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'], fileParallelism: false, sequence: { groupOrder: 1 } },
      },
    ],
  },
});
