import { describeAdapterConformance, keyInBody } from '@polytrack/adapter-conformance'
import * as adapter from './index.js'

describeAdapterConformance({
  module: adapter,
  kind: 'tool',
  wire: { paths: ['/2/httpapi'], gzip: false, auth: keyInBody('api_key'), wrongKeyStatus: 400 },
  // Amplitude has no alias call: alias is an `$identify` event merging the previous id as a device id.
  journey: { types: ['identify', 'identify', 'group', 'page', 'screen', 'track'] },
  parity: {
    // minIdLength 1, as the capture configured the SDK, so that the numeric-id inputs ("42", "7") are sent.
    create: (key) => adapter.amplitude({ apiKey: key, minIdLength: 1 }),
    // Generated ids and times, and the library's own name/version: the only fields allowed to differ.
    masks: { always: ['library'], messageId: ['insert_id'], timestamp: ['time'] },
    itemsKey: 'events',
    envelopeMasks: ['client_upload_time'],
    // What the SDK adds that Polytrack deliberately does not send: `event_id` (a counter per SDK
    // instance, meaningless across processes) and `request_metadata` (the SDK's own diagnostics).
    sdkOnly: { item: ['event_id'], envelope: ['request_metadata'] },
    // The SDK sends no User-Agent of its own.
    ourOnlyHeaders: ['user-agent'],
  },
})
