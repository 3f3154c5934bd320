/**
 * Node built-in modules, reached without importing them: `process.getBuiltinModule` exists in
 * Node (≥ 20.16), Bun, Deno and workerd with `nodejs_compat`. A module that imports `node:crypto`
 * at its top level cannot even load on workerd without `nodejs_compat` or in an edge runtime;
 * asking at run time lets the same code use the built-in where there is one and a fallback elsewhere.
 */

/** The built-ins core may use when they exist. */
export interface NodeBuiltins {
  'node:crypto': typeof import('node:crypto')
  'node:fs': typeof import('node:fs')
  'node:util': typeof import('node:util')
}

type GetBuiltinModule = (id: string) => unknown

/**
 * The built-in module `id`, or `undefined` where the runtime has none (no `process`, no
 * `getBuiltinModule`, or the runtime refuses the id). Never throws.
 */
export function nodeBuiltin<K extends keyof NodeBuiltins>(id: K): NodeBuiltins[K] | undefined {
  const process = (globalThis as { process?: { getBuiltinModule?: GetBuiltinModule } }).process
  if (typeof process?.getBuiltinModule !== 'function') return undefined
  try {
    return (process.getBuiltinModule(id) ?? undefined) as NodeBuiltins[K] | undefined
  } catch {
    return undefined
  }
}
