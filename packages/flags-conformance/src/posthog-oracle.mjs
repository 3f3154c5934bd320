/**
 * posthog-node 5.70 run fully offline as the reference evaluator: its only "network" is an
 * in-process fetch that serves the definitions payload under test. Any other request fails the
 * test run loudly. Plain JavaScript so the fixture capture scripts (run by node) share it with the
 * differential tests; types in posthog-oracle.d.mts.
 */
import { PostHog } from 'posthog-node'

function definitionsResponse(body) {
  return {
    status: 200,
    headers: { get: () => null },
    text: () => Promise.resolve(body),
    json: () => Promise.resolve(JSON.parse(body)),
  }
}

/** Starts an offline posthog-node client serving `definitions` and waits until it has loaded them. */
export async function startOracle(definitions) {
  const body = JSON.stringify(definitions)
  const unexpectedRequests = []
  const fetch = (url) => {
    if (url.includes('/flags/definitions')) return Promise.resolve(definitionsResponse(body))
    unexpectedRequests.push(url)
    return Promise.reject(new Error(`offline oracle: unexpected request ${url}`))
  }
  const client = new PostHog('phc_conformance', {
    host: 'http://127.0.0.1:9',
    personalApiKey: 'phx_conformance',
    featureFlagsPollingInterval: null,
    sendFeatureFlagEvent: false,
    flushAt: 1_000_000,
    flushInterval: 0,
    disableGeoip: true,
    fetch,
  })
  client.on('error', () => undefined)
  await client.waitForLocalEvaluationReady(5_000)
  const options = (subject) => ({
    personProperties: subject.personProperties,
    groups: subject.groups,
    groupProperties: subject.groupProperties,
    onlyEvaluateLocally: true,
    sendFeatureFlagEvents: false,
  })
  return {
    unexpectedRequests,
    // getFeatureFlag / getFeatureFlagPayload: the documented oracle calls. (getFeatureFlagResult
    // and getAllFlags also refuse an empty distinct id before evaluating; these two do not.)
    async evaluate(key, subject) {
      const value = await client.getFeatureFlag(key, subject.distinctId, options(subject))
      if (value === undefined) return { value: undefined, payload: undefined }
      const payload = await client.getFeatureFlagPayload(key, subject.distinctId, undefined, options(subject))
      return { value, payload: payload ?? undefined }
    },
    async shutdown() {
      await client.shutdown(1_000)
    },
  }
}
