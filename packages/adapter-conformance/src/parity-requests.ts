// Both sides of a parity comparison: our requests for one fixed input (createMessage → encode →
// buildRequest, one per lane that takes the message), the official SDK's from the fixture, and
// masking of the fields parity allows to differ.
import type { Message, ParamsByType } from '@polytrack/core'
import { createMessage, LIBRARY } from '@polytrack/core/adapter'
import type { CapturedRequest, FixtureCase, ParityCase } from '@polytrack/parity/fixtures'
import { lanesOf, type AdapterInstance } from './adapter-under-test.js'
import type { OurRequest } from './conformance-spec.js'

/** Marker that replaces a masked value. */
export const MASKED = '<masked>'

/** The `sentAt` of our requests. */
const SENT_AT = '2030-01-01T00:00:00.000Z'

type Json = Record<string, unknown>

/**
 * A deep copy of `value` where each dotted path in `paths` that exists is replaced by {@link MASKED}.
 * Paths that do not exist stay absent, so a field present on one side only still fails the comparison.
 */
export function maskPaths<T>(value: T, paths: readonly string[]): T {
  const copy = structuredClone(value)
  for (const path of paths) {
    const keys = path.split('.')
    let node: unknown = copy
    for (let i = 0; i < keys.length - 1 && node !== undefined && node !== null; i++) node = (node as Json)[keys[i]!]
    const last = keys[keys.length - 1]!
    if (node !== null && typeof node === 'object' && Object.hasOwn(node, last)) (node as Json)[last] = MASKED
  }
  return copy
}

/** A copy of `value` without the top-level members `keys`. */
export function without(value: Json, keys: readonly string[] = []): Json {
  const copy = { ...value }
  for (const key of keys) delete copy[key]
  return copy
}

/** Our requests for one input: one per lane that takes the message, each with its one item. */
export function ourRequests(instance: AdapterInstance, testCase: ParityCase, itemsKey: string): OurRequest[] {
  const message = createMessage(testCase.call, testCase.params as unknown as ParamsByType[typeof testCase.call], {
    library: LIBRARY,
  }) as Message
  const context = { callTime: new Date().toISOString(), timestampGiven: testCase.params.timestamp != null }
  return lanesOf(instance)
    .map((lane) => lane.destination)
    .filter((lane) => lane.accepts?.(message) !== false)
    .map((lane) => {
      const request = lane.buildRequest([lane.encode(message, context)], { sentAt: SENT_AT })
      const body = JSON.parse(request.body) as unknown
      const { [itemsKey]: items, ...envelope } = Array.isArray(body) ? { [itemsKey]: body } : (body as Json)
      return { lane, request, path: new URL(request.url).pathname, body, envelope, item: (items as Json[])[0]! }
    })
}

/** One request of the official SDK, with its item. */
export type ExpectedRequest = CapturedRequest & { item: Json }

/** The official SDK's requests for one input (a one-request fixture case as a list of one). */
export function expectedRequests(fixtureCase: FixtureCase): ExpectedRequest[] {
  if ('requests' in fixtureCase) return fixtureCase.requests
  return [{ ...fixtureCase.request, item: fixtureCase.item }]
}

/** The sink's mask of a key, as the fixtures hold it. */
const MASKED_KEY = '****'

/** Dotted paths of `value` whose value is the sink's masked key: where the SDK put the key. */
export function keyPaths(value: unknown, prefix = ''): string[] {
  if (value === MASKED_KEY) return [prefix]
  if (value === null || typeof value !== 'object') return []
  return Object.entries(value).flatMap(([key, v]) => keyPaths(v, prefix ? `${prefix}.${key}` : key))
}

/** The value at a dotted path. */
export function valueAt(value: unknown, path: string): unknown {
  let node = value
  for (const key of path.split('.')) node = node !== null && typeof node === 'object' ? (node as Json)[key] : undefined
  return node
}

/** Header names a transport sets itself; not compared. */
const TRANSPORT_HEADERS = new Set(['content-encoding', 'content-length', 'host', 'connection'])

/** The SDK's header names, lower-case, sorted, without transport headers. */
export function sdkHeaderNames(headers: Record<string, string>): string[] {
  return Object.keys(headers)
    .map((h) => h.toLowerCase())
    .filter((h) => !TRANSPORT_HEADERS.has(h))
    .sort()
}
