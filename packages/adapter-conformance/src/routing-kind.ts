// Routing by the Segment `integrations` map, for the adapter's declared kind: a `tool` is turned off
// by `All: false` and by its own name; a `pipeline` (a CDP) receives every message with the map
// unchanged, since it routes downstream by the map itself; both are turned off by
// `@polytrack/<name>: false`.
import { Analytics, type DestinationKind, type Integrations } from '@polytrack/core'
import { describe, expect, it } from 'vitest'
import { lanesOf, type Lane } from './adapter-under-test.js'
import { TEST_USER, type ConformanceContext } from './conformance-context.js'

/** Sends a track, an identify and a group call with `integrations`; returns the delivered count per lane. */
async function deliveredWith(ctx: ConformanceContext, integrations: Integrations | undefined): Promise<Record<string, number>> {
  const destination = ctx.adapter.create(ctx.key, ctx.sink().urlFor(ctx.adapter.vendor))
  const analytics = new Analytics({ destination })
  const map = integrations === undefined ? {} : { integrations }
  analytics.track({ userId: TEST_USER, event: 'Routed', ...map })
  analytics.identify({ userId: TEST_USER, traits: { plan: 'pro' }, ...map })
  analytics.group({ userId: TEST_USER, groupId: 'routing-group-1', ...map })
  const report = await analytics.close()
  return Object.fromEntries(Object.entries(report.byDestination).map(([name, counts]) => [name, counts.delivered]))
}

/** Registers the routing-kind suite. */
export function describeRoutingKind(ctx: ConformanceContext, kind: DestinationKind): void {
  const lanes = (): Lane[] => lanesOf(ctx.adapter.create(ctx.key, 'http://127.0.0.1'))
  const none = (all: Record<string, number>) => Object.fromEntries(Object.keys(all).map((name) => [name, 0]))

  describe(`routing kind: ${kind}`, () => {
    it(`every lane declares kind "${kind}" and integration names`, () => {
      for (const lane of lanes()) {
        expect(lane.destination.kind, lane.name).toBe(kind)
        expect(lane.destination.integrationNames.length, lane.name).toBeGreaterThan(0)
      }
    })

    it(kind === 'tool' ? 'All: false turns it off' : 'All: false still reaches it, with the map unchanged', async () => {
      const all = await deliveredWith(ctx, undefined)
      ctx.sink().reset()
      expect(await deliveredWith(ctx, { All: false })).toEqual(kind === 'tool' ? none(all) : all)
      if (kind === 'pipeline') {
        for (const m of ctx.sink().messages({ vendor: ctx.adapter.vendor }))
          expect((m.payload as { integrations?: unknown }).integrations).toEqual({ All: false })
      }
    })

    it(
      kind === 'tool'
        ? 'its own name set to false turns it off'
        : 'its vendor name set to false still reaches it (a CDP routes by the map)',
      async () => {
        const all = await deliveredWith(ctx, undefined)
        for (const lane of lanes()) {
          for (const name of lane.destination.integrationNames) {
            ctx.sink().reset()
            const got = await deliveredWith(ctx, { [name]: false })
            expect(got[lane.name], `${name}: false`).toBe(kind === 'tool' ? 0 : all[lane.name])
          }
        }
      },
    )

    it('@polytrack/<name>: false turns that lane off and no other', async () => {
      const all = await deliveredWith(ctx, undefined)
      for (const [name, count] of Object.entries(all)) expect(count, `${name} takes none of track, identify, group`).toBeGreaterThan(0)
      for (const lane of lanes()) {
        ctx.sink().reset()
        expect(await deliveredWith(ctx, { [`@polytrack/${lane.name}`]: false })).toEqual({ ...all, [lane.name]: 0 })
      }
    })
  })
}
