import { defineConfig } from 'tsup'

// ESM and CJS builds with declarations; dependencies stay external.
export default defineConfig([
  {
    entry: ['src/index.ts', 'src/flags.ts', 'src/adapter.ts'],
    format: ['esm'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'node20',
  },
  {
    entry: ['src/index.ts', 'src/flags.ts', 'src/adapter.ts'],
    format: ['cjs'],
    dts: true,
    sourcemap: true,
    target: 'node20',
  },
])
