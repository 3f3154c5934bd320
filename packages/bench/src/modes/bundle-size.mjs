/**
 * Edge bundle size: what a Cloudflare Worker or Vercel Edge function ships, built as wrangler does
 * (esbuild from the npm registry, conditions workerd / worker / browser, ESM, minified) from a worker
 * that creates a client and tracks one event. Reported minified and minified + gzipped (level 9).
 * Polytrack needs no Node built-in there; an official SDK that does is built again with node:
 * built-ins left external (what `nodejs_compat` provides), and the row says so.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { builtinModules } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { edgeBuildOptions } from '@polytrack/test-support/edge-build-options'

const here = dirname(fileURLToPath(import.meta.url))
const ENTRIES = {
  '@polytrack/core + @polytrack/segment': `import { Analytics } from '@polytrack/core'; import { segment } from '@polytrack/segment'
    const analytics = new Analytics({ destination: segment({ writeKey: 'wk' }) })
    export default { async fetch(request, env, ctx) { analytics.track({ userId: 'u1', event: 'Hit' }); ctx.waitUntil(analytics.flush()); return new Response('ok') } }`,
  '@polytrack/core + @polytrack/posthog (flags included)': `import { Analytics } from '@polytrack/core'; import { posthog } from '@polytrack/posthog'
    const analytics = new Analytics({ destination: posthog({ apiKey: 'phc' }) })
    export default { async fetch(request, env, ctx) { analytics.track({ userId: 'u1', event: 'Hit' }); const beta = await analytics.getFeatureFlag('beta', 'u1'); ctx.waitUntil(analytics.flush()); return new Response(String(beta)) } }`,
  'posthog-node': `import { PostHog } from 'posthog-node'
    const client = new PostHog('phc', { flushAt: 1 })
    export default { async fetch(request, env, ctx) { client.capture({ distinctId: 'u1', event: 'Hit' }); ctx.waitUntil(client.flush()); return new Response('ok') } }`,
  '@segment/analytics-node': `import { Analytics } from '@segment/analytics-node'
    const analytics = new Analytics({ writeKey: 'wk' })
    export default { async fetch(request, env, ctx) { analytics.track({ userId: 'u1', event: 'Hit' }); return new Response('ok') } }`,
}

let esbuild
try {
  esbuild = await import('esbuild')
} catch (error) {
  process.stdout.write(`\n${JSON.stringify({ ok: false, unavailable: true, reason: `esbuild: ${error.message}` })}\n`)
  process.exit(0)
}

const NODE_BUILTINS = ['node:*', ...builtinModules]
const dir = mkdtempSync(join(here, '..', '.bundle-size-'))
const rows = []
try {
  for (const [name, source] of Object.entries(ENTRIES)) {
    const entry = join(dir, 'worker.mjs')
    writeFileSync(entry, source)
    const build = (external) => esbuild.build({ ...edgeBuildOptions(), entryPoints: [entry], write: false, minify: true, external })
    let result
    let needsNodeCompat = false
    try {
      result = await build([])
    } catch {
      needsNodeCompat = true
      try {
        result = await build(NODE_BUILTINS)
      } catch (error) {
        rows.push({ name, error: String(error.message).split('\n').slice(0, 2).join(' ') })
        continue
      }
    }
    const code = result.outputFiles[0].contents
    rows.push({ name, minifiedBytes: code.length, gzippedBytes: gzipSync(code, { level: 9 }).length, needsNodeCompat })
  }
} finally {
  rmSync(dir, { recursive: true, force: true })
}
process.stdout.write(`\n${JSON.stringify({ ok: true, esbuild: esbuild.version, rows })}\n`)
