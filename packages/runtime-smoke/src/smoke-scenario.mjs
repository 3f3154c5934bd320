// The runtime smoke scenario, written once and run unchanged on Node, Bun, Deno and inside workerd:
// every adapter through multiplex, the six calls, a flush, local flag evaluation against known
// answers (the pure evaluator, and PostHog's flag source on definitions fetched from the sink),
// bad input, the spool as this runtime has it, and close. It imports no runtime module of its own
// and asserts nothing: it returns what it saw, and the harness (test/runtimes.test.ts) judges.
import { amplitude } from '@polytrack/amplitude'
import { Analytics, ConfigError, RUNTIME, ValidationError } from '@polytrack/core'
import { evaluateFlag } from '@polytrack/core/flags'
import { customerio } from '@polytrack/customerio'
import { hightouch } from '@polytrack/hightouch'
import { mixpanel } from '@polytrack/mixpanel'
import { multiplex } from '@polytrack/multiplex'
import { posthog } from '@polytrack/posthog'
import { rudderstack } from '@polytrack/rudderstack'
import { segment } from '@polytrack/segment'

/**
 * @typedef {object} SmokeInput
 * @property {string} label - names this run's user ids (`smoke-<label>`), so runs can share a sink
 * @property {Record<string, string>} urls - the sink's base URL for each vendor
 * @property {object} definitions - flag definitions (PostHog's consistency lists); the sink serves the same ones
 * @property {string[]} ids - distinct ids to evaluate locally
 * @property {string[]} clientIds - distinct ids to ask through the client's flag calls
 * @property {string} [spoolDir] - an empty directory for a file spool, where the runtime has a disk
 */

/** The seven adapters, each pointed at the sink. */
export function smokeDestinations(urls) {
  return [
    segment({ writeKey: 'wk_smoke_segment', host: urls.segment }),
    rudderstack({ writeKey: 'wk_smoke_rudderstack', dataPlaneUrl: urls.rudderstack }),
    posthog({ apiKey: 'phc_smoke', host: urls.posthog, personalApiKey: 'phx_smoke_personal', sendFeatureFlagEvent: false }),
    hightouch({ writeKey: 'wk_smoke_hightouch', host: urls.hightouch }),
    customerio({ writeKey: 'wk_smoke_customerio', host: urls.customerio }),
    amplitude({ apiKey: 'smoke-amplitude-key', host: urls.amplitude }),
    mixpanel({ token: 'smoke-mixpanel-token', apiSecret: 'smoke-mixpanel-secret', host: urls.mixpanel }),
  ]
}

/** Runs the scenario; resolves with what happened (JSON-safe). Never rejects: a throw is reported as `crashed`. */
export async function runSmoke(/** @type {SmokeInput} */ input) {
  const errors = []
  const steps = []
  try {
    steps.push('create')
    const analytics = new Analytics({ destination: multiplex(smokeDestinations(input.urls)), flushIntervalMs: 60_000 })
    analytics.on('error', ({ destination, error }) => errors.push(`${destination ?? '-'} ${error.code}: ${error.message}`))
    const userId = `smoke-${input.label}`

    steps.push('six calls')
    analytics.identify({ userId, traits: { email: 'ada@example.com', plan: 'pro' } })
    analytics.track({
      userId,
      event: 'Smoke Tested',
      properties: { runtime: input.label, total: 9.99, items: [{ sku: 'a-1', price: 4.5 }] },
    })
    analytics.page({ userId, name: 'Home', properties: { url: 'https://example.com/', title: 'Home' } })
    analytics.screen({ userId, name: 'Dashboard' })
    analytics.group({ userId, groupId: 'acme', traits: { name: 'Acme Inc.' } })
    analytics.alias({ userId, previousId: `anon-${input.label}` })

    steps.push('flush')
    await analytics.flush()
    const afterFlush = analytics.report()

    steps.push('bad input')
    let validation = { thrown: false }
    try {
      analytics.track({ userId, event: 'Bad', properties: { total: Number.NaN } })
    } catch (error) {
      validation = {
        thrown: true,
        validationError: error instanceof ValidationError,
        code: error.code,
        field: error.field,
        message: error.message,
      }
    }

    steps.push('flags')
    const local = {
      simple: input.ids.map((distinctId) => evaluateFlag('simple-flag', { distinctId }, input.definitions).value),
      multivariate: input.ids.map((distinctId) => evaluateFlag('multivariate-flag', { distinctId }, input.definitions).value),
    }
    const client = {}
    for (const id of input.clientIds)
      client[id] = [await analytics.getFeatureFlag('simple-flag', id), await analytics.getFeatureFlag('multivariate-flag', id)]

    steps.push('spool')
    const spool = await trySpool(input, userId)

    steps.push('close')
    const report = await analytics.close({ timeoutMs: 10_000 })
    steps.push('closed')
    return { runtime: RUNTIME, userId, afterFlush, report, validation, flags: { local, client }, spool, errors, steps }
  } catch (error) {
    return { runtime: RUNTIME, crashed: `${error?.name}: ${error?.message}\n${error?.stack ?? ''}`, errors, steps }
  }
}

/** With a disk: a file spool delivers and releases. Without: `spool: { dir }` is a ConfigError. */
async function trySpool(input, userId) {
  const destination = segment({ writeKey: 'wk_smoke_spool', host: input.urls.segment })
  if (!RUNTIME.fileSpool || input.spoolDir === undefined) {
    try {
      new Analytics({ destination, spool: { dir: input.spoolDir ?? '/tmp/polytrack-smoke-spool' } })
      return { configError: false }
    } catch (error) {
      return { configError: error instanceof ConfigError, message: error.message }
    }
  }
  const spooled = new Analytics({ destination, spool: { dir: input.spoolDir } })
  spooled.track({ userId, event: 'Spooled' })
  return { report: await spooled.close({ timeoutMs: 10_000 }) }
}
