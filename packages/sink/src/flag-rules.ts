/**
 * Remote `/flags` requests: body validation and the sink's built-in answer. Pure.
 */
import type { FlagDefinition, FlagDefinitionsPayload, RemoteFlagResult, RemoteFlagsRequest, RemoteFlagsResponse } from './flag-types.js'
import { isId, isRecord } from './protocol-helpers.js'

/** Result of {@link parseRemoteFlagsBody}. */
export type RemoteFlagsParse = { ok: true; request: RemoteFlagsRequest } | { ok: false; status: number; code: string; detail: string }

function optionalRecord(body: Record<string, unknown>, name: string): string | undefined {
  const value = body[name]
  return value === undefined || value === null || isRecord(value) ? undefined : `${name} must be an object`
}

/**
 * Validates a `/flags` body. Like PostHog: no project key (`token`, or `api_key`) → 401
 * `authentication_error`; a missing `distinct_id` → 400.
 */
export function parseRemoteFlagsBody(body: unknown): RemoteFlagsParse {
  if (!isRecord(body)) return { ok: false, status: 400, code: 'invalid_payload', detail: 'body must be a JSON object' }
  const token = typeof body.token === 'string' && body.token !== '' ? body.token : body.api_key
  if (typeof token !== 'string' || token === '') {
    const detail = 'API key not valid. You can find your project API key in PostHog project settings.'
    return { ok: false, status: 401, code: 'invalid_api_key', detail }
  }
  if (!isId(body.distinct_id)) {
    return { ok: false, status: 400, code: 'invalid_payload', detail: 'distinct_id must be a non-empty string or a number' }
  }
  const problem = ['groups', 'person_properties', 'group_properties'].map((name) => optionalRecord(body, name)).find(Boolean)
  if (problem !== undefined) return { ok: false, status: 400, code: 'invalid_payload', detail: problem }
  const keys = body.flag_keys_to_evaluate
  if (keys !== undefined && keys !== null && (!Array.isArray(keys) || !keys.every((key) => typeof key === 'string'))) {
    return { ok: false, status: 400, code: 'invalid_payload', detail: 'flag_keys_to_evaluate must be an array of strings' }
  }
  const request: RemoteFlagsRequest = { token, distinct_id: String(body.distinct_id), body }
  if (isRecord(body.groups)) request.groups = body.groups as Record<string, string | number>
  if (isRecord(body.person_properties)) request.person_properties = body.person_properties
  if (isRecord(body.group_properties)) request.group_properties = body.group_properties as Record<string, Record<string, unknown>>
  if (typeof body.geoip_disable === 'boolean') request.geoip_disable = body.geoip_disable
  if (Array.isArray(keys)) request.flag_keys_to_evaluate = keys as string[]
  return { ok: true, request }
}

function payloadText(flag: FlagDefinition, value: string): string | null {
  const payload = flag.filters?.payloads?.[value]
  if (payload === undefined || payload === null) return null
  return typeof payload === 'string' ? payload : JSON.stringify(payload)
}

/** The variant the built-in rule enables, `null` for a boolean flag, or `false` when it does not apply. */
function builtInMatch(flag: FlagDefinition): string | null | false {
  if (flag.active !== true) return false
  const groups = flag.filters?.groups
  if (!Array.isArray(groups) || groups.length !== 1) return false
  const [group] = groups
  if (group === undefined || (group.rollout_percentage ?? 100) !== 100) return false
  if (Array.isArray(group.properties) && group.properties.length > 0) return false
  if ((flag.filters?.aggregation_group_type_index ?? group.aggregation_group_type_index ?? null) !== null) return false
  const variants = flag.filters?.multivariate?.variants ?? []
  if (variants.length === 0) return null
  const override = group.variant
  return typeof override === 'string' && variants.some((variant) => variant.key === override) ? override : false
}

/** The built-in answer for one flag. */
export function builtInFlagResult(flag: FlagDefinition): RemoteFlagResult {
  const match = builtInMatch(flag)
  const metadata = { id: flag.id ?? 0, version: flag.version ?? 1, payload: null as string | null }
  if (match === false) {
    const reason =
      flag.active === true
        ? { code: 'no_condition_match', description: 'No matching condition set (sink built-in rule)', condition_index: null }
        : { code: 'disabled', description: 'Feature flag is disabled', condition_index: null }
    return { key: flag.key, enabled: false, variant: null, reason, metadata }
  }
  metadata.payload = payloadText(flag, match ?? 'true')
  const reason = { code: 'condition_match', description: 'Matched condition set 1', condition_index: 0 }
  return { key: flag.key, enabled: true, variant: match, reason, metadata }
}

/**
 * The sink's answer when no `evaluate` callback is configured: every non-deleted flag of the
 * definitions (restricted to `flag_keys_to_evaluate` when given) through {@link builtInFlagResult}.
 */
export function builtInFlagsResponse(
  definitions: FlagDefinitionsPayload,
  request: RemoteFlagsRequest,
  requestId: string,
): RemoteFlagsResponse {
  const wanted = request.flag_keys_to_evaluate === undefined ? undefined : new Set(request.flag_keys_to_evaluate)
  const flags: Record<string, RemoteFlagResult> = {}
  for (const flag of definitions.flags) {
    if (flag.deleted === true || (wanted !== undefined && !wanted.has(flag.key))) continue
    flags[flag.key] = builtInFlagResult(flag)
  }
  return { flags, errorsWhileComputingFlags: false, requestId }
}
