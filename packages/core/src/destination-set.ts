import type { Destination } from './destination.js'
import { ConfigError } from './errors.js'
import type { PipelineSettings } from './delivery/settings.js'
import type { Middleware } from './routing/middleware.js'

/** One destination of a set, with its name in this client and its middleware. */
export interface DestinationMember {
  destination: Destination
  /** Unique within the set; used in events, reports and the `@polytrack/<name>` routing key. */
  name: string
  middleware: readonly Middleware[]
  /** Delivery settings for this member only, over the client's options. */
  settings?: Partial<PipelineSettings>
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

/** Checks one adapter object: the methods and fields the pipeline relies on. */
export function assertDestination(value: unknown, option: string): asserts value is Destination {
  const d = value as Partial<Destination> | null
  if (!d || typeof d !== 'object' || typeof d.encode !== 'function' || typeof d.buildRequest !== 'function' || typeof d.name !== 'string' || !d.limits) {
    throw new ConfigError(option, 'must be an adapter such as rudderstack({ writeKey, dataPlaneUrl })')
  }
}

/** The members behind `destination`: a set's own, or a single destination under its own name. */
export function membersOf(destination: Destination | DestinationSet): DestinationMember[] {
  if (isDestinationSet(destination)) {
    const names = new Set<string>()
    destination.members.forEach((member, i) => {
      assertDestination(member.destination, `destination.members[${i}]`)
      if (names.has(member.name)) throw new ConfigError(`destination.members[${i}].name`, `"${member.name}" is used twice; give each member a unique name`)
      names.add(member.name)
    })
    if (destination.members.length === 0) throw new ConfigError('destination', 'has no members')
    return [...destination.members]
  }
  assertDestination(destination, 'destination')
  return [{ destination, name: destination.name, middleware: [] }]
}
