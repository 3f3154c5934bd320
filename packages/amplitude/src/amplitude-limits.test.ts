// Amplitude's HTTP V2 limit, requests "under 1 MB", read as 1,000,000 bytes: no request through the
// sink is larger (at 1 MiB, five of these events would go in one request).
import { describeByteLimits } from '@polytrack/adapter-conformance'
import { amplitude } from './amplitude.js'

describeByteLimits({
  vendor: 'amplitude',
  key: 'amp_limits',
  destination: (host, apiKey) => amplitude({ apiKey, host }),
  title: 'never sends an HTTP V2 request over 1,000,000 bytes',
  client: { flushAt: 2_000, flushIntervalMs: 60_000 },
  userId: 'user-1',
  messages: 12,
  blobBytes: 199_900,
  maxRequestBytes: 1_000_000,
  moreRequestsThan: 2,
  closeTimeoutMs: 20_000,
})
