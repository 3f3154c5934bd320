import { createFetchTransport } from '../delivery/fetch-transport.js'
import { FileSpool } from '../spool/file-spool.js'
import { noUndici } from './no-undici.js'
import type { Platform } from './platform-types.js'

/** Deno (the `deno` import condition): Deno's own `fetch`, and the file spool on Deno's `node:fs`. */
export const platform: Platform = {
  name: 'deno',
  defaultTransport: 'fetch',
  createDefaultTransport: () => createFetchTransport(),
  createHttpTransport: () => noUndici('deno'),
  fileSpool: true,
  openFileSpool: (options) => new FileSpool(options),
}
