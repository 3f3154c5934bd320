import { Analytics } from '@polytrack/core'
import { evaluateFlag, type FlagDefinitions, type FlagSubject } from '@polytrack/core/flags'
import { posthog } from '@polytrack/posthog'
import { startSink, type Sink } from '@polytrack/sink'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { spawnNode } from '@polytrack/sink/child-process'

/**
 * Hostile flag definitions and hostile flag-call arguments (issue 15, items 1, 2, 4, 10, 11):
 * definitions that cost exponential work or seconds of regex compiling, `options` that throw, a
 * dedupe cache grown by one person. Each answer is bounded work; "does not hang" is shown by the
 * answer itself or, where the old behaviour never finishes, by a child process with a generous
 * kill timeout that only fails on a true hang.
 */

const open: Analytics[] = []
afterEach(async () => {
  await Promise.all(open.splice(0).map((a) => a.close({ timeoutMs: 2000 })))
})

/** Runs the fixture in a child; resolves with its JSON line, rejects when killed after `killAfterMs`. */
async function runChild(script: string, env: Record<string, string>, killAfterMs: number): Promise<Record<string, unknown>> {
  const { code, signal, stdout, stderr } = await spawnNode(new URL(script, import.meta.url), { env, killAfterMs }).output
  if (signal === 'SIGKILL') throw new Error(`hung: still evaluating after ${killAfterMs} ms`)
  if (code !== 0) throw new Error(`exited ${code}: ${stderr}`)
  return JSON.parse(stdout.trim().split('\n').pop() as string) as Record<string, unknown>
}

describe('1. flag evaluation cannot hang the process', () => {
  it('40 levels of "in the next cohort OR in the next cohort" (a few KB, once 2^40 steps) answer at once', async () => {
    // Generous: the bounded evaluation takes milliseconds; the unbounded one never ends.
    const out = await runChild('./fixtures/nested-cohorts-child.mjs', { LEVELS: '40' }, 60_000)
    expect(out.bytes as number).toBeLessThan(8 * 1024)
    expect(out).toMatchObject({ free: false, pro: true, all: { deep: false }, direct: false, errors: [] })
    expect(out.missing).toMatchObject({ kind: 'inconclusive', because: 'missing-context' })
  }, 70_000)

  // Definitions past the work bound (a flag of 100,001 filters): undefined with an error event
  // through localFlags in core/src/flag-client/hostile-flag-calls.test.ts, the server asked
  // instead through PostHog in posthog/src/flags/hostile-definitions.integration.test.ts.
})

// 2. Regex compilation has a cost cap (a long pattern inside the portable subset is never compiled,
// a short one that would compile to a huge program is inconclusive, ordinary ones still match, each
// compiled once per definitions version): core/src/flags/hostile-definitions.test.ts › costly regexes.

// 4. Flag calls never reject, whatever `options` is (null, a throwing getter, a throwing Proxy, a
// string), and no unhandled rejection: core/src/flag-client/hostile-flag-calls.test.ts, which
// checks the six calls' answers and error events too.

describe('10. the $feature_flag_called dedupe cache is bounded per person', () => {
  let sink: Sink
  beforeAll(async () => {
    sink = await startSink({
      flags: {
        definitions: {
          flags: [{ id: 1, key: 'on', active: true, filters: { groups: [{ properties: [], rollout_percentage: 100 }] } }],
          group_type_mapping: {},
          cohorts: {},
        },
      },
    })
  })
  afterAll(() => sink.close())

  it('one person with 1,200 different groups: the oldest combinations are forgotten (and reported again)', async () => {
    const analytics = new Analytics({
      destination: posthog({ apiKey: 'phc_cache', personalApiKey: 'phx_cache', host: sink.urlFor('posthog') }),
      flushIntervalMs: 20,
    })
    open.push(analytics)
    for (let i = 0; i < 1_200; i++) await analytics.getFeatureFlag('on', 'one-person', { groups: { company: `c${i}` } })
    await analytics.getFeatureFlag('on', 'one-person', { groups: { company: 'c0' } }) // forgotten: sent again
    await analytics.getFeatureFlag('on', 'one-person', { groups: { company: 'c1199' } }) // remembered: not sent
    await analytics.flush()
    const called = sink.messages({ vendor: 'posthog' }).filter((m) => (m.payload as { event?: string }).event === '$feature_flag_called')
    const company = (m: (typeof called)[number]) =>
      (m.payload as { properties: { $groups?: { company?: string } } }).properties.$groups?.company
    expect(called.filter((m) => company(m) === 'c0')).toHaveLength(2)
    expect(called.filter((m) => company(m) === 'c1199')).toHaveLength(1)
    expect(called).toHaveLength(1_201)
  })
})

describe('11. evaluateFlag never throws for a null subject', () => {
  it('is inconclusive for null, undefined, a number or a hostile subject', () => {
    const definitions: FlagDefinitions = { flags: [{ key: 'on', active: true, filters: { groups: [{ properties: [] }] } }] }
    const trap = new Proxy(
      {},
      {
        get: () => {
          throw new Error('trap')
        },
      },
    )
    for (const subject of [null, undefined, 7, trap]) {
      const evaluation = evaluateFlag('on', subject as FlagSubject, definitions)
      expect(evaluation).toMatchObject({ value: undefined, reason: { kind: 'inconclusive', because: 'missing-context' } })
    }
    expect(evaluateFlag('on', { distinctId: 'u' }, definitions, null as never).value).toBe(true)
  })
})
