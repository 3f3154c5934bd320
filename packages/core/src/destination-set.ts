import { SPECIFICATION_VERSION, type Destination } from './destination.js'
import { ConfigError } from './errors.js'
import { DEPRECATED_SETTING_NAMES, SETTING_NAMES, type DeliverySettings } from './delivery/settings.js'
import { readOptions } from './config/read-options.js'
import { SETTINGS_HINTS } from './config/option-hints.js'
import type { Middleware } from './routing/middleware.js'

/** One destination of a set, with its name in this client and its middleware. */
export interface DestinationMember {
  destination: Destination
  /** Unique within the set; used in events, reports and the `@polytrack/<name>` routing key. */
  name: string
  middleware: readonly Middleware[]
  /** Delivery settings for this member only, over the client's options. */
  settings?: DeliverySettings
}

/**
 * Several destinations behind one client (see `multiplex()` in `@polytrack/multiplex`). Each
 * member gets its own pipeline: queue, batcher, retries, in-flight limit and counters.
 */
export interface DestinationSet {
  readonly kind: 'set'
  readonly members: readonly DestinationMember[]
}

/** Is this a {@link DestinationSet} rather than a single destination? */
export function isDestinationSet(value: unknown): value is DestinationSet {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'set'
}

/** Checks one adapter object: the methods and fields the pipeline relies on, and its contract version. */
export function assertDestination(value: unknown, option: string): asserts value is Destination {
  const d = value as Partial<Destination> | null
  if (
    !d ||
    typeof d !== 'object' ||
    typeof d.encode !== 'function' ||
    typeof d.buildRequest !== 'function' ||
    typeof d.name !== 'string' ||
    !d.limits
  ) {
    throw new ConfigError(option, 'must be an adapter such as rudderstack({ writeKey, dataPlaneUrl })')
  }
  const version = (d as { specificationVersion?: unknown }).specificationVersion
  if (version !== undefined && version !== SPECIFICATION_VERSION) {
    throw new ConfigError(
      `${option}.specificationVersion`,
      `is ${JSON.stringify(version)}; this @polytrack/core implements ${JSON.stringify(SPECIFICATION_VERSION)} (update the adapter or core so they match)`,
    )
  }
}

/** A member name: letters, digits, dots, dashes or underscores (it appears in events, reports and the `@polytrack/<name>` key). */
const MEMBER_NAME = /^[a-z0-9][a-z0-9._-]*$/i

/**
 * Validates the members of a destination set: each an adapter, its name valid and unique
 * (case-insensitively: `@polytrack/<name>` keys are matched without case), middleware functions,
 * settings an object. `path(i)` names member `i` in errors (`multiplex[2]`,
 * `destination.members[2]`). The one check for every set, built by `multiplex()` or by hand, so
 * the two cannot disagree. Throws a `ConfigError`; returns a copy of the list, each member a copy
 * of the fields checked, its settings a snapshot (see `readOptions`).
 */
export function validateMembers(members: readonly DestinationMember[], path: (i: number) => string): DestinationMember[] {
  if (!Array.isArray(members as unknown) || members.length === 0)
    throw new ConfigError(path(-1), 'has no members: give at least one destination')
  const names = new Set<string>()
  const checked: DestinationMember[] = []
  members.forEach((member, i) => {
    const { destination, name, middleware, settings } = ownFields(member, path(i))
    assertDestination(destination, `${path(i)}.destination`)
    if (typeof name !== 'string' || !MEMBER_NAME.test(name))
      throw new ConfigError(`${path(i)}.name`, `${JSON.stringify(name)} must be letters, digits, dots, dashes or underscores`)
    if (names.has(name.toLowerCase())) {
      throw new ConfigError(`${path(i)}.name`, `"${name}" is used twice; give one of them a name, e.g. { destination, name: '${name}-eu' }`)
    }
    names.add(name.toLowerCase())
    if (!Array.isArray(middleware)) throw new ConfigError(`${path(i)}.middleware`, 'must be an array of functions')
    middleware.forEach((m: unknown, j: number) => {
      if (typeof m !== 'function') throw new ConfigError(`${path(i)}.middleware[${j}]`, 'must be a function')
    })
    if (settings === undefined) {
      // `settings` own and undefined: an inherited one (a polluted Object.prototype) is never read.
      checked.push({ destination, name, middleware, settings: undefined })
      return
    }
    if (settings === null || typeof settings !== 'object') throw new ConfigError(`${path(i)}.settings`, 'must be an object')
    const own = readOptions(settings, SETTING_NAMES, `${path(i)}.settings`, SETTINGS_HINTS, DEPRECATED_SETTING_NAMES)
    checked.push({ destination, name, middleware, settings: own })
  })
  return checked
}

/**
 * The fields of a member, each read once and only when it is its own (an inherited one, from a
 * polluted `Object.prototype`, is `undefined`). A `ConfigError` naming `where` when they cannot be
 * read (a getter, or a trap of a Proxy, throws).
 */
function ownFields(member: unknown, where: string): Partial<Record<keyof DestinationMember, unknown>> {
  if (member === null || typeof member !== 'object') return {}
  try {
    const own = (key: keyof DestinationMember): unknown =>
      Object.hasOwn(member, key) ? (member as Record<string, unknown>)[key] : undefined
    return { destination: own('destination'), name: own('name'), middleware: own('middleware'), settings: own('settings') }
  } catch {
    throw new ConfigError(where, 'cannot be read (a getter, or a trap of a Proxy, threw)')
  }
}

/** The members behind `destination`: a set's own (validated), or a single destination under its own name. */
export function membersOf(destination: Destination | DestinationSet): DestinationMember[] {
  if (isDestinationSet(destination))
    return validateMembers(destination.members, (i) => (i < 0 ? 'destination' : `destination.members[${i}]`))
  assertDestination(destination, 'destination')
  return [{ destination, name: destination.name, middleware: [], settings: undefined }]
}
