import { createFetchTransport } from '../delivery/fetch-transport.js'
import { noUndici } from './no-undici.js'
import type { Platform, RuntimeName } from './platform-types.js'

/**
 * A platform whose transport is its own `fetch` (no undici): Bun, Deno and the edge runtimes. Only
 * the file spool differs between them. Imports no `node:` module.
 */
export function fetchPlatform(name: Exclude<RuntimeName, 'node'>, spool: Pick<Platform, 'fileSpool' | 'openFileSpool'>): Platform {
  return {
    name,
    defaultTransport: 'fetch',
    createDefaultTransport: () => createFetchTransport(),
    createHttpTransport: () => noUndici(name),
    ...spool,
  }
}
