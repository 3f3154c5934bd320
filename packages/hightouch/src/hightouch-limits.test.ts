// Hightouch's limits, 32 KB per message and 500 KB per batch request, read as 32,000 and 500,000
// bytes (as events-sdk-go counts them): no request through the sink is larger.
import { describeByteLimits } from '@polytrack/adapter-conformance'
import { hightouch } from './hightouch.js'

// Messages of about 20 KB: 25 of them make 500 KiB (512,000), which a 500 KB server may refuse.
describeByteLimits({
  vendor: 'hightouch',
  destination: (host, writeKey) => hightouch({ writeKey, host }),
  title: 'never sends a batch over 500,000 bytes, nor a message over 32,000',
  tooLargeBlobBytes: 32_000,
  maxRequestBytes: 500_000,
})
