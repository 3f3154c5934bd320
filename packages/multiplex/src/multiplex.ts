import { ConfigError, type Destination, type DestinationMember, type DestinationSet, type Middleware, type PipelineSettings } from '@polytrack/core'

/** One child of {@link multiplex} with its own name, middleware or settings. */
export interface MultiplexChild {
  /** The adapter, e.g. `posthog({...})`. */
  destination: Destination
  /** Name in events, reports and the `@polytrack/<name>` routing key. Default: the adapter's name. */
  name?: string
  /** Transforms or leaves out messages for this child only (run in order). */
  middleware?: Middleware | readonly Middleware[]
  /** Delivery settings for this child only (e.g. a larger `maxQueueSize`), over the client's options. */
  settings?: Partial<PipelineSettings>
}

const NAME = /^[a-z0-9][a-z0-9._-]*$/i

/**
 * Makes one destination out of several. Each child keeps its own queue, batcher, retry budget,
 * in-flight limit and counters: a vendor that is down, slow or rate-limiting cannot delay, block
 * or lose messages for the others. Messages are routed per child by the Segment `integrations`
 * map (see docs/multiplexing.md) and then through the child's middleware.
 *
 * @example
 * new Analytics({ destination: multiplex([posthog({ apiKey }), { destination: customerio({ writeKey }), middleware: stripEmail }]) })
 */
export function multiplex(children: readonly (Destination | MultiplexChild)[]): DestinationSet {
  if (!Array.isArray(children) || children.length === 0) {
    throw new ConfigError('multiplex', 'needs a non-empty array of destinations')
  }
  const seen = new Set<string>()
  const members: DestinationMember[] = children.map((child, i) => {
    const spec: MultiplexChild = isChild(child) ? child : { destination: child }
    const destination = spec.destination as Destination | undefined
    if (!destination || typeof destination.encode !== 'function' || typeof destination.name !== 'string') {
      throw new ConfigError(`multiplex[${i}]`, 'must be an adapter such as posthog({...}) or { destination, name?, middleware? }')
    }
    const name = spec.name ?? destination.name
    if (!NAME.test(name)) throw new ConfigError(`multiplex[${i}].name`, `"${name}" must be letters, digits, dots, dashes or underscores`)
    if (seen.has(name.toLowerCase())) {
      throw new ConfigError(`multiplex[${i}].name`, `"${name}" is used twice; give one of them a name, e.g. { destination, name: '${name}-eu' }`)
    }
    seen.add(name.toLowerCase())
    const middleware = spec.middleware === undefined ? [] : Array.isArray(spec.middleware) ? [...spec.middleware] : [spec.middleware as Middleware]
    middleware.forEach((m, j) => {
      if (typeof m !== 'function') throw new ConfigError(`multiplex[${i}].middleware[${j}]`, 'must be a function')
    })
    return { destination, name, middleware, ...(spec.settings ? { settings: spec.settings } : {}) }
  })
  return { kind: 'set', members }
}

function isChild(value: Destination | MultiplexChild): value is MultiplexChild {
  return typeof value === 'object' && value !== null && 'destination' in value && typeof (value as unknown as Destination).encode !== 'function'
}
