/**
 * `@polytrack/sink`: a local HTTP server that speaks the analytics vendors' ingestion APIs,
 * records what it receives and injects faults on demand.
 *
 * @packageDocumentation
 */
export { startSink, DEFAULT_MAX_RECORDED, DEFAULT_MAX_REQUESTS, KEEP_ALIVE_TIMEOUT_MS } from './start-sink.js'
export { VENDOR_NAMES, VENDORS, type VendorSpec, type Protocol } from './vendors.js'
export type { CannedResponse } from './vendor-declaration.js'
export { segmentTypeOfEvent } from './posthog-protocol.js'
export { segmentTypeOfAmplitudeEvent, AMPLITUDE_MAX_EVENTS, AMPLITUDE_MIN_ID_LENGTH } from './amplitude-protocol.js'
export { MIXPANEL_ENDPOINTS, MIXPANEL_MAX_RECORDS, MIXPANEL_PLACEHOLDER_IDS, type MixpanelEndpoint } from './mixpanel-protocol.js'
export { EMPTY_FLAG_DEFINITIONS } from './flag-store.js'
export { builtInFlagResult } from './flag-rules.js'
export { maskSecrets, SECRET_KEYS } from './secret-mask.js'
export { specView } from './spec-view.js'
export { startConnectProxy, type ConnectProxy, type ConnectProxyOptions, type ProxyTunnel } from './connect-proxy.js'
export type { LiveMessage, LiveRequest } from './event-stream.js'
export type {
  FlagConditionGroup,
  FlagDefinition,
  FlagDefinitionsPayload,
  FlagOptions,
  RemoteFlagResult,
  RemoteFlagsRequest,
  RemoteFlagsResponse,
} from './flag-types.js'
export type {
  DelayFault,
  DropFault,
  FaultStep,
  FaultTarget,
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
