// TypeDoc (`pnpm run docs` → docs/api/): the API reference of every public package, computed from
// the workspace: the packages not marked `private`, each entry point of their `exports` (documented
// from its source, src/<name>.ts), and `@polytrack/*` imports resolved to those sources.
import { readFileSync } from 'node:fs'
import { entryPoints, publicPackages, REPO_ROOT } from './packages/adapter-conformance/src/workspace.mjs'

const packages = publicPackages()
const entries = packages.flatMap(entryPoints)
const base = JSON.parse(readFileSync(new URL('./tsconfig.base.json', import.meta.url), 'utf8')).compilerOptions

/** @type {Partial<import('typedoc').TypeDocOptions>} */
export default {
  $schema: 'https://typedoc.org/schema.json',
  name: 'Polytrack',
  entryPointStrategy: 'resolve',
  entryPoints: entries.map((e) => e.source),
  compilerOptions: {
    ...base,
    noEmit: true,
    baseUrl: REPO_ROOT,
    paths: Object.fromEntries(entries.map((e) => [e.specifier, [e.source]])),
  },
  out: 'docs/api',
  readme: 'none',
  excludePrivate: true,
  excludeInternal: true,
  excludeExternals: true,
  validation: { notExported: true, invalidLink: true, notDocumented: true },
  requiredToBeDocumented: ['Enum', 'Variable', 'Function', 'Class', 'Interface', 'TypeAlias'],
  logLevel: 'Warn',
  packagesRequiringDocumentation: packages.map((p) => p.manifest.name),
  disableSources: true,
}
