// RudderStack's limits: 32 KiB per message and batches kept to 450 KiB as rudder-sdk-node keeps them
// (the server takes 4 MB): no request through the sink is larger. gzip off, so that the bytes on the
// wire are the JSON the limit counts.
import { describeByteLimits } from '@polytrack/adapter-conformance'
import { rudderstack } from './rudderstack.js'

// Messages of about 20 KB: 25 of them (analytics-go's 512,000) would pass 450 KiB.
describeByteLimits({
  vendor: 'rudderstack',
  destination: (dataPlaneUrl, writeKey) => rudderstack({ writeKey, dataPlaneUrl, gzip: false }),
  title: 'never sends a batch over 450 KiB, nor a message over 32 KiB',
  tooLargeBlobBytes: 32 * 1024,
  maxRequestBytes: 450 * 1024,
})
