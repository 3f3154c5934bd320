import type { Integrations, JsonObject } from '../spec/message.js'

/**
 * The options object a call gives one destination in its integrations map: `integrations.<name>`
 * for the first of `names` present (matched case-insensitively) whose value is an object, e.g.
 * `integrations: { Amplitude: { groupType: 'team' } }`, as a copy of its own properties without a
 * prototype; `undefined` when there is none. Adapters read
 * per-call settings from it (PostHog's `groups`, Amplitude's `groupType`, Mixpanel's `groupKey`). Pure.
 *
 * @example
 * const groupType = integrationOptions(message.integrations, ['Amplitude'])?.groupType
 */
export function integrationOptions(integrations: Integrations, names: readonly string[]): JsonObject | undefined {
  if (integrations === null || typeof integrations !== 'object') return undefined
  const wanted = new Set(names.map((n) => n.toLowerCase()))
  for (const key of Object.keys(integrations)) {
    if (!wanted.has(key.toLowerCase())) continue
    const options = integrations[key]
    // Its own settings only, without a prototype: an inherited `groupType` (a polluted Object.prototype) is not a setting.
    if (options !== null && typeof options === 'object') return Object.assign(Object.create(null) as JsonObject, options)
  }
  return undefined
}
