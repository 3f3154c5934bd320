import { ConfigError } from '../errors.js'
import { fetchPlatform } from './fetch-platform.js'
import type { Platform } from './platform-types.js'

/**
 * workerd (Cloudflare Workers), Vercel Edge and any runtime that matches none of `node`, `bun` and
 * `deno` (the `workerd`, `edge-light` and `default` import conditions): the platform's `fetch`, and
 * no file spool, since there is no disk that outlives an invocation. This module and everything it
 * loads import no `node:` module.
 */
export const platform: Platform = fetchPlatform('edge', {
  fileSpool: false,
  openFileSpool: () => {
    throw new ConfigError(
      'spool',
      'a file spool needs a disk, and this runtime (workerd, an edge runtime, or one Polytrack does not know) has none: spools are for Node, Bun and Deno. ' +
        'Here, deliver before each invocation ends: ctx.waitUntil(analytics.flush()) (see docs/runtimes.md)',
    )
  },
})
