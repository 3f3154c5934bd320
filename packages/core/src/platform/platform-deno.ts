import { FileSpool } from '../spool/file-spool.js'
import { fetchPlatform } from './fetch-platform.js'
import type { Platform } from './platform-types.js'

/** Deno (the `deno` import condition): Deno's own `fetch`, and the file spool on Deno's `node:fs`. */
export const platform: Platform = fetchPlatform('deno', { fileSpool: true, openFileSpool: (options) => new FileSpool(options) })
