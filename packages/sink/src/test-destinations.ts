/**
 * `@polytrack/sink/test-destinations`: hand-written destinations for tests and child-process
 * fixtures that talk to the sink without an adapter. They are plain objects with the shape of
 * `@polytrack/core`'s `Destination` (this package does not depend on core: the wire helpers a
 * Segment-protocol destination needs are passed in from the core build under test).
 *
 * @packageDocumentation
 */

/** The limits of Segment's HTTP tracking API. */
export const SEGMENT_LIMITS = { messageBytes: 32768, batchBytes: 512000, batchMessages: 2500 } as const

/** The wire helpers of `@polytrack/core/adapter` that a Segment-protocol destination uses. */
export interface WireHelpers {
  /** `Basic` authorization with `user` and an empty password. */
  basicAuthHeader(user: string): string
  /** The JSON body `{ [key]: items, ...extra }` built from already encoded items. */
  batchBody(key: string, items: readonly string[], extra: Record<string, unknown>): string
}

/** Options of {@link segmentDestination}. */
export interface SegmentDestinationOptions {
  /** The base URL (the sink's Segment URL); requests go to `${url}/v1/batch`. */
  url: string | undefined
  writeKey: string
  /** `basicAuthHeader` and `batchBody` from the `@polytrack/core/adapter` under test. */
  wire: WireHelpers
  kind?: 'tool' | 'pipeline'
  limits?: { messageBytes: number; batchBytes: number; batchMessages: number }
  gzip?: boolean
}

/** A destination speaking Segment's batch protocol, as a minimal adapter would. */
export function segmentDestination(options: SegmentDestinationOptions) {
  const { url, writeKey, wire, kind = 'pipeline', limits = SEGMENT_LIMITS, gzip = false } = options
  return {
    name: 'segment',
    specificationVersion: 'v1',
    kind,
    integrationNames: ['Segment'],
    limits,
    secrets: [writeKey],
    /** The message as JSON. */
    encode: (message: unknown) => JSON.stringify(message),
    /** One POST of the batch to `${url}/v1/batch`. */
    buildRequest: (items: readonly string[], { sentAt }: { sentAt: string }) => ({
      url: `${url}/v1/batch`,
      headers: { 'content-type': 'application/json', authorization: wire.basicAuthHeader(writeKey) },
      body: wire.batchBody('batch', items, { sentAt }),
      gzip,
    }),
  } as const
}

/** A destination for flag-only tests: it must never be asked to send anything. */
export const idleDestination = {
  name: 'idle',
  specificationVersion: 'v1',
  kind: 'tool',
  integrationNames: [],
  limits: { messageBytes: 1000, batchBytes: 10_000, batchMessages: 10 },
  secrets: [],
  /** The message as JSON. */
  encode: (message: unknown) => JSON.stringify(message),
  /** Never called: throws. */
  buildRequest: (): never => {
    throw new Error('not used')
  },
} as const
