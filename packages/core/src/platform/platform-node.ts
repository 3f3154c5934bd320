import { createHttpTransport } from '../delivery/http-transport.js'
import { FileSpool } from '../spool/file-spool.js'
import type { Platform } from './platform-types.js'

/** Node (the `node` import condition): undici's keep-alive pools and the file spool. */
export const platform: Platform = {
  name: 'node',
  defaultTransport: 'undici',
  createDefaultTransport: ({ connections }) => createHttpTransport({ connections }),
  createHttpTransport,
  fileSpool: true,
  openFileSpool: (options) => new FileSpool(options),
}
