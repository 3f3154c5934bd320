// Where the other runtimes' binaries are. .ci/run installs the npm registry's `bun`, `deno` and
// `workerd` packages outside the repository and passes their paths in POLYTRACK_BUN,
// POLYTRACK_DENO and POLYTRACK_WORKERD; on a developer's machine they may also be on the PATH.
import { accessSync, constants } from 'node:fs'
import { delimiter, join } from 'node:path'

export type RuntimeBinary = 'bun' | 'deno' | 'workerd'

const VARIABLES: Record<RuntimeBinary, string> = { bun: 'POLYTRACK_BUN', deno: 'POLYTRACK_DENO', workerd: 'POLYTRACK_WORKERD' }

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK)
    return true
  } catch {
    return false
  }
}

/** The binary's path, or why there is none. */
export function findRuntime(name: RuntimeBinary): { path: string } | { missing: string } {
  const variable = VARIABLES[name]
  const given = process.env[variable]
  if (given) return executable(given) ? { path: given } : { missing: `${variable}=${given} is not an executable file` }
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && executable(join(dir, name))) return { path: join(dir, name) }
  }
  return {
    missing:
      `${name} was not found: ${variable} is not set and there is no ${name} on the PATH. ` +
      `.ci/run installs the npm registry's \`${name}\` package outside the repository and sets ${variable}; ` +
      `if that install failed, its error is printed above in the CI log`,
  }
}
