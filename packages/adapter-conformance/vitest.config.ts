import { defineConfig } from 'vitest/config'

// The kit's own tests (test/): the workspace wiring every adapter needs, and workspace.mjs. The
// conformance suites themselves run in each adapter's package.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/vitest.json' },
  },
})
