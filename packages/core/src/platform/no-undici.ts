import { ConfigError } from '../errors.js'
import type { RuntimeName } from './platform-types.js'

/** What `createHttpTransport` (undici, for Node) says on another runtime. */
export function noUndici(runtime: RuntimeName): never {
  throw new ConfigError(
    'transport',
    `createHttpTransport() is the undici transport, for Node; this runtime (${runtime}) uses the fetch transport: pass transport: () => createFetchTransport(), or leave the option out`,
  )
}
