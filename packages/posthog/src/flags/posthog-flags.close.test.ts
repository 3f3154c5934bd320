/**
 * `close()` must release everything: a child process that uses PostHog flags (with a personal
 * key, so definitions are polled every 100 ms) and then closes the client has to exit by itself.
 */
import { spawn } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { join } from 'node:path'
import { startSink, type Sink } from '@polytrack/sink'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEFINITIONS } from './flag-fixtures.test-helpers.js'

const PACKAGE = fileURLToPath(new URL('../..', import.meta.url))
// Inside the package (gitignored) so the bundle's `@polytrack/core` import resolves to the workspace build.
const DIR = join(PACKAGE, 'test-results', 'flags-child')
/** esbuild, through tsup (a root devDependency), to bundle this package's TypeScript for the child. */
function esbuild(): { buildSync(options: Record<string, unknown>): unknown } {
  const fromHere = createRequire(import.meta.url)
  return createRequire(fromHere.resolve('tsup'))('esbuild') as { buildSync(options: Record<string, unknown>): unknown }
}

const CHILD = `
import { Analytics } from '@polytrack/core'
import { posthog } from './posthog.mjs'
const analytics = new Analytics({
  destination: posthog({ apiKey: 'phc_child', host: process.env.SINK_URL, personalApiKey: 'phx_child', featureFlagsPollingIntervalMs: 100 }),
  flushIntervalMs: 50,
})
analytics.on('error', (event) => console.error(event.error.code))
const mode = process.env.MODE
if (mode === 'in-flight') {
  // The definitions request is held by the sink: close() must abort it.
  const pending = analytics.getFeatureFlag('simple-on', 'child-user')
  await new Promise((resolve) => setTimeout(resolve, 200))
  await analytics.close({ timeoutMs: 1000 })
  console.log(JSON.stringify({ value: (await pending) ?? null }))
} else {
  const local = await analytics.getFeatureFlag('simple-on', 'child-user')
  const remote = await analytics.getFeatureFlag('plan-pro', 'child-user')
  await new Promise((resolve) => setTimeout(resolve, 350)) // a few polls
  await analytics.close()
  console.log(JSON.stringify({ local, remote }))
}
`

let sink: Sink

beforeAll(async () => {
  sink = await startSink({ port: 0, flags: { definitions: DEFINITIONS } })
  mkdirSync(DIR, { recursive: true })
  esbuild().buildSync({
    entryPoints: [join(PACKAGE, 'src', 'index.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    external: ['@polytrack/core', '@polytrack/core/*'],
    outfile: join(DIR, 'posthog.mjs'),
    logLevel: 'error',
  })
  writeFileSync(join(DIR, 'child.mjs'), CHILD)
}, 60_000)
afterAll(async () => {
  await sink.close()
})

function runChild(mode: string): Promise<{ code: number | null; stdout: string; stderr: string; ms: number }> {
  return new Promise((resolve) => {
    const started = Date.now()
    const child = spawn(process.execPath, [join(DIR, 'child.mjs')], {
      env: { ...process.env, SINK_URL: sink.urlFor('posthog'), MODE: mode },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    const killer = setTimeout(() => child.kill('SIGKILL'), 10_000)
    child.on('exit', (code) => {
      clearTimeout(killer)
      resolve({ code, stdout, stderr, ms: Date.now() - started })
    })
  })
}

describe('close() releases timers and sockets', () => {
  it('lets the process exit after flag calls with polling on', async () => {
    sink.reset()
    const run = await runChild('normal')
    expect(run.code, run.stderr).toBe(0)
    expect(JSON.parse(run.stdout)).toEqual({ local: true, remote: false })
    expect(run.ms).toBeLessThan(8_000)
    const gets = sink.requests({ vendor: 'posthog', kind: 'flags' }).filter((r) => r.method === 'GET')
    expect(gets.length).toBeGreaterThanOrEqual(2) // it did poll
    expect(sink.messages({ vendor: 'posthog' }).map((m) => (m.payload as { event: string }).event)).toEqual([
      '$feature_flag_called',
      '$feature_flag_called',
    ])
  })

  it('aborts a definitions request in flight', async () => {
    sink.reset()
    sink.inject('posthog-flags', { delayMs: 30_000 })
    const run = await runChild('in-flight')
    expect(run.code, run.stderr).toBe(0)
    expect(run.ms).toBeLessThan(8_000)
    expect(JSON.parse(run.stdout)).toEqual({ value: null })
  })
})
