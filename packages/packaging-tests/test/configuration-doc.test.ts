// docs/configuration.md must say what the code does. For each table marked `<!-- config: id -->`:
// every default written as a code span equals the value the built packages use (read from the
// exported constants, from the resolved settings of real destinations, or observed in behaviour),
// and the rows name exactly the options of the exported option type (read from the built .d.ts).
import { afterAll, describe, expect, it } from 'vitest'
import { DEFAULT_SETTINGS } from '@polytrack/core'
import { resolveSettings } from '@polytrack/core/adapter'
import { builtOptionKeys, type OptionTypeRef } from './built-option-types.js'
import { adapterLanes, cleanUpGetters, DESCRIBED, GETTERS, VENDORS } from './configuration-defaults.js'
import { defaultValue, docTables, NO_LITERAL, optionName } from './configuration-doc-tables.js'

afterAll(cleanUpGetters)

// ---- the option types, from the built declarations ----------------------------------------------

const OPTION_TYPES: Record<string, OptionTypeRef> = {
  analytics: { pkg: 'core', type: 'AnalyticsOptions' },
  close: { pkg: 'core', type: 'CloseOptions' },
  rudderstack: { pkg: 'rudderstack', type: 'RudderStackOptions' },
  posthog: { pkg: 'posthog', type: 'PostHogOptions' },
  hightouch: { pkg: 'hightouch', type: 'HightouchOptions' },
  customerio: { pkg: 'customerio', type: 'CustomerIoOptions' },
  segment: { pkg: 'segment', type: 'SegmentOptions' },
  amplitude: { pkg: 'amplitude', type: 'AmplitudeOptions' },
  mixpanel: { pkg: 'mixpanel', type: 'MixpanelOptions' },
  mixpanelServiceAccount: { pkg: 'mixpanel', type: 'MixpanelServiceAccount' },
  multiplex: { pkg: 'multiplex', type: 'MultiplexChild' },
  localFlags: { pkg: 'core', type: 'LocalFlagsOptions' },
  fileSpool: { pkg: 'core', type: 'FileSpoolOptions' },
  redisSpool: { pkg: 'spool-redis', type: 'RedisSpoolOptions' },
}

// ---- the tests --------------------------------------------------------------------------------

describe('docs/configuration.md', () => {
  it('has a table for every option type and a check for every table', () => {
    expect([...docTables.keys()].sort()).toEqual([...Object.keys(GETTERS), 'vendor-settings', 'vendor-limits', 'deprecated'].sort())
  })

  const keys = builtOptionKeys(OPTION_TYPES)

  it('lists exactly the options of each exported option type', () => {
    for (const [id, typeKeys] of Object.entries(keys)) {
      const documented = docTables
        .get(id)!
        .rows.map((row) => optionName(row[0]!))
        .sort()
      expect(documented, `docs/configuration.md, table "${id}" vs ${OPTION_TYPES[id]!.type}`).toEqual(typeKeys.names)
    }
  })

  it('lists every deprecated name with the option that replaces it', () => {
    const rows = docTables
      .get('deprecated')!
      .rows.map((row) => ({ old: optionName(row[0]!), current: optionName(row[1]!), where: row[2]! }))
    const deprecated = Object.entries(keys).flatMap(([id, typeKeys]) => typeKeys.deprecated.map((old) => ({ id, old })))
    expect(new Set(rows.map((r) => r.old))).toEqual(new Set(deprecated.map((d) => d.old)))
    for (const { id, old } of deprecated) {
      const row = rows.find((r) => r.old === old)!
      expect(row.where, `deprecated ${old}: the "in" column should name ${id}`).toContain(`\`${id}\``)
      expect(keys[id]!.names, `deprecated ${old}: ${row.current} is not an option of ${id}`).toContain(row.current)
    }
  })

  for (const id of Object.keys(GETTERS)) {
    it(`states the defaults the code uses: ${id}`, async () => {
      const table = docTables.get(id)!
      for (const row of table.rows) {
        const option = optionName(row[0]!)
        const getter = GETTERS[id]![option]
        expect(getter, `no check for ${id}.${option}: add one to configuration-defaults.ts`).toBeDefined()
        const actual = await getter!()
        const stated = defaultValue(row[1]!)
        const where = `docs/configuration.md, table "${id}", option ${option}: doc says ${row[1]}`
        if (stated === NO_LITERAL) expect(actual === undefined || actual === DESCRIBED, `${where}, code uses ${String(actual)}`).toBe(true)
        else expect(actual, where).toEqual(stated)
      }
    })
  }

  it("states each vendor's effective delivery settings, for every lane of every adapter", async () => {
    const lanes = await adapterLanes()
    const table = docTables.get('vendor-settings')!
    const columns = table.header.slice(1)
    expect(columns[0]).toBe('core')
    expect([...columns.slice(1)].sort(), 'vendor-settings: one column per adapter lane').toEqual(Object.keys(lanes).sort())
    expect(table.rows.map((row) => optionName(row[0]!)).sort()).toEqual(Object.keys(DEFAULT_SETTINGS).sort())
    for (const row of table.rows) {
      const setting = optionName(row[0]!) as keyof typeof DEFAULT_SETTINGS
      columns.forEach((column, i) => {
        const actual = column === 'core' ? DEFAULT_SETTINGS[setting] : resolveSettings({}, lanes[column]!)[setting]
        expect(actual, `vendor-settings: ${setting} of ${column}`).toBe(defaultValue(row[i + 1]!))
      })
    }
  })

  it("states each vendor's limits, for every lane of every adapter", async () => {
    const lanes = await adapterLanes()
    const table = docTables.get('vendor-limits')!
    const columns = table.header.slice(1)
    expect([...columns].sort(), 'vendor-limits: one column per adapter lane').toEqual(Object.keys(lanes).sort())
    for (const row of table.rows) {
      const limit = optionName(row[0]!) as 'messageBytes' | 'batchBytes' | 'batchMessages'
      columns.forEach((column, i) => {
        expect(lanes[column]!.limits[limit], `vendor-limits: ${limit} of ${column}`).toBe(defaultValue(row[i + 1]!))
      })
    }
  })

  it("clamps flushAt to the vendor's batchMessages, as the analytics table says", () => {
    expect(resolveSettings({ flushAt: 100_000 }, VENDORS.posthog!()).flushAt).toBe(VENDORS.posthog!().limits.batchMessages)
  })
})
