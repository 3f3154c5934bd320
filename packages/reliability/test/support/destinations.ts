import { type Destination, type DestinationLimits } from '@polytrack/core'
import { basicAuthHeader, batchBody, requireIdentity } from '@polytrack/core/adapter'

/**
 * A minimal Segment-family destination (`POST {base}/v1/batch`, Basic auth, the message as is),
 * usable against any of the sink's Segment-family prefixes (segment, hightouch, customerio). Like
 * every Segment-protocol adapter, it refuses a message without a user (a group call without one).
 */
export function segmentLike(
  baseUrl: string,
  options: { name?: string; key?: string; gzip?: boolean; limits?: Partial<DestinationLimits> } = {},
): Destination {
  const key = options.key ?? 'wk_reliability_SECRET'
  const authorization = basicAuthHeader(key)
  return {
    name: options.name ?? 'segment',
    specificationVersion: 'v1',
    kind: 'pipeline',
    integrationNames: ['Segment'],
    limits: { messageBytes: 32 * 1024, batchBytes: 500 * 1024, batchMessages: 2500, ...options.limits },
    secrets: [key],
    encode: (message) => {
      requireIdentity(message, options.name ?? 'segment')
      return JSON.stringify(message)
    },
    buildRequest: (items, { sentAt }) => ({
      url: `${baseUrl}/v1/batch`,
      headers: { 'content-type': 'application/json', authorization },
      body: batchBody('batch', items, { sentAt }),
      gzip: options.gzip ?? false,
    }),
  }
}
