import { describeAdapterConformance, segmentProtocol } from '@polytrack/adapter-conformance'
import * as adapter from './index.js'

describeAdapterConformance({ module: adapter, ...segmentProtocol({ parity: { envelopeMasks: ['sentAt'] } }) })
