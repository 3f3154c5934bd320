import type { Destination } from '@polytrack/core'
import { segmentFamily } from '@polytrack/core/adapter'

/** The write key of the test destination; tests check it never leaks. */
export const TEST_WRITE_KEY = 'wk_test_SECRET_1234'

/** A Segment-protocol destination (core's family base, no vendor quirks) posting to the sink's `/segment/v1/batch` route. */
export function testDestination(baseUrl: string, name = 'segment'): Destination {
  return segmentFamily({
    name,
    integrationNames: ['Segment'],
    writeKey: TEST_WRITE_KEY,
    url: `${baseUrl}/v1/batch`,
    limits: { messageBytes: 32 * 1024, batchBytes: 500 * 1024, batchMessages: 2500 },
    envelope: (sentAt) => ({ sentAt }),
  })
}
