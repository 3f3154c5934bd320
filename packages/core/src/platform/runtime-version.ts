/**
 * The Node.js version the runtime reports (`process.versions.node`, without a `v`): Node's own, or
 * the Node version Bun, Deno and workerd (with `nodejs_compat`) say they are compatible with; `''`
 * where there is no `process` (workerd without `nodejs_compat`, edge runtimes). The official SDKs
 * send it in `_metadata.nodeVersion`. Impure (reads the runtime).
 */
export function runtimeNodeVersion(): string {
  const version = (globalThis as { process?: { versions?: { node?: unknown } } }).process?.versions?.node
  return typeof version === 'string' ? version : ''
}
