import { basicAuthHeader, batchBody, type Destination } from '@polytrack/core'

/** The write key of the test destination; tests check it never leaks. */
export const TEST_WRITE_KEY = 'wk_test_SECRET_1234'

/** A minimal Segment-shaped destination posting to the sink's `/segment/v1/batch` route. */
export function testDestination(baseUrl: string, name = 'segment'): Destination {
  return {
    name,
    kind: 'pipeline',
    integrationNames: ['Segment'],
    limits: { messageBytes: 32 * 1024, batchBytes: 500 * 1024, batchMessages: 2500 },
    secrets: [TEST_WRITE_KEY],
    encode: (message) => JSON.stringify(message),
    buildRequest: (items, { sentAt }) => ({
      url: `${baseUrl}/v1/batch`,
      headers: { 'content-type': 'application/json', authorization: basicAuthHeader(TEST_WRITE_KEY) },
      body: batchBody('batch', items, { sentAt }),
      gzip: false,
    }),
  }
}
