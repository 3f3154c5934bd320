import { Analytics, type Destination, type DestinationSet, type Message } from '@polytrack/core'
import { describe, expect, it } from 'vitest'
import { multiplex } from '../src/index.js'

/** A lane that records what it encodes and takes only the given message types. */
function lane(name: string, types: readonly Message['type'][], seen: string[]): Destination {
  return {
    name,
    specificationVersion: 'v1',
    kind: 'tool',
    integrationNames: ['Lanes'],
    limits: { messageBytes: 1024, batchBytes: 10_000, batchMessages: 10 },
    secrets: [],
    accepts: (message) => types.includes(message.type),
    encode: (message) => {
      seen.push(`${name}:${message.type}`)
      return JSON.stringify(message)
    },
    buildRequest: () => ({ url: 'http://127.0.0.1:9/x', headers: {}, body: '[]', gzip: false }),
  }
}

function laneSet(seen: string[]): DestinationSet {
  const events = lane('lanes', ['track', 'page'], seen)
  const profiles = lane('lanes-profiles', ['identify'], seen)
  return {
    kind: 'set',
    members: [
      { destination: events, name: 'lanes', middleware: [] },
      { destination: profiles, name: 'lanes-profiles', middleware: [] },
    ],
  }
}

describe('multiplex with an adapter made of lanes (a destination set)', () => {
  it('flattens its lanes into children, keeping their names or prefixing them with the given name', () => {
    const seen: string[] = []
    expect(multiplex([laneSet(seen)]).members.map((m) => m.name)).toEqual(['lanes', 'lanes-profiles'])
    expect(multiplex([{ destination: laneSet(seen), name: 'eu' }]).members.map((m) => m.name)).toEqual(['eu', 'eu-profiles'])
    expect(() => multiplex([laneSet(seen), laneSet(seen)])).toThrow(/used twice/)
  })

  it('a lane never encodes a message it declines (accepts), and the decline counts as filtered', async () => {
    const seen: string[] = []
    const analytics = new Analytics({ destination: multiplex([laneSet(seen)]), flushIntervalMs: 60_000 })
    analytics.track({ userId: 'u1', event: 'E' })
    analytics.identify({ userId: 'u1', traits: { a: 1 } })
    expect(seen).toEqual(['lanes:track', 'lanes-profiles:identify'])
    const report = analytics.report()
    expect(report.byDestination.lanes?.filtered).toBe(1)
    expect(report.byDestination['lanes-profiles']?.filtered).toBe(1)
    await analytics.close({ timeoutMs: 0 })
  })
})
