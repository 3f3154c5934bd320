import { describeAdapterConformance, segmentProtocol } from '@polytrack/adapter-conformance'
import { expect } from 'vitest'
import * as adapter from './index.js'

describeAdapterConformance({
  module: adapter,
  ...segmentProtocol({
    wire: { gzip: true },
    parity: {
      // The SDK's own times: `originalTimestamp` (the call) and the per-item `sentAt` (the request).
      masks: { always: ['context.library', '_metadata.nodeVersion', 'originalTimestamp', 'sentAt'], messageId: ['messageId'] },
      envelopeMasks: ['sentAt', 'timestamp'],
      // Documented (docs/vendors/rudderstack.md): the SDK labels its gzipped JSON as form data; we send the correct type.
      sdkContentType: 'application/x-www-form-urlencoded',
      // Documented: the SDK sends numeric `groupId`/`previousId` as numbers where the core sends strings.
      itemDifferences(_c, ours, expected) {
        for (const field of ['groupId', 'previousId']) {
          if (typeof expected[field] === 'number') {
            expect(ours[field]).toBe(String(expected[field]))
            expected[field] = ours[field]
          }
        }
      },
      caseTests: {
        'stamps every item with the request sentAt': ([ours]) => {
          const body = ours!.body as { sentAt: string; batch: { sentAt: string }[] }
          expect(body.batch[0]?.sentAt).toBe(body.sentAt)
        },
      },
    },
  }),
})
