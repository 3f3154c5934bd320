import type { Destination, DestinationLimits } from '../../src/destination.js'
import { basicAuthHeader, batchBody } from '../../src/wire-helpers.js'

/** The write key every test destination uses; tests check it never leaks. */
export const TEST_WRITE_KEY = 'wk_test_SECRET_1234'

/**
 * A minimal Segment-shaped destination for exercising the core pipeline against the sink's
 * `/segment/v1/batch` route. (Real adapters are tested in their own packages.)
 */
export function testDestination(baseUrl: string, overrides: { limits?: Partial<DestinationLimits>; name?: string; key?: string; gzip?: boolean } = {}): Destination {
  const key = overrides.key ?? TEST_WRITE_KEY
  return {
    name: overrides.name ?? 'segment',
    specificationVersion: 'v1',
    kind: 'pipeline',
    integrationNames: ['Segment'],
    limits: { messageBytes: 32 * 1024, batchBytes: 500 * 1024, batchMessages: 2500, ...overrides.limits },
    secrets: [key],
    encode: (message) => JSON.stringify(message),
    buildRequest: (items, { sentAt }) => ({
      url: `${baseUrl}/v1/batch`,
      headers: { 'content-type': 'application/json', authorization: basicAuthHeader(key) },
      body: batchBody('batch', items, { sentAt }),
      gzip: overrides.gzip ?? false,
    }),
  }
}
