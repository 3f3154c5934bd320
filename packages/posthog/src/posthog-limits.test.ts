// PostHog's limits as posthog-python keeps them, 900 KiB per event and 5 MiB per request (capture
// itself refuses 1 MiB and 20 MiB): no request through the sink is larger. gzip off, so that the
// bytes on the wire are the JSON the limit counts.
import { describeByteLimits } from '@polytrack/adapter-conformance'
import { posthog } from './posthog.js'

// Events of about 600 KB: 9 of them (5.4 MB) would pass 5 MiB under the 100-event cap.
describeByteLimits({
  vendor: 'posthog',
  key: 'phc_limits',
  destination: (host, apiKey) => posthog({ apiKey, host, gzip: false }),
  title: 'never sends a batch over 5 MiB, nor an event over 900 KiB',
  client: { flushAt: 100, flushIntervalMs: 60_000 },
  messages: 12,
  blobBytes: 600_000,
  tooLargeBlobBytes: 900 * 1024,
  maxRequestBytes: 5 * 1024 * 1024,
  closeTimeoutMs: 20_000,
})
