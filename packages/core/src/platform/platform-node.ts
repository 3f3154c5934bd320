import { readHttpTransportOptions, type HttpTransportOptions } from '../delivery/http-transport-options.js'
import type { ResolvedProxy } from '../delivery/proxy-setting.js'
import { FileSpool } from '../spool/file-spool.js'
import { lazyTransport } from './lazy-transport.js'
import type { Platform } from './platform-types.js'

/**
 * The undici transport through `proxy`, its module (and undici) loaded on the first request: see
 * {@link lazyTransport}. Options are checked before, so a bad one throws now.
 */
function undiciTransport(proxy: ResolvedProxy, options: Omit<HttpTransportOptions, 'proxy'>) {
  return lazyTransport(async () => (await import('../delivery/http-transport.js')).transportThrough(proxy, options))
}

/** Node (the `node` import condition): undici's keep-alive pools (through the proxy setting) and the file spool. */
export const platform: Platform = {
  name: 'node',
  defaultTransport: 'undici',
  createDefaultTransport: ({ connections, proxy }) => undiciTransport(proxy, { connections }),
  createHttpTransport: (options) => {
    const read = readHttpTransportOptions(options)
    return undiciTransport(read.proxy, read.options)
  },
  fileSpool: true,
  openFileSpool: (options) => new FileSpool(options),
}
