import { type Destination, type Message, type ParamsByType } from '@polytrack/core'
import { createMessage, LIBRARY } from '@polytrack/core/adapter'
import { describe, expect, it } from 'vitest'
import { loadCases, maskPaths, type ParityCase } from '../../parity/src/harness.mjs'
import { readFileSync } from 'node:fs'
import { mixpanel } from './index.js'

const TOKEN = 'parity-mixpanel-token'
interface CapturedRequest { method: string; path: string; headers: Record<string, string>; item: Record<string, unknown> }
const fixture = JSON.parse(readFileSync(new URL('../../parity/fixtures/mixpanel.json', import.meta.url), 'utf8')) as {
  sdk: { name: string; version: string }
  cases: Record<string, { requests: CapturedRequest[] }>
}
const cases = loadCases()
const set = mixpanel({ token: TOKEN, apiSecret: 'parity-mixpanel-secret' })
const lanes = set.members.map((m) => m.destination)
const LANE_OF_PATH: Record<string, string> = { '/import': 'mixpanel', '/engage': 'mixpanel-profiles', '/groups': 'mixpanel-groups' }

/** Generated ids and times, the library's own name/version, and the token (masked by the sink in the fixture). */
function masks(c: ParityCase): string[] {
  const out = ['properties.mp_lib', 'properties.$lib_version', 'properties.token', '$token']
  if (c.params.messageId === undefined) out.push('properties.$insert_id')
  if (c.params.timestamp === undefined) out.push('properties.time', '$time')
  return out
}

/** Our requests for one case: each lane that takes the message, with its one item. */
function ours(c: ParityCase): { lane: Destination; path: string; method: string; item: Record<string, unknown> }[] {
  const message = createMessage(c.call, c.params as unknown as ParamsByType[typeof c.call], { library: LIBRARY }) as Message
  const context = { callTime: new Date().toISOString(), timestampGiven: c.params.timestamp != null }
  return lanes
    .filter((lane) => lane.accepts?.(message) !== false)
    .map((lane) => {
      const request = lane.buildRequest([lane.encode(message, context)], { sentAt: context.callTime })
      return { lane, path: new URL(request.url).pathname, method: 'POST', item: (JSON.parse(request.body) as Record<string, unknown>[])[0] as Record<string, unknown> }
    })
}

describe(`Mixpanel parity with ${fixture.sdk.name}@${fixture.sdk.version} (fixtures/mixpanel.json)`, () => {
  it('has a fixture for every fixed input', () => {
    expect(Object.keys(fixture.cases).sort()).toEqual(cases.map((c) => c.name).sort())
  })

  for (const c of cases) {
    describe(`${c.call}: ${c.name}`, () => {
      const expected = fixture.cases[c.name]!.requests

      it('sends the same records to the same endpoints', () => {
        const mine = ours(c)
        expect(mine.map((r) => r.lane.name).sort()).toEqual(expected.map((r) => LANE_OF_PATH[r.path]).sort())
        for (const request of expected) {
          const match = mine.find((r) => r.path === request.path)
          expect(match, request.path).toBeDefined()
          expect(maskPaths(match!.item, masks(c))).toEqual(maskPaths(request.item, masks(c)))
        }
      })

      it('carries the project token and the library name in every record', () => {
        for (const { item } of ours(c)) {
          const props = item.properties as Record<string, unknown> | undefined
          expect(props?.token ?? item.$token).toBe(TOKEN)
          if (props) expect(props.mp_lib).toBe(LIBRARY.name)
        }
      })
    })
  }
})
