import type { Destination, DestinationLimits } from '../../src/destination.js'
import { segmentFamily } from '../../src/segment-protocol/segment-family.js'

/** The write key every test destination uses; tests check it never leaks. */
export const TEST_WRITE_KEY = 'wk_test_SECRET_1234'

/**
 * A Segment-protocol destination (the family base, with no vendor's quirks) for exercising the core
 * pipeline against the sink's `/segment/v1/batch` route. (Real adapters are tested in their own packages.)
 */
export function testDestination(
  baseUrl: string,
  overrides: { limits?: Partial<DestinationLimits>; name?: string; key?: string; gzip?: boolean } = {},
): Destination {
  return segmentFamily({
    name: overrides.name ?? 'segment',
    integrationNames: ['Segment'],
    writeKey: overrides.key ?? TEST_WRITE_KEY,
    url: `${baseUrl}/v1/batch`,
    limits: { messageBytes: 32 * 1024, batchBytes: 500 * 1024, batchMessages: 2500, ...overrides.limits },
    envelope: (sentAt) => ({ sentAt }),
    gzip: overrides.gzip ?? false,
  })
}
