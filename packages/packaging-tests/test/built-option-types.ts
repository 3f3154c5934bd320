// The option types as users see them: read from the built declarations (dist/index.d.ts) of the
// packages with the TypeScript compiler, so that a test can never miss an option added to a type.
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'

const repo = fileURLToPath(new URL('../../..', import.meta.url))

/** Where an option type is exported: `packages/<pkg>/dist/index.d.ts`, under the name `type`. */
export interface OptionTypeRef {
  pkg: string
  type: string
}

/** The properties of one option type: current options, and names marked `@deprecated`. */
export interface OptionKeys {
  names: string[]
  deprecated: string[]
}

const entry = (pkg: string) => join(repo, 'packages', pkg, 'dist', 'index.d.ts')

function program(pkgs: readonly string[]): { checker: ts.TypeChecker; exportsOf(pkg: string): ts.Symbol[] } {
  const built = ts.createProgram([...new Set(pkgs)].map(entry), {
    module: ts.ModuleKind.Node16,
    moduleResolution: ts.ModuleResolutionKind.Node16,
    skipLibCheck: true,
    noEmit: true,
  })
  const checker = built.getTypeChecker()
  return {
    checker,
    exportsOf(pkg) {
      const file = built.getSourceFile(entry(pkg))
      if (!file) throw new Error(`no declarations at ${entry(pkg)} (build first)`)
      return checker.getExportsOfModule(checker.getSymbolAtLocation(file)!)
    },
  }
}

/** The options (and deprecated names) of each referenced type, sorted. */
export function builtOptionKeys<K extends string>(types: Readonly<Record<K, OptionTypeRef>>): Record<K, OptionKeys> {
  const { checker, exportsOf } = program(Object.values<OptionTypeRef>(types).map((t) => t.pkg))
  const out = {} as Record<K, OptionKeys>
  for (const [id, { pkg, type }] of Object.entries<OptionTypeRef>(types)) {
    const exported = exportsOf(pkg).find((s) => s.name === type)
    if (!exported) throw new Error(`${pkg} does not export ${type}`)
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported
    const keys: OptionKeys = { names: [], deprecated: [] }
    for (const property of checker.getPropertiesOfType(checker.getDeclaredTypeOfSymbol(symbol))) {
      const deprecated = property.getJsDocTags(checker).some((tag) => tag.name === 'deprecated')
      ;(deprecated ? keys.deprecated : keys.names).push(property.name)
    }
    keys.names.sort()
    keys.deprecated.sort()
    out[id as K] = keys
  }
  return out
}

/** The names of the types (interfaces and aliases) each package exports whose name matches `pattern`. */
export function exportedTypeNames(pkgs: readonly string[], pattern: RegExp): Record<string, string[]> {
  const { checker, exportsOf } = program(pkgs)
  const out: Record<string, string[]> = {}
  for (const pkg of pkgs) {
    out[pkg] = exportsOf(pkg)
      .map((s) => (s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s))
      .filter((s) => s.flags & (ts.SymbolFlags.Interface | ts.SymbolFlags.TypeAlias) && pattern.test(s.name))
      .map((s) => s.name)
      .sort()
  }
  return out
}
