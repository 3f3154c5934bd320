import type { JsonObject } from './json-types.js'
import { ValidationError } from '../errors.js'
import { isPlainObject } from '../validation/check-json-value.js'
import {
  describe,
  readId,
  readIntegrations,
  readObject,
  readOptionalString,
  readRequiredString,
  readTimestamp,
} from '../validation/field-checks.js'
import type { ParamsByType } from './call-params.js'
import type { Context, LibraryInfo, Message, MessageType } from './message.js'
import { mergeContexts } from './merge-context.js'
import { newMessageId } from './message-id.js'
import { SizeBudget } from '../validation/size-budget.js'

/** Clock and id generator used while normalizing; replaceable in tests. */
export interface MessageFactoryEnv {
  library: LibraryInfo
  /** Clock for the call time (ISO-8601); default `new Date().toISOString()`. */
  now?: () => string
  /** Generator of `messageId`s; default a UUID v7 (time-ordered, 74 random bits). */
  newMessageId?: () => string
  /**
   * The client's default context (already validated): deep-merged under each call's `context`, the
   * call's values winning; `library` is always the client's.
   */
  context?: JsonObject
  /**
   * The largest encoded message any destination accepts (UTF-8 bytes), default 32 MiB. An array
   * that could not fit is refused by its path before its slots are walked
   * (`new Array(2 ** 32 - 1)` holds no memory but has billions of them).
   */
  maxMessageBytes?: number
}

/** {@link MessageFactoryEnv.maxMessageBytes} when not given: above every vendor's limit. */
export const DEFAULT_MAX_MESSAGE_BYTES = 32 * 1024 * 1024

let lastMs = Number.NaN
let lastIso = ''
/** The call time as ISO-8601; formatted once per millisecond (the format's resolution). */
const defaultNow = (): string => {
  const ms = Date.now()
  if (ms !== lastMs) {
    lastMs = ms
    lastIso = new Date(ms).toISOString()
  }
  return lastIso
}

/** Shared, frozen defaults: a message never owns (or mutates) an empty map or its library object. */
const EMPTY: JsonObject = Object.freeze({}) as JsonObject

/**
 * Whether `value` is the empty `properties`, `traits` or `integrations` the core filled in because
 * the call gave none (rather than an empty object the caller gave): for a vendor whose SDK sends
 * what the caller gave and leaves out what it did not (RudderStack). A message a middleware
 * rebuilt counts as given. Pure.
 */
export function isFilledDefault(value: unknown): boolean {
  return value === EMPTY
}
const sharedContexts = new WeakMap<LibraryInfo, { library: Context['library']; context: Context }>()
const sharedDefaultContexts = new WeakMap<JsonObject, { library: Context['library']; context: Context }>()

/** The frozen `context.library`, and the context of a call that gives none (with the client's default context, when there is one). */
function libraryContext(library: LibraryInfo, defaults: JsonObject | undefined): { library: Context['library']; context: Context } {
  let shared = sharedContexts.get(library)
  if (shared === undefined) {
    const frozen = Object.freeze({ name: library.name, version: library.version })
    shared = { library: frozen, context: Object.freeze({ library: frozen }) as Context }
    sharedContexts.set(library, shared)
  }
  if (defaults === undefined) return shared
  let withDefaults = sharedDefaultContexts.get(defaults)
  if (withDefaults === undefined || withDefaults.library !== shared.library) {
    withDefaults = { library: shared.library, context: Object.freeze({ library: shared.library, ...defaults }) as Context }
    sharedDefaultContexts.set(defaults, withDefaults)
  }
  return withDefaults
}

/**
 * Validates one call's parameters and builds the normalized message, once per call:
 * `messageId` (a UUID v7 unless given), `timestamp` (call time unless given),
 * `context.library` (the caller's `context` is merged over it) and `integrations` (`{}`).
 * Throws a {@link ValidationError} naming the first offending field. Pure apart from the clock
 * and id generator in `env`.
 */
export function createMessage<T extends MessageType>(
  type: T,
  params: ParamsByType[T],
  env: MessageFactoryEnv,
): Extract<Message, { type: T }> {
  return createCallMessage(type, params, env).message
}

/**
 * {@link createMessage}, also saying whether the caller gave `timestamp` (a backfill): what the
 * client needs of the call's parameters besides the message, so it never reads them again.
 */
export function createCallMessage<T extends MessageType>(
  type: T,
  params: ParamsByType[T],
  env: MessageFactoryEnv,
): { message: Extract<Message, { type: T }>; timestampGiven: boolean } {
  try {
    return buildMessage(type, params, env)
  } catch (error) {
    if (error instanceof ValidationError) throw error
    // A getter or Proxy trap on the parameters that throws: still only ever a ValidationError.
    throw new ValidationError('message', `could not be read (${error instanceof Error ? error.name : typeof error})`)
  }
}

function buildMessage<T extends MessageType>(
  type: T,
  params: ParamsByType[T],
  env: MessageFactoryEnv,
): { message: Extract<Message, { type: T }>; timestampGiven: boolean } {
  if (!isPlainObject(params)) throw new ValidationError('message', `must be a plain object, got ${describe(params)}`)
  const p = params as Record<string, unknown>
  const userId = readId(p.userId, 'userId', type === 'alias')
  const anonymousId = readId(p.anonymousId, 'anonymousId', false)
  // A group call alone may have no user: a group profile update (adapters that need an id refuse it).
  if (userId === undefined && anonymousId === undefined && type !== 'group') {
    throw new ValidationError('userId', 'or anonymousId is required')
  }
  const budget = new SizeBudget(env.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES)
  const integrations = p.integrations
  const timestamp = p.timestamp
  const message: Record<string, unknown> = {
    type,
    messageId: readMessageId(p.messageId, env),
    timestamp: readTimestamp(timestamp, env.now ?? defaultNow),
    context: buildContext(p.context, env, budget),
    integrations: integrations == null ? EMPTY : readIntegrations(integrations, budget),
  }
  if (userId !== undefined) message.userId = userId
  if (anonymousId !== undefined) message.anonymousId = anonymousId
  addTypeFields(message, type, p, budget)
  return { message: message as unknown as Extract<Message, { type: T }>, timestampGiven: timestamp != null }
}

function addTypeFields(message: Record<string, unknown>, type: MessageType, p: Record<string, unknown>, budget: SizeBudget): void {
  switch (type) {
    case 'track':
      message.event = readRequiredString(p.event, 'event')
      message.properties = readObject<JsonObject>(p.properties, 'properties', budget) ?? EMPTY
      return
    case 'identify':
      message.traits = readObject<JsonObject>(p.traits, 'traits', budget) ?? EMPTY
      return
    case 'page':
    case 'screen': {
      const name = readOptionalString(p.name, 'name')
      const category = readOptionalString(p.category, 'category')
      message.properties = readObject<JsonObject>(p.properties, 'properties', budget) ?? EMPTY
      if (name !== undefined) message.name = name
      if (category !== undefined) message.category = category
      return
    }
    case 'group':
      message.groupId = readId(p.groupId, 'groupId', true)
      message.traits = readObject<JsonObject>(p.traits, 'traits', budget) ?? EMPTY
      return
    case 'alias': {
      message.previousId = readId(p.previousId, 'previousId', true)
      const traits = readObject<JsonObject>(p.traits, 'traits', budget)
      if (traits !== undefined) message.traits = traits
      return
    }
    default:
      throw new ValidationError('type', `must be one of identify, track, page, screen, group, alias`)
  }
}

function readMessageId(value: unknown, env: MessageFactoryEnv): string {
  if (value === undefined || value === null) return env.newMessageId ? env.newMessageId() : newMessageId()
  if (typeof value !== 'string' || value === '') {
    throw new ValidationError('messageId', `must be a non-empty string, got ${describe(value)}`)
  }
  return value
}

function buildContext(value: unknown, env: MessageFactoryEnv, budget: SizeBudget): Context {
  const context = readObject<JsonObject>(value, 'context', budget)
  const shared = libraryContext(env.library, env.context)
  if (context === undefined) return shared.context
  const merged = env.context === undefined ? context : mergeContexts(env.context, context)
  return { library: shared.library, ...merged } as Context
}
