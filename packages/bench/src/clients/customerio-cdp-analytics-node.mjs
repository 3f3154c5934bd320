/** @customerio/cdp-analytics-node 0.5.9: `host` = the sink, `path` = its Customer.io route, maxEventsInBatch 100. */
import { runSegmentFamilySdk } from '../lib/segment-family-sdk.mjs'

await runSegmentFamilySdk('@customerio/cdp-analytics-node', { vendor: 'customerio', batchOption: 'maxEventsInBatch' })
