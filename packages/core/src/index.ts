/**
 * `@polytrack/core`: the application API — the client, its options, events, errors, the Segment
 * spec's types, flags and spools. Adapter authors import from `@polytrack/core/adapter`.
 *
 * @module
 */
export { Analytics } from './analytics.js'
export { FlagCalls } from './client/flag-calls.js'
export type { AnalyticsOptions, CloseOptions } from './analytics-options.js'
export { DEFAULT_CLOSE_TIMEOUT } from './analytics-options.js'
export type {
  Destination,
  EncodeContext,
  DestinationDefaults,
  DestinationKind,
  DestinationLimits,
  HttpRequest,
  ItemVerdicts,
} from './destination.js'
export type { DestinationMember, DestinationSet } from './destination-set.js'
export {
  ERROR_CODES,
  isPolytrackError,
  PolytrackError,
  ValidationError,
  ConfigError,
  DeliveryError,
  type PolytrackErrorCode,
} from './errors.js'
export type {
  AnalyticsEvents,
  DeliveredEvent,
  DroppedEvent,
  ErrorEvent,
  PausedEvent,
  RequestEvent,
  ResumedEvent,
  RetryEvent,
} from './events/event-types.js'
export type { TypedEmitter, Listener } from './events/typed-emitter.js'
export {
  DEFAULT_SETTINGS,
  MAX_RETRY_AFTER_MS,
  type DeliverySettings,
  type DeprecatedSettingNames,
  type PipelineSettings,
} from './delivery/settings.js'
export type { DeliveryCounts, DeliveryReport } from './delivery/delivery-report.js'
export type { Transport, HttpTransportOptions } from './delivery/http-transport.js'
export { createFetchTransport, type FetchTransportOptions } from './delivery/fetch-transport.js'
export { createHttpTransport, createFileSpool, RUNTIME, type RuntimeInfo, type RuntimeName } from './platform/runtime-exports.js'
export type { ProxyOption } from './delivery/proxy-setting.js'
export { DEFAULT_LOG_LEVEL, LOG_LEVELS, type Logger, type LogFields, type LogLevel } from './client/logger-option.js'
export type { ExchangeOptions, ExchangeRequest, ExchangeResult } from './delivery/exchange.js'
export type { SendResult } from './delivery/send-result.js'
export { MESSAGE_TYPES } from './spec/message.js'
export type { KnownIntegrationName } from './spec/integration-names.js'
export type {
  AliasMessage,
  Context,
  GroupMessage,
  IdentifyMessage,
  Integrations,
  JsonArray,
  JsonObject,
  JsonPrimitive,
  JsonValue,
  LibraryInfo,
  Message,
  MessageType,
  PageMessage,
  ScreenMessage,
  TrackMessage,
} from './spec/message.js'
export type {
  AliasParams,
  CommonParams,
  GroupParams,
  IdentifyParams,
  InputObject,
  InputValue,
  PageParams,
  ParamsByType,
  ScreenParams,
  TrackParams,
} from './spec/call-params.js'
export type { Middleware } from './routing/middleware.js'
export type { FlagAnswer, FlagSource, FlagValue } from './flag-client/flag-source.js'
export { localFlags, type LocalFlagsOptions } from './flag-client/local-flags.js'
export type { FlagCallOptions, FlagsAndPayloads } from './flag-client/flag-client.js'
export type { LaneListener, LaneSpool, RecoveredMessage, Spool, SpoolReceipt, SpooledMessage } from './spool/spool-types.js'
export type { SpoolOption } from './spool/resolve-spool.js'
export type { FileSpool } from './spool/file-spool.js'
export type { FileSpoolOptions, FileLaneStats, FsyncPolicy } from './spool/file-spool-options.js'
