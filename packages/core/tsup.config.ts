import { defineConfig } from 'tsup'

// ESM and CJS builds with declarations; dependencies stay external. The platform-* entries are the
// runtime-specific module that `#platform` resolves to (package.json "imports": node, bun, deno, and
// edge for workerd, edge-light and default); `#platform` stays an import, resolved by the runtime or
// the user's bundler. Both formats split shared code into chunks, so the platform modules and the
// entries share one copy of every class (errors, the spool) rather than each bundling its own.
const entry = {
  index: 'src/index.ts',
  flags: 'src/flags.ts',
  adapter: 'src/adapter.ts',
  'platform-node': 'src/platform/platform-node.ts',
  'platform-bun': 'src/platform/platform-bun.ts',
  'platform-deno': 'src/platform/platform-deno.ts',
  'platform-edge': 'src/platform/platform-edge.ts',
}
// type-fest's types are inlined into the declarations (`resolve`), so that the published
// .d.ts/.d.cts never import it: it is ESM-only, and a CommonJS consumer type-checking with
// `skipLibCheck: false` could not load it. type-fest's own files import each other by extensionless
// relative paths (`./primitive`): those are resolved too (this package's imports all end in `.js`,
// so they are not matched).
const TYPE_FEST = ['type-fest', /^\.{1,2}\/(?:source\/)?[\w-]+$/]
// Declarations only for the public entries: no platform-*.d.ts, so the compiler types `#platform`
// from src/platform/platform-module.d.ts rather than from a build of it.
const dts = { entry: { index: entry.index, flags: entry.flags, adapter: entry.adapter }, resolve: TYPE_FEST }
const common = { entry, dts, sourcemap: true, target: 'node20', external: ['#platform'], splitting: true } as const

export default defineConfig([
  { ...common, format: ['esm'], clean: true },
  { ...common, format: ['cjs'] },
])
