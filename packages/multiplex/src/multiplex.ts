import {
  ConfigError,
  DEPRECATED_SETTING_NAMES,
  isDestinationSet,
  optionHints,
  optionNames,
  readOptions,
  SETTING_NAMES,
  validateMembers,
  type DeliverySettings,
  type Destination,
  type DestinationMember,
  type DestinationSet,
  type Middleware,
} from '@polytrack/core/adapter'

/** One child of {@link multiplex} with its own name, middleware or settings. */
export interface MultiplexChild {
  /**
   * The adapter, e.g. `posthog({...})`, or an adapter made of several lanes (a destination set such
   * as `mixpanel({...})`), whose lanes become children under their own names, each with this child's
   * middleware and settings (and `name` as a prefix when given).
   */
  destination: Destination | DestinationSet
  /** Name in events, reports and the `@polytrack/<name>` routing key. Default: the adapter's name. */
  name?: string
  /** Transforms or leaves out messages for this child only (run in order). */
  middleware?: Middleware | readonly Middleware[]
  /** Delivery settings for this child only (e.g. a larger `maxQueueSize`), over the client's options. */
  settings?: DeliverySettings
}

/** The fields of a {@link MultiplexChild} (anything else is a `ConfigError`). */
export const MULTIPLEX_CHILD_OPTIONS = optionNames<MultiplexChild>({
  destination: 'option',
  name: 'option',
  middleware: 'option',
  settings: 'option',
})

const CHILD_HINTS = optionHints(
  Object.fromEntries(
    [...SETTING_NAMES, ...DEPRECATED_SETTING_NAMES].map((name) => [
      name,
      `a child's delivery settings go in \`settings\`: { destination, settings: { ${name}: … } }`,
    ]),
  ),
  { adapter: 'did you mean `destination`?', id: 'did you mean `name`?', middlewares: 'did you mean `middleware`?' },
)

/**
 * Makes one destination out of several. Each child keeps its own queue, batcher, retry budget,
 * in-flight limit and counters: a vendor that is down, slow or rate-limiting cannot delay, block
 * or lose messages for the others. Messages are routed per child by the Segment `integrations`
 * map (see docs/multiplexing.md) and then through the child's middleware. The children are
 * checked by core's `validateMembers`, the same check the client applies to any set.
 *
 * @example
 * new Analytics({ destination: multiplex([posthog({ apiKey }), { destination: customerio({ writeKey }), middleware: stripEmail }]) })
 */
export function multiplex(children: readonly (Destination | DestinationSet | MultiplexChild)[]): DestinationSet {
  if (!Array.isArray(children as unknown) || children.length === 0) {
    throw new ConfigError('multiplex', 'needs a non-empty array of destinations')
  }
  const members: DestinationMember[] = []
  /** Where each member came from, for errors: `multiplex[i]`. */
  const origin: number[] = []
  children.forEach((child, i) => {
    const spec: MultiplexChild = isChild(child, i)
      ? readOptions(child, MULTIPLEX_CHILD_OPTIONS, `multiplex[${i}]`, CHILD_HINTS)
      : readOptions({ destination: child }, MULTIPLEX_CHILD_OPTIONS, `multiplex[${i}]`)
    const own =
      spec.middleware === undefined
        ? []
        : Array.isArray(spec.middleware)
          ? [...(spec.middleware as readonly Middleware[])]
          : [spec.middleware as Middleware]
    const destination = spec.destination as Destination | DestinationSet | undefined
    if (isDestinationSet(destination)) {
      // An adapter made of lanes: each lane is a child of its own (its failure domain), named as the adapter names it.
      if (!Array.isArray(destination.members as unknown) || destination.members.length === 0)
        throw new ConfigError(`multiplex[${i}]`, 'is a destination set without members')
      const base = (destination.members[0] as DestinationMember).name
      for (const member of destination.members as readonly DestinationMember[]) {
        // With a name, it replaces the first lane's name at the start of every lane's: mixpanel-profiles → mp-eu-profiles.
        const name =
          spec.name === undefined
            ? member.name
            : member.name.startsWith(base)
              ? `${spec.name}${member.name.slice(base.length)}`
              : `${spec.name}-${member.name}`
        const memberSettings = Object.hasOwn(member, 'settings') ? member.settings : undefined
        const settings = memberSettings || spec.settings ? { settings: { ...memberSettings, ...spec.settings } } : {}
        members.push({ destination: member.destination, name, middleware: [...member.middleware, ...own], ...settings })
        origin.push(i)
      }
      return
    }
    members.push({
      destination: destination as Destination,
      name: spec.name ?? destination?.name ?? '',
      middleware: own,
      ...(spec.settings ? { settings: spec.settings } : {}),
    })
    origin.push(i)
  })
  return { kind: 'set', members: validateMembers(members, (m) => `multiplex[${origin[m] ?? m}]`) }
}

/**
 * Is `value` a {@link MultiplexChild} (an own `destination` and no `encode`) rather than an adapter?
 * A `ConfigError` naming `multiplex[i]` when that cannot be read (a Proxy whose trap throws).
 */
function isChild(value: Destination | DestinationSet | MultiplexChild, i: number): value is MultiplexChild {
  if (typeof value !== 'object' || value === null) return false
  try {
    return Object.hasOwn(value, 'destination') && typeof (value as unknown as Destination).encode !== 'function'
  } catch {
    throw new ConfigError(`multiplex[${i}]`, 'cannot be read (a getter, or a trap of a Proxy, threw)')
  }
}
