import { FileSpool } from '../spool/file-spool.js'
import { fetchPlatform } from './fetch-platform.js'
import type { Platform } from './platform-types.js'

/**
 * Bun (the `bun` import condition): Bun's own `fetch` (its `undici` module is a partial stand-in:
 * `Agent.destroy` is missing, so closing an undici transport threw), and the file spool on Bun's `node:fs`.
 */
export const platform: Platform = fetchPlatform('bun', { fileSpool: true, openFileSpool: (options) => new FileSpool(options) })
