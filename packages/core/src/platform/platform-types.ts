import type { HttpTransportOptions } from '../delivery/http-transport-options.js'
import type { Transport } from '../delivery/http-transport.js'
import type { ResolvedProxy } from '../delivery/proxy-setting.js'
import type { FileSpool } from '../spool/file-spool.js'
import type { FileSpoolOptions } from '../spool/file-spool-options.js'

/** Which build of the runtime-specific module this runtime loaded (through the package's conditional imports). */
export type RuntimeName = 'node' | 'bun' | 'deno' | 'edge'

/**
 * What differs between runtimes, in one module chosen by the package's `#platform` import
 * conditions (`workerd`, `edge-light`, `deno`, `bun`, `node`, `default`): the default transport
 * and whether there is a disk for the file spool. Everything else in core is the same code everywhere.
 */
export interface Platform {
  name: RuntimeName
  /** The transport a client uses when no `transport` option is given. */
  defaultTransport: 'undici' | 'fetch'
  /**
   * The default transport: `proxy` is the client's setting, read once (Node's undici transport
   * goes through it; a fetch transport leaves proxies to the runtime's `fetch`).
   */
  createDefaultTransport(options: { connections: number; proxy: ResolvedProxy }): Transport
  /** The undici transport (Node only; elsewhere a `ConfigError` saying what to use instead). */
  createHttpTransport(options: HttpTransportOptions): Transport
  /** Whether {@link Platform.openFileSpool} can work here. */
  fileSpool: boolean
  /** A file spool in `options.dir`, or a `ConfigError` where the runtime has no disk. */
  openFileSpool(options: FileSpoolOptions): FileSpool
}
