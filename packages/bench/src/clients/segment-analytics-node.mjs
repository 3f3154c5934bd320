/** @segment/analytics-node 3.1: `host` = the sink, `path` = its Segment route, flushAt 100. */
import { runSegmentFamilySdk } from '../lib/segment-family-sdk.mjs'

await runSegmentFamilySdk('@segment/analytics-node', { vendor: 'segment', batchOption: 'flushAt' })
