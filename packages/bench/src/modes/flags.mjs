/**
 * Flag evaluation throughput, in one child: Polytrack's `evaluateFlag` and posthog-node's local
 * evaluation (offline: definitions served by an in-process fetch, no polling, no
 * `$feature_flag_called` events) on the same definitions and persons, answers checked equal;
 * and the bare cost of the SHA-1 hash one rollout needs (`createHash('sha1')` on `${key}.${id}`).
 * Prints `{ polytrack, posthogNode, sha1 }` with ops/s (or `unavailable`) and the comparison.
 */
import { createHash } from 'node:crypto'
import { tryImport } from '../lib/measure.mjs'
import { DEFINITIONS, FLAG_KEYS, makePersons } from './flags-fixture.mjs'

const seconds = Number(process.env.BENCH_FLAG_SECONDS ?? 2)
const persons = makePersons(1000)
const pairs = persons.flatMap((person) => FLAG_KEYS.map((key) => ({ key, person })))

/** Runs `op(pair)` over the pairs for about `seconds` (after a warm-up); returns ops/s. */
async function opsPerSecond(op, isAsync) {
  const warmUntil = performance.now() + Math.min(500, seconds * 250)
  let i = 0
  while (performance.now() < warmUntil) isAsync ? await op(pairs[i++ % pairs.length]) : op(pairs[i++ % pairs.length])
  let ops = 0
  const t0 = performance.now()
  const until = t0 + seconds * 1000
  while (performance.now() < until) {
    for (let k = 0; k < 200; k++) isAsync ? await op(pairs[ops++ % pairs.length]) : op(pairs[ops++ % pairs.length])
  }
  return (ops / (performance.now() - t0)) * 1000
}

async function startPostHog(PostHog) {
  const body = JSON.stringify(DEFINITIONS)
  const response = { status: 200, headers: { get: () => null }, text: async () => body, json: async () => JSON.parse(body) }
  const client = new PostHog('phc_bench', {
    host: 'http://127.0.0.1:9',
    personalApiKey: 'phx_bench',
    featureFlagsPollingInterval: 24 * 3600 * 1000,
    sendFeatureFlagEvent: false,
    flushAt: 1_000_000,
    disableGeoip: true,
    fetch: async (url) => {
      if (url.includes('/flags/definitions')) return response
      throw new Error(`offline: unexpected request ${url}`)
    },
  })
  client.on('error', () => undefined)
  if (!(await client.waitForLocalEvaluationReady(5_000))) throw new Error('posthog-node did not load the definitions')
  return client
}

const out = { ok: true, pairs: pairs.length, seconds }
const sha1 = ({ key, person }) => createHash('sha1').update(`${key}.${person.distinctId}`).digest('hex')
out.sha1 = { opsPerSec: await opsPerSecond(sha1, false) }

const core = await tryImport('@polytrack/core/flags', 'evaluateFlag')
const ph = await tryImport('posthog-node', 'PostHog')
let polytrackAnswer
if (core.error) out.polytrack = { unavailable: core.error }
else {
  const { evaluateFlag } = core.mod
  polytrackAnswer = ({ key, person }) => evaluateFlag(key, person, DEFINITIONS).value
  out.polytrack = { opsPerSec: await opsPerSecond(polytrackAnswer, false) }
}
if (ph.error) out.posthogNode = { unavailable: ph.error }
else {
  const client = await startPostHog(ph.mod.PostHog)
  const options = (person) => ({ personProperties: person.personProperties, onlyEvaluateLocally: true, sendFeatureFlagEvents: false })
  const posthogAnswer = ({ key, person }) => client.getFeatureFlag(key, person.distinctId, options(person))
  out.posthogNode = { opsPerSec: await opsPerSecond(posthogAnswer, true) }
  if (polytrackAnswer) {
    let mismatches = 0
    let firstMismatch
    const values = {}
    for (const pair of pairs) {
      const a = polytrackAnswer(pair)
      const b = await posthogAnswer(pair)
      values[String(a)] = (values[String(a)] ?? 0) + 1
      if (a !== b) {
        mismatches++
        firstMismatch ??= { key: pair.key, distinctId: pair.person.distinctId, polytrack: a, posthogNode: b }
      }
    }
    out.agreement = { checked: pairs.length, mismatches, firstMismatch, values }
  }
  await client.shutdown(1_000)
}
process.stdout.write(`\n${JSON.stringify(out)}\n`)
