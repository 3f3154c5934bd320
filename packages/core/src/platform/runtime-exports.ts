import { platform } from './current-platform.js'
import type { HttpTransportOptions, Transport } from '../delivery/http-transport.js'
import { DIGEST_SOURCE } from '../hashing/digest.js'
import type { FileSpool } from '../spool/file-spool.js'
import type { FileSpoolOptions } from '../spool/file-spool-options.js'
import type { RuntimeName } from './platform-types.js'

export type { RuntimeName } from './platform-types.js'

/** What this runtime got: see docs/runtimes.md. */
export interface RuntimeInfo {
  /** The build of core's runtime-specific module that was loaded: `node`, `bun`, `deno`, or `edge` (workerd, Vercel Edge, any other). */
  name: RuntimeName
  /** The transport a client uses when no `transport` option is given: undici on Node, `fetch` elsewhere. */
  defaultTransport: 'undici' | 'fetch'
  /** Whether `spool: { dir }` and `createFileSpool` work here (Node, Bun, Deno). */
  fileSpool: boolean
  /** Where SHA-1 and SHA-256 (flag bucketing, adapters' stable ids) come from: `node:crypto`, or plain JavaScript with the same answers. */
  digests: 'node:crypto' | 'javascript'
}

/**
 * What this runtime got, chosen when the package was loaded (by its import conditions `workerd`,
 * `edge-light`, `deno`, `bun`, `node`, `default`) and by what the runtime offers.
 *
 * @example
 * console.log(RUNTIME) // { name: 'node', defaultTransport: 'undici', fileSpool: true, digests: 'node:crypto' }
 */
export const RUNTIME: Readonly<RuntimeInfo> = Object.freeze({
  name: platform.name,
  defaultTransport: platform.defaultTransport,
  fileSpool: platform.fileSpool,
  digests: DIGEST_SOURCE,
})

/**
 * The production transport on Node: an undici keep-alive pool per origin, a timeout on each
 * request (connect, headers and body), bounded reads of the answer, gzip on request. Redirects are
 * not followed: a 3xx is reported as a failure. On other runtimes it throws a `ConfigError`: use
 * {@link createFetchTransport} there (the default).
 */
export function createHttpTransport(options: HttpTransportOptions): Transport {
  return platform.createHttpTransport(options)
}

/**
 * A durable spool in a local directory (Node, Bun, Deno): a lock (one process at a time) and one
 * subdirectory per lane. Pass it as `spool`, or pass `spool: { dir }`. Throws a `ConfigError` on a
 * runtime without a disk (workerd, edge runtimes). See docs/durability.md.
 */
export function createFileSpool(options: FileSpoolOptions): FileSpool {
  return platform.openFileSpool(options)
}
