import { defineConfig } from 'tsup'

// ESM keeps dependencies external. The CJS build bundles the ESM-only p-retry
// (and its helper) so `require('@polytrack/core')` works on every Node >= 20.
export default defineConfig([
  {
    entry: ['src/index.ts', 'src/flags.ts'],
    format: ['esm'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'node20',
  },
  {
    entry: ['src/index.ts', 'src/flags.ts'],
    format: ['cjs'],
    dts: true,
    sourcemap: true,
    target: 'node20',
    noExternal: ['p-retry', 'is-network-error'],
  },
])
