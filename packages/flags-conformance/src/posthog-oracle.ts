/**
 * posthog-node 5.70 run fully offline as the reference evaluator: its only "network" is an
 * in-process fetch that serves the definitions payload under test. Any other request fails the
 * test run loudly.
 */
import { PostHog } from 'posthog-node'
import type { FlagDefinitions, FlagSubject } from '@polytrack/core/flags'

/** What posthog-node answered for one flag. */
export interface OracleAnswer {
  /** `undefined` when posthog-node could not decide locally. */
  value: boolean | string | undefined
  payload: unknown
}

/** A posthog-node client serving one definitions payload. */
export interface Oracle {
  evaluate(key: string, subject: FlagSubject): Promise<OracleAnswer>
  /** Requests that were not for definitions (must stay empty). */
  readonly unexpectedRequests: string[]
  shutdown(): Promise<void>
}

function definitionsResponse(body: string): unknown {
  return {
    status: 200,
    headers: { get: () => null },
    text: () => Promise.resolve(body),
    json: () => Promise.resolve(JSON.parse(body) as unknown),
  }
}

/** Starts an offline posthog-node client serving `definitions` and waits until it has loaded them. */
export async function startOracle(definitions: FlagDefinitions): Promise<Oracle> {
  const body = JSON.stringify(definitions)
  const unexpectedRequests: string[] = []
  const fetch = (url: string): Promise<unknown> => {
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
    fetch: fetch as never,
  })
  client.on('error', () => undefined)
  await client.waitForLocalEvaluationReady(5_000)
  const options = (subject: FlagSubject) => ({
    personProperties: subject.personProperties as Record<string, string> | undefined,
    groups: subject.groups,
    groupProperties: subject.groupProperties as Record<string, Record<string, string>> | undefined,
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
