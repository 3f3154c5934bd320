import type { DestinationKind } from '../destination.js'
import type { Integrations } from '../spec/message.js'

/** What routing needs to know of a destination. */
export interface RoutingTarget {
  /** The destination's name in this client, e.g. `posthog`. */
  name: string
  kind: DestinationKind
  /** Names it answers to in the integrations map, e.g. `['PostHog']`. */
  integrationNames: readonly string[]
}

/** The key that opts a message out of one Polytrack destination, whatever its kind: `@polytrack/<name>`. */
export function optOutKey(name: string): string {
  return `@polytrack/${name}`
}

/**
 * Does a message with this `integrations` map go to this destination? Segment's meaning, applied
 * on the client:
 * - A `tool` (e.g. PostHog) receives the message unless the map turns it off: its own key
 *   (any of its integration names, or `@polytrack/<name>`, matched case-insensitively) set to
 *   `false`, or `All: false` without its key set to `true` (or to an options object).
 * - A `pipeline` (a CDP: RudderStack, Hightouch, Customer.io, Segment) routes downstream by the
 *   map itself, so it receives every message, map unchanged, unless `@polytrack/<name>` is
 *   `false` — a key no vendor uses for its own destinations (Customer.io's CDP has a downstream
 *   destination called "Customer.io", so vendor names cannot be trusted to mean the pipeline).
 */
export function isRoutedTo(integrations: Integrations, target: RoutingTarget): boolean {
  // The common case: an empty map routes everywhere.
  for (const _key in integrations) return decide(integrations, target)
  return true
}

function decide(integrations: Integrations, target: RoutingTarget): boolean {
  const own = lookup(integrations, [optOutKey(target.name)])
  if (target.kind === 'pipeline') return own !== false
  const named = own ?? lookup(integrations, target.integrationNames)
  if (named !== undefined) return named !== false
  const all = lookup(integrations, ['All'])
  return all !== false
}

/** The value of the first key present (case-insensitive), as `true`/`false` (an options object is `true`). */
function lookup(integrations: Integrations, names: readonly string[]): boolean | undefined {
  const wanted = names.map((n) => n.toLowerCase())
  let found: boolean | undefined
  for (const key of Object.keys(integrations)) {
    if (!wanted.includes(key.toLowerCase())) continue
    const value = integrations[key]
    const enabled = value !== false
    // An explicit `false` under any alias wins over `true` under another.
    found = found === false ? false : enabled
  }
  return found
}
