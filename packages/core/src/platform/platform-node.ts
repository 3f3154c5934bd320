import type { HttpTransportOptions } from '../delivery/http-transport.js'
import { FileSpool } from '../spool/file-spool.js'
import { lazyTransport } from './lazy-transport.js'
import type { Platform } from './platform-types.js'

/** The undici transport, its module (and undici) loaded on the first request: see {@link lazyTransport}. */
function undiciTransport(options: HttpTransportOptions) {
  return lazyTransport(async () => (await import('../delivery/http-transport.js')).createHttpTransport(options))
}

/** Node (the `node` import condition): undici's keep-alive pools and the file spool. */
export const platform: Platform = {
  name: 'node',
  defaultTransport: 'undici',
  createDefaultTransport: ({ connections }) => undiciTransport({ connections }),
  createHttpTransport: undiciTransport,
  fileSpool: true,
  openFileSpool: (options) => new FileSpool(options),
}
