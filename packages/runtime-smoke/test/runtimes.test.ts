// The runtime smoke suite: src/smoke-scenario.mjs, unchanged, on this Node (the CI runs the whole
// test suite on Node 20, 22 and 24), on Bun and Deno, and inside workerd with and without
// nodejs_compat, each against the sink started here on 127.0.0.1. A runtime that is not installed
// is skipped on a developer's machine and fails the run in CI (CI=true), saying why.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { startSink, type Sink, type VendorName } from '@polytrack/sink'
import { afterAll, beforeAll, describe, expect, it, type TestContext } from 'vitest'
import { findRuntime, type RuntimeBinary } from './runtime-binaries.js'
import { runProcess } from './run-process.js'
import { startWorkerd } from './workerd-host.js'

const VENDORS: VendorName[] = ['segment', 'rudderstack', 'posthog', 'hightouch', 'customerio', 'amplitude', 'mixpanel']
const RUN_SMOKE = fileURLToPath(new URL('../src/run-smoke.mjs', import.meta.url))
const SMOKE_WORKER = fileURLToPath(new URL('../src/smoke-worker.mjs', import.meta.url))
// PostHog's consistency lists, with posthog-node's answer for each id (packages/core's flag fixture).
const fixture = JSON.parse(readFileSync(new URL('../../core/src/flags/fixtures/posthog-consistency.json', import.meta.url), 'utf8')) as {
  definitions: object
  simpleFlag: (boolean | string)[]
  multivariateFlag: (boolean | string)[]
}
const ids = fixture.simpleFlag.map((_, i) => `distinct_id_${i}`)
const clientIds = ids.slice(0, 12)

/** What the scenario reports (see src/smoke-scenario.mjs). */
interface SmokeResult {
  runtime: { name: string; defaultTransport: string; fileSpool: boolean; digests: string }
  crashed?: string
  steps: string[]
  errors: string[]
  userId: string
  afterFlush: { delivered: number; failed: number; pending: number }
  report: { delivered: number; failed: number; dropped: number; pending: number; timedOut: boolean }
  validation: { thrown: boolean; validationError?: boolean; field?: string }
  flags: { local: { simple: unknown[]; multivariate: unknown[] }; client: Record<string, unknown[]> }
  spool: { report?: { delivered: number; failed: number; pending: number }; configError?: boolean; message?: string }
}

let sink: Sink
const temp: string[] = []
beforeAll(async () => {
  sink = await startSink()
  sink.setFlagDefinitions(fixture.definitions as Parameters<Sink['setFlagDefinitions']>[0])
})
afterAll(async () => {
  await sink?.close()
  for (const dir of temp) rmSync(dir, { recursive: true, force: true })
})

function inputFor(label: string, withSpool: boolean): object {
  const urls = Object.fromEntries(VENDORS.map((vendor) => [vendor, sink.urlFor(vendor)]))
  const spoolDir = withSpool ? mkdtempSync(join(tmpdir(), `polytrack-smoke-${label}-`)) : undefined
  if (spoolDir) temp.push(spoolDir)
  return { label, urls, definitions: fixture.definitions, ids, clientIds, ...(spoolDir ? { spoolDir } : {}) }
}

/** The binary, or: skipped here, a failure in CI. */
function binaryOrSkip(name: RuntimeBinary, context: TestContext): string {
  const found = findRuntime(name)
  if ('path' in found) return found.path
  if (process.env.CI) throw new Error(`the ${name} smoke test cannot run in CI: ${found.missing}`)
  console.warn(`runtime smoke: skipped on ${name}: ${found.missing}`)
  context.skip()
  return ''
}

/** Per vendor, the message types the sink recorded for this run's user (order of arrival). */
function typesByVendor(userId: string): Record<string, string[]> {
  const out: Record<string, string[]> = {}
  for (const vendor of VENDORS) {
    out[vendor] = sink
      .messages({ vendor })
      .filter((m) => JSON.stringify(m.payload).includes(`"${userId}"`) && !JSON.stringify(m.payload).includes('"Spooled"'))
      .map((m) => m.type)
      .sort()
  }
  return out
}

/** What every runtime must show, whatever its runtime-specific parts. */
function expectSmoke(result: SmokeResult, expected: { runtime: SmokeResult['runtime']; disk: boolean }): void {
  expect(result.crashed, 'the scenario threw').toBeUndefined()
  expect(result.steps.at(-1)).toBe('closed')
  expect(result.runtime).toEqual(expected.runtime)
  expect(result.errors, 'error events').toEqual([])
  // 6 calls × 7 adapters: Mixpanel leaves out what it has no endpoint for (screen; profiles and groups are separate lanes): 42 requests' worth.
  expect(result.afterFlush).toMatchObject({ delivered: 42, failed: 0, pending: 0 })
  expect(result.report).toMatchObject({ delivered: 42, failed: 0, dropped: 0, pending: 0, timedOut: false })
  expect(result.validation).toMatchObject({ thrown: true, validationError: true, field: 'properties.total' })
  expect(result.flags.local.simple, 'simple-flag, local evaluation, distinct_id_0..999').toEqual(fixture.simpleFlag)
  expect(result.flags.local.multivariate, 'multivariate-flag, local evaluation').toEqual(fixture.multivariateFlag)
  expect(result.flags.client).toEqual(
    Object.fromEntries(clientIds.map((id, i) => [id, [fixture.simpleFlag[i], fixture.multivariateFlag[i]]])),
  )
  if (expected.disk) expect(result.spool.report).toMatchObject({ delivered: 1, failed: 0, pending: 0 })
  else {
    expect(result.spool.configError).toBe(true)
    expect(result.spool.message).toMatch(/a file spool needs a disk/)
  }
  const received = typesByVendor(result.userId)
  const sixCalls = ['alias', 'group', 'identify', 'page', 'screen', 'track']
  for (const vendor of ['segment', 'rudderstack', 'posthog', 'hightouch', 'customerio']) expect(received[vendor], vendor).toEqual(sixCalls)
  expect(received.amplitude?.length, 'amplitude').toBe(6)
  expect(received.mixpanel?.length, 'mixpanel').toBeGreaterThan(0)
}

/** Node's run is the reference for what each vendor receives (types per vendor). */
let reference: Record<string, string[]> | undefined

async function runInProcess(label: string, command: string, args: string[]): Promise<SmokeResult> {
  const run = await runProcess(command, args, { POLYTRACK_SMOKE_INPUT: JSON.stringify(inputFor(label, true)), DENO_NO_UPDATE_CHECK: '1' })
  const context = `${label}: exit ${run.code ?? run.signal}\nstderr:\n${run.stderr}\nstdout:\n${run.stdout.slice(0, 4000)}`
  expect(run.killed, `${label} did not exit by itself after close()\n${context}`).toBe(false)
  expect(run.code, context).toBe(0)
  return JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '{}') as SmokeResult
}

describe.sequential('runtime smoke', () => {
  it(`Node ${process.version}: undici, file spool, node:crypto; exits by itself`, async () => {
    const result = await runInProcess('node', process.execPath, [RUN_SMOKE])
    expectSmoke(result, { runtime: { name: 'node', defaultTransport: 'undici', fileSpool: true, digests: 'node:crypto' }, disk: true })
    reference = typesByVendor(result.userId)
  })

  it("Bun: the fetch transport (not Bun's partial undici), file spool, node:crypto; close() is clean; exits by itself", async (context) => {
    const bun = binaryOrSkip('bun', context)
    const result = await runInProcess('bun', bun, [RUN_SMOKE])
    expectSmoke(result, { runtime: { name: 'bun', defaultTransport: 'fetch', fileSpool: true, digests: 'node:crypto' }, disk: true })
    if (reference) expect(typesByVendor(result.userId)).toEqual(reference)
  })

  it('Deno: the fetch transport, file spool, node:crypto; exits by itself', async (context) => {
    const deno = binaryOrSkip('deno', context)
    const result = await runInProcess('deno', deno, ['run', '--allow-all', '--no-lock', '--quiet', RUN_SMOKE])
    expectSmoke(result, { runtime: { name: 'deno', defaultTransport: 'fetch', fileSpool: true, digests: 'node:crypto' }, disk: true })
    if (reference) expect(typesByVendor(result.userId)).toEqual(reference)
  })

  describe.each([
    ['with nodejs_compat', ['nodejs_compat'], 'node:crypto'],
    ['without nodejs_compat (no node: module at all)', [], 'javascript'],
  ] as const)('workerd %s', (label, compatibilityFlags, digests) => {
    /** The smoke worker under workerd with these compatibility flags, sending to the sink (skips when workerd is missing). */
    const startSmokeWorker = (context: TestContext) =>
      startWorkerd({
        workerd: binaryOrSkip('workerd', context),
        entry: SMOKE_WORKER,
        compatibilityFlags: [...compatibilityFlags],
        define: { __SMOKE_SEGMENT_URL__: JSON.stringify(sink.urlFor('segment')) },
      })
    it('runs the scenario: fetch transport, no file spool (ConfigError), flags bucketed with the same answers', async (context) => {
      const host = await startSmokeWorker(context)
      try {
        const name = `workerd${compatibilityFlags.length === 0 ? '-plain' : '-compat'}`
        const response = await fetch(`${host.url}/smoke`, { method: 'POST', body: JSON.stringify(inputFor(name, false)) })
        expect(response.status, host.logs()).toBe(200)
        const result = (await response.json()) as SmokeResult
        expectSmoke(result, { runtime: { name: 'edge', defaultTransport: 'fetch', fileSpool: false, digests }, disk: false })
        if (reference) expect(typesByVendor(result.userId)).toEqual(reference)
      } finally {
        await host.close()
      }
    })

    it('delivers with a module-scope client and ctx.waitUntil(analytics.flush()), request after request', async (context) => {
      const host = await startSmokeWorker(context)
      try {
        const userId = `wait-until-${compatibilityFlags.length}`
        const events = ['First Request', 'Second Request', 'Third Request']
        for (const event of events) {
          const response = await fetch(`${host.url}/wait-until`, { method: 'POST', body: JSON.stringify({ userId, event }) })
          expect(await response.json(), host.logs()).toEqual({ queued: event })
        }
        // The responses did not wait for delivery; the invocations did (waitUntil). Wait for all three to land.
        const arrived = () =>
          sink
            .messages({ vendor: 'segment' })
            .filter((m) => m.userId === userId)
            .map((m) => (m.payload as { event: string }).event)
        for (let i = 0; i < 300 && arrived().length < events.length; i++) await new Promise((resolve) => setTimeout(resolve, 100))
        expect(arrived().sort(), host.logs()).toEqual([...events].sort())
      } finally {
        await host.close()
      }
    })
  })
})
