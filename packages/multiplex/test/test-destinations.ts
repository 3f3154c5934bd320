import { type Destination, type DestinationKind } from '@polytrack/core'
import { basicAuthHeader, batchBody } from '@polytrack/core/adapter'

/** A Segment-shaped destination posting to `${base}/v1/batch`, as a tool or a pipeline. */
export function segmentShaped(
  base: string,
  name: string,
  kind: DestinationKind,
  integrationNames: string[],
  limits: Partial<Destination['limits']> = {},
): Destination {
  const key = `wk_${name}_secret`
  return {
    specificationVersion: 'v1',
    name,
    kind,
    integrationNames,
    limits: { messageBytes: 32 * 1024, batchBytes: 500 * 1024, batchMessages: 500, ...limits },
    secrets: [key],
    encode: (message) => JSON.stringify(message),
    buildRequest: (items, { sentAt }) => ({
      url: `${base}/v1/batch`,
      headers: { 'content-type': 'application/json', authorization: basicAuthHeader(key) },
      body: batchBody('batch', items, { sentAt }),
      gzip: false,
    }),
  }
}
