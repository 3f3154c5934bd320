import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Packing, `npm install` from the registry and tsc runs take minutes, not seconds.
    testTimeout: 300_000,
    hookTimeout: 300_000,
    // One file at a time: the pack/install test and the TypeDoc run each keep a core busy.
    fileParallelism: false,
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/vitest.json' },
  },
})
