/**
 * `@polytrack/sink`: a local HTTP server that speaks the analytics vendors' ingestion APIs,
 * records what it receives and injects faults on demand.
 *
 * @packageDocumentation
 */
export { startSink, DEFAULT_MAX_RECORDED, DEFAULT_MAX_REQUESTS, KEEP_ALIVE_TIMEOUT_MS } from './start-sink.js'
export { VENDOR_NAMES, VENDORS, type VendorSpec, type Protocol, type CannedResponse } from './vendors.js'
export { segmentTypeOfEvent } from './posthog-protocol.js'
export type {
  DelayFault,
  DropFault,
  FaultStep,
  MessageFilter,
  PassFault,
  RecordedMessage,
  RecordedRequest,
  RequestFilter,
  Sink,
  SinkOptions,
  SinkStats,
  StatusFault,
  VendorLimits,
  VendorName,
  VendorStats,
} from './types.js'
