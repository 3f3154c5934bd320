// Shared helpers for the adapters' parity tests: the fixed inputs, the captured fixtures, and
// masking of the fields parity allows to differ (generated ids and times, library name/version,
// `_metadata` runtime details).
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { loadCases } from './inputs.mjs'

export { loadCases }

/** Marker that replaces a masked value. */
export const MASKED = '<masked>'

/** The captured fixture of `vendor` (fixtures/<vendor>.json). */
export function loadFixture(vendor) {
  return JSON.parse(readFileSync(fileURLToPath(new URL(`../fixtures/${vendor}.json`, import.meta.url)), 'utf8'))
}

/**
 * A deep copy of `value` where each dotted path in `paths` that exists is replaced by {@link MASKED}.
 * Paths that do not exist stay absent, so a field present on one side only still fails the comparison.
 */
export function maskPaths(value, paths) {
  const copy = structuredClone(value)
  for (const path of paths) {
    const keys = path.split('.')
    let node = copy
    for (let i = 0; i < keys.length - 1 && node !== undefined && node !== null; i++) node = node[keys[i]]
    const last = keys[keys.length - 1]
    if (node !== null && typeof node === 'object' && Object.hasOwn(node, last)) node[last] = MASKED
  }
  return copy
}

/**
 * Runs one fixed input through an adapter (`createMessage` → `encode` → `buildRequest`) and returns
 * our side and the fixture's side of each comparison, masked: the item, the envelope (body without
 * the items array, `itemsKey`, default `batch`), the request line (`POST /path`), header names (transport-set ones excluded) and gzip.
 */
export function parityPair({ destination, createMessage, library, fixture, testCase, itemMasks, envelopeMasks, sentAt, itemsKey = 'batch' }) {
  const expected = fixture.cases[testCase.name]
  if (!expected) throw new Error(`no fixture for ${testCase.name}`)
  const message = createMessage(testCase.call, testCase.params, { library })
  const context = { callTime: new Date().toISOString(), timestampGiven: testCase.params.timestamp != null }
  const request = destination.buildRequest([destination.encode(message, context)], { sentAt: sentAt ?? '2030-01-01T00:00:00.000Z' })
  const { [itemsKey]: batch, ...envelope } = JSON.parse(request.body)
  const transportHeaders = new Set(['content-encoding', 'content-length', 'host', 'connection'])
  const names = (headers) => Object.keys(headers).map((h) => h.toLowerCase()).filter((h) => !transportHeaders.has(h)).sort()
  return {
    message,
    request,
    item: { ours: maskPaths(batch[0], itemMasks), expected: maskPaths(expected.item, itemMasks) },
    envelope: { ours: maskPaths(envelope, envelopeMasks), expected: maskPaths(expected.request.envelope, envelopeMasks) },
    line: { ours: `POST ${new URL(request.url).pathname}`, expected: `${expected.request.method} ${expected.request.path}` },
    headerNames: { ours: names(request.headers), expected: names(expected.request.headers) },
    gzip: { ours: request.gzip, expected: expected.request.gzip },
    expected,
  }
}
