// A group call without a user is a group profile update: Mixpanel's /groups takes it as it is.
import { Analytics } from '@polytrack/core'
import { startSink, type Sink } from '@polytrack/sink'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mixpanel } from './index.js'

const TOKEN = 'mp-group-token'
let sink: Sink
beforeAll(async () => {
  sink = await startSink({ port: 0, keys: { mixpanel: [TOKEN] } })
})
afterAll(() => sink.close())

describe('mixpanel and a group call without a user', () => {
  it('sends the group profile update to /groups, and no event', async () => {
    const analytics = new Analytics({ destination: mixpanel({ token: TOKEN, host: sink.urlFor('mixpanel') }), flushIntervalMs: 60_000 })
    analytics.group({ groupId: 'acme', traits: { name: 'Acme' } })
    const report = await analytics.close({ timeoutMs: 5_000 })
    expect(report.byDestination).toMatchObject({ mixpanel: { delivered: 0 }, 'mixpanel-groups': { delivered: 1 } })
    const [request] = sink.requests({ vendor: 'mixpanel' })
    expect(request?.path).toBe('/mixpanel/groups')
    expect(sink.messages({ vendor: 'mixpanel' })[0]?.payload).toMatchObject({
      $group_key: 'company',
      $group_id: 'acme',
      $set: { $name: 'Acme' },
    })
  })
})
