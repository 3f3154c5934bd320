import { describeAdapterConformance, keyInBody } from '@polytrack/adapter-conformance'
import { expect } from 'vitest'
import * as adapter from './index.js'

describeAdapterConformance({
  module: adapter,
  lenientOptions: 'a known gap: posthog() does not refuse unknown options yet (docs/writing-an-adapter.md#strict-options)',
  kind: 'tool',
  wire: { paths: ['/batch/'], gzip: true, auth: keyInBody('api_key') },
  parity: {
    // The event's `uuid` (always generated: v7 from the messageId) and the library's own name and version.
    masks: { always: ['uuid', 'properties.$lib', 'properties.$lib_version'], timestamp: ['timestamp'] },
    envelopeMasks: ['sent_at'],
    caseTests: {
      'sends a UUID v7': ([ours]) =>
        expect(ours!.item.uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
    },
  },
})
