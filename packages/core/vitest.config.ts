import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  // The tests run the sources on Node: `#platform` is the Node build (package.json "imports" maps it to dist/ for the published package).
  resolve: { alias: { '#platform': fileURLToPath(new URL('./src/platform/platform-node.ts', import.meta.url)) } },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/vitest.json' },
  },
})
