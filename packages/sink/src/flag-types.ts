/**
 * Public types of the PostHog feature-flag endpoints the sink serves. No runtime code.
 *
 * @packageDocumentation
 */

/** One condition group of a flag (`filters.groups[i]`), as PostHog serves it. */
export interface FlagConditionGroup {
  properties?: unknown[] | null
  /** Percentage 0–100; absent or `null` means 100. */
  rollout_percentage?: number | null
  /** Variant override of a multivariate flag. */
  variant?: string | null
  aggregation_group_type_index?: number | null
  [key: string]: unknown
}

/** One flag definition as served by `/flags/definitions` (only the fields the sink reads are typed). */
export interface FlagDefinition {
  id?: number
  key: string
  active?: boolean
  deleted?: boolean
  version?: number
  ensure_experience_continuity?: boolean
  filters?: {
    groups?: FlagConditionGroup[]
    multivariate?: { variants?: Array<{ key: string; rollout_percentage?: number; [key: string]: unknown }> } | null
    /** Payload per value (`"true"` or a variant key); PostHog stores JSON text. */
    payloads?: Record<string, unknown>
    aggregation_group_type_index?: number | null
    [key: string]: unknown
  }
  [key: string]: unknown
}

/** The body of `GET /flags/definitions` (local evaluation), served as given. */
export interface FlagDefinitionsPayload {
  flags: FlagDefinition[]
  /** Group type index → group type name, e.g. `{"0": "company"}`. */
  group_type_mapping?: Record<string, string>
  /** Cohort id → property group. */
  cohorts?: Record<string, unknown>
  [key: string]: unknown
}

/** The parsed JSON body of a remote `POST /flags/?v=2` request. */
export interface RemoteFlagsRequest {
  /** Project key: `token`, or `api_key` when `token` is absent. */
  token: string
  distinct_id: string
  groups?: Record<string, string | number>
  person_properties?: Record<string, unknown>
  group_properties?: Record<string, Record<string, unknown>>
  geoip_disable?: boolean
  flag_keys_to_evaluate?: string[]
  /** The whole body as received (keys not masked). */
  body: Record<string, unknown>
}

/** One flag in a v2 `/flags` answer. */
export interface RemoteFlagResult {
  key: string
  enabled: boolean
  variant?: string | null
  reason?: { code: string; description?: string; condition_index?: number | null }
  metadata?: { id?: number; version?: number; payload?: string | null; description?: string | null }
}

/** The v2 `/flags` answer. */
export interface RemoteFlagsResponse {
  flags: Record<string, RemoteFlagResult>
  errorsWhileComputingFlags: boolean
  requestId?: string
  quotaLimited?: string[]
  [key: string]: unknown
}

/** {@link SinkOptions.flags}: what the flag endpoints serve. */
export interface FlagOptions {
  /** Served by `/flags/definitions`. Default `{flags: [], group_type_mapping: {}, cohorts: {}}`. */
  definitions?: FlagDefinitionsPayload
  /**
   * Accepted `Authorization: Bearer` keys of the definitions endpoint. When absent, any
   * non-empty bearer key is accepted.
   */
  personalApiKeys?: string[]
  /**
   * Answers remote `/flags` requests. When absent, the built-in rule answers: a flag is enabled
   * when it is active, not deleted, has exactly one condition group with a 100 % rollout, no
   * properties and no group aggregation (a multivariate flag also needs that group's valid
   * `variant` override); every other known flag is `{enabled: false}`.
   */
  evaluate?: (request: RemoteFlagsRequest) => RemoteFlagsResponse | Promise<RemoteFlagsResponse>
}
