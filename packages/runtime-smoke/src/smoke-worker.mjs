// The workerd entry (bundled by the harness as wrangler would: conditions workerd, worker, browser).
//   POST /smoke        runs the scenario with the JSON body as its input and answers with the result.
//   POST /wait-until   the documented per-invocation pattern: a client created once at module scope,
//                      a track per request, and ctx.waitUntil(analytics.flush()) so the response
//                      does not wait for delivery but the invocation lasts until it is done.
/* global __SMOKE_SEGMENT_URL__ -- defined by the harness's esbuild `define` */
import { Analytics } from '@polytrack/core'
import { segment } from '@polytrack/segment'
import { runSmoke } from './smoke-scenario.mjs'

// Replaced by the harness when it bundles this file (esbuild `define`): the sink's Segment URL.
const analytics = new Analytics({ destination: segment({ writeKey: 'wk_smoke_worker', host: __SMOKE_SEGMENT_URL__ }) })

export default {
  async fetch(request, env, ctx) {
    const url = new URL(request.url)
    if (url.pathname === '/smoke') return Response.json(await runSmoke(await request.json()))
    if (url.pathname === '/wait-until') {
      const { userId, event } = await request.json()
      analytics.track({ userId, event })
      ctx.waitUntil(analytics.flush())
      return Response.json({ queued: event })
    }
    return new Response('not found', { status: 404 })
  },
}
