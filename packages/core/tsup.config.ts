import { defineConfig } from 'tsup'

// ESM and CJS builds with declarations; dependencies stay external. type-fest's types are inlined
// into the declarations (`dts.resolve`), so that the published .d.ts/.d.cts never import it: it is
// ESM-only, and a CommonJS consumer type-checking with `skipLibCheck: false` could not load it.
// type-fest's own files import each other by extensionless relative paths (`./primitive`): those are
// resolved too (this package's imports all end in `.js`, so they are not matched).
const TYPE_FEST = ['type-fest', /^\.{1,2}\/(?:source\/)?[\w-]+$/]

export default defineConfig([
  {
    entry: ['src/index.ts', 'src/flags.ts', 'src/adapter.ts'],
    format: ['esm'],
    dts: { resolve: TYPE_FEST },
    sourcemap: true,
    clean: true,
    target: 'node20',
  },
  {
    entry: ['src/index.ts', 'src/flags.ts', 'src/adapter.ts'],
    format: ['cjs'],
    dts: { resolve: TYPE_FEST },
    sourcemap: true,
    target: 'node20',
  },
])
