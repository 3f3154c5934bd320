/**
 * The `options` argument of the flag calls, read once. Callers pass whatever they have: `null`
 * (no options, as posthog-node reads it), a Proxy, an object whose getters throw. Each field is
 * read exactly once, here, so that nothing later (a source, the evaluator, an event) touches the
 * caller's object again, and a field that cannot be read is named in a `flags_invalid` error
 * instead of escaping as a rejection.
 */
import type { FlagQuery } from './flag-source.js'

/** The fields of {@link FlagQuery} that come from the call's options. */
export type OptionFields = Pick<FlagQuery, 'personProperties' | 'groups' | 'groupProperties' | 'onlyEvaluateLocally'>

/** The options as read, or the problem to report (naming the field). */
export type ReadOptions = { ok: true; fields: OptionFields } | { ok: false; problem: string }

const FIELDS = ['personProperties', 'groups', 'groupProperties', 'onlyEvaluateLocally'] as const

function thrownName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error
}

/** Reads the four option fields once each; `null` and `undefined` are no options. */
export function readFlagCallOptions(options: unknown): ReadOptions {
  if (options === undefined || options === null) return { ok: true, fields: {} }
  if (typeof options !== 'object') return { ok: false, problem: `options must be an object, got ${typeof options}` }
  const fields: Record<string, unknown> = {}
  for (const name of FIELDS) {
    let value: unknown
    try {
      value = (options as Record<string, unknown>)[name]
    } catch (error) {
      return { ok: false, problem: `options.${name} could not be read (its getter threw ${thrownName(error)})` }
    }
    // Absent and falsy options are left out, as before (`null` groups are no groups).
    if (name === 'onlyEvaluateLocally' ? value !== undefined : Boolean(value)) fields[name] = value
  }
  return { ok: true, fields: fields as OptionFields }
}
