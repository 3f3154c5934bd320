import { parseFlagPayload, type FlagQuery, type FlagValue, type PolytrackErrorCode } from '@polytrack/core/adapter'
import { FlagRequestError, maskSecrets, serverExcerpt } from './flag-request-error.js'
import { flagHttp, FlagHttpFailureError, type FlagExchange } from './flag-http.js'
import { MAX_REMOTE_FLAGS_BYTES, type PostHogFlagSettings } from './flag-settings.js'
import { setOwn } from './own-record.js'

/** One flag as the server decided it. */
export interface RemoteFlag {
  value: FlagValue
  /** Payload of that value (JSON-parsed when it parses, else the raw string). */
  payload?: unknown
  id?: number
  version?: number
  /** The server's reason, `description ?? code` as posthog-node reports it. */
  reason?: string
  hasExperiment?: boolean
}

/** The result of one remote evaluation request. */
export type RemoteResult =
  | {
      ok: true
      flags: Record<string, RemoteFlag>
      requestId?: string
      evaluatedAt?: number
      /** `errors_while_computing_flags` and/or `quota_limited`, as posthog-node names them. */
      errors: string[]
    }
  /** `error` is posthog-node's `$feature_flag_error` value: `timeout`, `connection_error`, `api_error_<status>`, `unknown_error`. */
  | { ok: false; error: string }

/** The JSON body of `POST /flags/?v=2` for a query, as posthog-node builds it. */
export function remoteRequestBody(
  query: FlagQuery,
  settings: Pick<PostHogFlagSettings, 'apiKey' | 'disableGeoip'>,
  flagKeys?: readonly string[],
): Record<string, unknown> {
  const groups = query.groups ?? {}
  const groupProperties: Record<string, Record<string, unknown>> = {}
  for (const [type, key] of Object.entries(groups)) {
    groupProperties[type] = { $group_key: key, ...(query.groupProperties?.[type] ?? {}) }
  }
  const personProperties = query.personProperties ?? {}
  const body: Record<string, unknown> = {
    token: settings.apiKey,
    distinct_id: query.distinctId,
    groups,
    person_properties: personProperties,
    group_properties: groupProperties,
    geoip_disable: settings.disableGeoip,
  }
  if (flagKeys !== undefined) body.flag_keys_to_evaluate = [...flagKeys]
  // Lets the server bucket device-based flags; posthog-node sends it the same way.
  if (personProperties.$device_id) body.$device_id = personProperties.$device_id
  // posthog-node states its runtime so server-only flags are evaluated.
  body.evaluation_runtime = 'server'
  return body
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function finite(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined
}

/** Reads one v2 flag detail `{enabled, variant, reason, metadata: {id, version, payload}}`. */
function fromV2(detail: unknown): RemoteFlag | undefined {
  if (!isRecord(detail)) return undefined
  const variant = typeof detail.variant === 'string' ? detail.variant : undefined
  const value: FlagValue = variant ?? detail.enabled === true
  const flag: RemoteFlag = { value }
  const metadata = isRecord(detail.metadata) ? detail.metadata : {}
  const id = finite(metadata.id)
  const version = finite(metadata.version)
  if (id !== undefined) flag.id = id
  if (version !== undefined) flag.version = version
  if (typeof metadata.has_experiment === 'boolean') flag.hasExperiment = metadata.has_experiment
  // A payload is only returned for an enabled flag, as posthog-node reads it.
  if (value !== false && metadata.payload !== undefined && metadata.payload !== null && metadata.payload !== '') {
    flag.payload = parseFlagPayload(metadata.payload)
  }
  const reason = isRecord(detail.reason) ? (detail.reason.description ?? detail.reason.code) : undefined
  if (typeof reason === 'string') flag.reason = reason
  return flag
}

/**
 * Reads a `/flags` answer: the v2 shape `{flags: {key: detail}}` or the older v1 shape
 * `{featureFlags, featureFlagPayloads}`. Values are `variant ?? enabled` (v2) or the value as
 * given (v1); payloads are JSON-parsed when they parse. Returns undefined for anything else.
 */
export function parseRemoteFlags(json: unknown): Omit<Extract<RemoteResult, { ok: true }>, 'ok'> | undefined {
  if (!isRecord(json)) return undefined
  const flags: Record<string, RemoteFlag> = {}
  if (isRecord(json.flags)) {
    for (const [key, detail] of Object.entries(json.flags)) {
      const flag = fromV2(detail)
      if (flag) setOwn(flags, key, flag)
    }
  } else if (isRecord(json.featureFlags)) {
    const payloads = isRecord(json.featureFlagPayloads) ? json.featureFlagPayloads : {}
    for (const [key, value] of Object.entries(json.featureFlags)) {
      if (typeof value !== 'boolean' && typeof value !== 'string') continue
      const flag: RemoteFlag = { value }
      const payload = Object.hasOwn(payloads, key) ? payloads[key] : undefined
      if (value !== false && payload !== undefined && payload !== null) flag.payload = parseFlagPayload(payload)
      setOwn(flags, key, flag)
    }
  } else {
    return undefined
  }
  const errors: string[] = []
  if (json.errorsWhileComputingFlags === true) errors.push('errors_while_computing_flags')
  const quotaLimited = Array.isArray(json.quotaLimited) && json.quotaLimited.includes('feature_flags')
  if (quotaLimited) errors.push('quota_limited')
  const result: Omit<Extract<RemoteResult, { ok: true }>, 'ok'> = { flags: quotaLimited ? {} : flags, errors }
  if (typeof json.requestId === 'string') result.requestId = json.requestId
  const evaluatedAt = finite(json.evaluatedAt)
  if (evaluatedAt !== undefined) result.evaluatedAt = evaluatedAt
  return result
}

/**
 * Asks PostHog to evaluate flags: `POST {host}/flags/?v=2`. Retries once on a connection failure
 * or a 502/504, as posthog-node does. Never rejects: a failure is `{ok: false}` and an error
 * reported through `report` (not for an abort by `close()`).
 */
export async function fetchRemoteFlags(
  query: FlagQuery,
  flagKeys: readonly string[] | undefined,
  settings: PostHogFlagSettings,
  signal: AbortSignal,
  report: (error: FlagRequestError) => void,
  exchange: FlagExchange,
): Promise<RemoteResult> {
  const where = `POST ${settings.host}/flags/?v=2`
  const secrets = [settings.apiKey, settings.personalApiKey]
  const body = JSON.stringify(remoteRequestBody(query, settings, flagKeys))
  // No `cause` is ever attached: fetch errors describe the request and a SyntaxError quotes the body.
  const fail = (code: PolytrackErrorCode, error: string, message: string, status?: number): RemoteResult => {
    report(new FlagRequestError(code, message, { endpoint: 'remote', ...(status === undefined ? {} : { status }) }))
    return { ok: false, error }
  }
  for (let attempt = 0; ; attempt++) {
    let response
    try {
      response = await flagHttp(exchange, {
        method: 'POST',
        url: `${settings.host}/flags/?v=2`,
        headers: { 'content-type': 'application/json', 'user-agent': settings.userAgent },
        body,
        timeout: settings.remoteTimeout,
        signal,
        maxBytes: MAX_REMOTE_FLAGS_BYTES,
      })
    } catch (error) {
      const kind = error instanceof FlagHttpFailureError ? error.kind : 'connection_error'
      if (kind === 'aborted') return { ok: false, error: 'connection_error' }
      if (kind === 'connection_error' && attempt === 0 && !signal.aborted) continue
      const detail = maskSecrets(error instanceof Error ? error.message : String(error), secrets)
      return fail(
        'flags_remote_failed',
        kind === 'timeout' ? 'timeout' : kind === 'too_large' ? 'unknown_error' : 'connection_error',
        `${where} failed (${detail}); flag values are undefined`,
      )
    }
    const { status, text } = response
    if ((status === 502 || status === 504) && attempt === 0) continue
    if (status < 200 || status >= 300) {
      const excerpt = text === '' ? '' : `: ${serverExcerpt(text, secrets)}`
      return fail('flags_remote_failed', `api_error_${status}`, `${where} answered ${status}; flag values are undefined${excerpt}`, status)
    }
    let json: unknown
    try {
      json = JSON.parse(text)
    } catch {
      return fail('flags_remote_failed', 'unknown_error', `${where} answered ${status} with a body that is not JSON`, status)
    }
    const parsed = parseRemoteFlags(json)
    if (!parsed)
      return fail('flags_remote_failed', 'unknown_error', `${where} answered ${status} without "flags" or "featureFlags"`, status)
    if (parsed.errors.includes('quota_limited')) {
      report(
        new FlagRequestError('flags_quota_limited', `${where}: feature-flag quota exceeded; flag values are undefined`, {
          endpoint: 'remote',
          status,
        }),
      )
    } else if (parsed.errors.includes('errors_while_computing_flags')) {
      report(
        new FlagRequestError('flags_remote_errors', `${where}: the server had errors while computing flags; some may be missing`, {
          endpoint: 'remote',
          status,
        }),
      )
    }
    return { ok: true, ...parsed }
  }
}
