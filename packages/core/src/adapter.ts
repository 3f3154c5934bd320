/**
 * `@polytrack/core/adapter`: what an adapter author needs, and nothing else. An adapter is a pure
 * {@link Destination}: data (name, limits, defaults, secrets, routing kind) plus `encode` and
 * `buildRequest`; the core owns queues, batching, HTTP, retries and spools. See
 * docs/writing-an-adapter.md.
 *
 * @module
 */
export { SPECIFICATION_VERSION } from './destination.js'
export type {
  Destination,
  DestinationDefaults,
  DestinationKind,
  DestinationLimits,
  EncodeContext,
  HttpRequest,
  ItemVerdicts,
} from './destination.js'
export { isDestinationSet, membersOf, validateMembers, type DestinationMember, type DestinationSet } from './destination-set.js'
export type { Middleware } from './routing/middleware.js'
export { integrationOptions } from './routing/integration-options.js'
export {
  DEPRECATED_SETTING_NAMES,
  resolveSettings,
  SETTING_NAMES,
  type DeliverySettings,
  type PipelineSettings,
} from './delivery/settings.js'
export { basicAuthHeader, batchBody, messageJsonOf, withMember } from './wire-helpers.js'
export { endpointUrl, isLoopbackHost, regionalHost, requiredKey } from './config/endpoint-url.js'
export { assertKnownKeys, checkOptions, optionNames, type OptionKinds } from './config/known-keys.js'
export { readOptions } from './config/read-options.js'
export { ADAPTER_HINTS, optionHints, segmentFamilyHints, type OptionHints } from './config/option-hints.js'
export { optionalBoolean } from './config/option-values.js'
export { applyRenames, type Renames } from './config/renamed-options.js'
export { protectSecrets } from './config/protect-secrets.js'
export { redactSecrets, secretForms } from './config/secret-forms.js'
export { LIBRARY } from './library-info.js'
export { ConfigError, PolytrackError, ValidationError, type PolytrackErrorCode } from './errors.js'
export { createMessage, isFilledDefault, type MessageFactoryEnv } from './spec/create-message.js'
export { requireIdentity } from './spec/require-identity.js'
export { mergeContexts } from './spec/merge-context.js'
export { MESSAGE_TYPES } from './spec/message.js'
export type * from './spec/message.js'
export { segmentFamily, nodeMetadataJson, type SegmentFamilyConfig } from './segment-protocol/segment-family.js'
export { encodeSegmentItem, type SegmentItemShape } from './segment-protocol/segment-item.js'
export type { FlagAnswer, FlagQuery, FlagSource, FlagSourceHost, FlagValue } from './flag-client/flag-source.js'
export type { ExchangeOptions, ExchangeRequest, ExchangeResult } from './delivery/exchange.js'
export { toAnswer } from './flag-client/to-answer.js'
export { parseFlagPayload } from './flags/flag-payload.js'
export { evaluationLimitError } from './flag-client/evaluation-limit-error.js'
export { sha1Hex, sha256Hex } from './hashing/digest.js'
export { byteLength as utf8ByteLength } from './platform/utf8.js'
export { runtimeNodeVersion } from './platform/runtime-version.js'
