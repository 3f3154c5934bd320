// Parity with the official SDK: for every fixed input (packages/parity/fixtures/inputs.json), our
// requests against the ones the SDK sent (fixtures/<fixture>.json): the item(s), the request line,
// header names, content type, compression and envelope, and the key where the SDK put it.
import { loadCases, loadFixture, type ParityCase } from '@polytrack/parity/fixtures'
import { describe, expect, it } from 'vitest'
import type { AdapterUnderTest } from './adapter-under-test.js'
import type { ParitySpec } from './conformance-spec.js'
import {
  expectedRequests,
  keyPaths,
  maskPaths,
  ourRequests,
  sdkHeaderNames,
  valueAt,
  without,
  type ExpectedRequest,
} from './parity-requests.js'

/** The key our side of every parity comparison is built with. */
export const PARITY_KEY = 'parity-key-1'

/** Registers the parity suite of one adapter. */
export function describeParity(adapter: AdapterUnderTest, spec: ParitySpec): void {
  const name = adapter.pkg.adapter.fixture
  const fixture = loadFixture(name)
  const cases = loadCases()
  const instance = spec.create ? spec.create(PARITY_KEY) : adapter.create(PARITY_KEY, 'https://parity.example.com')
  const itemsKey = spec.itemsKey ?? 'batch'
  const itemMasks = (c: ParityCase) => [
    ...spec.masks.always,
    ...(c.params.messageId === undefined ? (spec.masks.messageId ?? []) : []),
    ...(c.params.timestamp === undefined ? (spec.masks.timestamp ?? []) : []),
  ]
  const sdk = `${fixture.sdk.name}@${fixture.sdk.version}`
  const source = fixture.derivedFrom
    ? `the documented shape of ${sdk} (fixtures/${name}.json, derived: ${fixture.derivedFrom})`
    : `${sdk} (fixtures/${name}.json)`

  describe(`parity with ${source}`, () => {
    it('has a fixture for every fixed input', () => {
      expect(Object.keys(fixture.cases).sort()).toEqual(cases.map((c) => c.name).sort())
    })

    for (const c of cases) {
      describe(`${c.call}: ${c.name}`, () => {
        const fixtureCase = fixture.cases[c.name]
        const expected = (): ExpectedRequest[] => {
          if (!fixtureCase) throw new Error(`fixtures/${name}.json has no case ${c.name}: capture it again`)
          return expectedRequests(fixtureCase)
        }
        const ours = () => ourRequests(instance, c, itemsKey)
        // A one-request case compares the whole request; a case of several requests (one per
        // endpoint, e.g. Mixpanel's) compares the records per endpoint.
        const oneRequest = fixtureCase === undefined || !('requests' in fixtureCase)

        if (oneRequest) {
          it('sends the same item', () => {
            const [mine, ...more] = ours()
            const [sdkRequest] = expected()
            expect(more).toHaveLength(0)
            const masks = [...itemMasks(c), ...keyPaths(sdkRequest!.item)]
            const ourItem = maskPaths(mine!.item, masks)
            const sdkItem = without(maskPaths(sdkRequest!.item, masks), spec.sdkOnly?.item)
            spec.itemDifferences?.(c, ourItem, sdkItem)
            expect(ourItem).toEqual(sdkItem)
          })

          it('sends the same request line, headers, gzip and envelope', () => {
            const [mine] = ours()
            const [sdkRequest] = expected()
            const { request } = mine!
            expect(`POST ${mine!.path}`).toBe(`${sdkRequest!.method} ${sdkRequest!.path}`)
            const ourHeaders = Object.keys(request.headers).filter((h) => !(spec.ourOnlyHeaders ?? []).includes(h))
            expect(ourHeaders.sort()).toEqual(sdkHeaderNames(sdkRequest!.headers))
            if (spec.sdkContentType === undefined) {
              expect(request.headers['content-type']).toBe(sdkRequest!.headers['content-type'])
            } else {
              expect(sdkRequest!.headers['content-type']).toBe(spec.sdkContentType)
              expect(request.headers['content-type']).toBe('application/json')
            }
            expect(request.headers['user-agent']).toMatch(/^polytrack-node\/\d+\.\d+\.\d+/)
            expect(request.gzip).toBe(sdkRequest!.gzip)
            const masks = [...(spec.envelopeMasks ?? []), ...keyPaths(sdkRequest!.envelope)]
            expect(maskPaths(mine!.envelope, masks)).toEqual(
              without(maskPaths(sdkRequest!.envelope as Record<string, unknown>, masks), spec.sdkOnly?.envelope),
            )
          })
        } else {
          it('sends the same records to the same endpoints', () => {
            const mine = ours()
            const sdkRequests = expected()
            expect(mine.map((r) => r.path).sort()).toEqual(sdkRequests.map((r) => r.path).sort())
            for (const sdkRequest of sdkRequests) {
              const match = mine.find((r) => r.path === sdkRequest.path)
              expect(match, sdkRequest.path).toBeDefined()
              const masks = [...itemMasks(c), ...keyPaths(sdkRequest.item)]
              expect(maskPaths(match!.item, masks)).toEqual(maskPaths(sdkRequest.item, masks))
            }
          })
        }

        it('puts the key where the SDK puts it', () => {
          const mine = ours()
          let places = 0
          for (const sdkRequest of expected()) {
            const match = mine.find((r) => r.path === sdkRequest.path)
            expect(match, sdkRequest.path).toBeDefined()
            for (const path of keyPaths(sdkRequest.item)) expect(valueAt(match!.item, path), `item.${path}`).toBe(PARITY_KEY)
            places += keyPaths(sdkRequest.item).length
            if (!oneRequest) continue // the SDK's other endpoints differ in method and auth (documented per vendor)
            for (const path of keyPaths(sdkRequest.envelope)) expect(valueAt(match!.envelope, path), `envelope.${path}`).toBe(PARITY_KEY)
            places += keyPaths(sdkRequest.envelope).length
            if (sdkRequest.headers.authorization === 'Basic ****') {
              expect(match!.request.headers.authorization).toBe(`Basic ${Buffer.from(`${PARITY_KEY}:`).toString('base64')}`)
              places += 1
            }
          }
          expect(places, `fixtures/${name}.json shows no key ("****"): was it captured with the sink masking keys?`).toBeGreaterThan(0)
        })

        for (const [title, check] of Object.entries(spec.caseTests ?? {})) it(title, () => check(ours(), c))
      })
    }
  })
}
