import type { FlagAnswer } from '@polytrack/core/adapter'
import {
  FlagNotFoundError,
  GeneralError,
  StandardResolutionReasons,
  TypeMismatchError,
  type FlagMetadata,
  type JsonValue,
  type ResolutionDetails,
} from '@openfeature/server-sdk'

/** The OpenFeature flag types. */
export type FlagType = 'boolean' | 'string' | 'number' | 'object'

/**
 * Turns a Polytrack flag answer into OpenFeature resolution details for the requested type.
 * - boolean: the flag's on/off state (a variant counts as on, with `variant` set);
 * - string: the variant key (a flag without variants is a type mismatch);
 * - number and object: the payload of the person's value (JSON number / object or array).
 * Throws OpenFeature's typed errors (FLAG_NOT_FOUND, TYPE_MISMATCH, GENERAL); the SDK then
 * answers the default value with reason ERROR.
 */
export function toResolution(key: string, type: FlagType, answer: FlagAnswer | undefined): ResolutionDetails<unknown> {
  if (answer === undefined || answer.reason?.kind === 'not-found') throw new FlagNotFoundError(`flag ${key} was not found`)
  if (answer.value === undefined) {
    const detail = answer.reason?.kind === 'inconclusive' ? `: ${answer.reason.detail}` : ''
    throw new GeneralError(`flag ${key} could not be decided${detail}`)
  }
  const variant = typeof answer.value === 'string' ? answer.value : undefined
  const base = { reason: reasonOf(answer), flagMetadata: metadataOf(answer), ...(variant ? { variant } : {}) }
  switch (type) {
    case 'boolean':
      return { ...base, value: answer.value !== false }
    case 'string':
      if (variant === undefined) throw new TypeMismatchError(`flag ${key} has no variants; resolve it as a boolean`)
      return { ...base, value: variant }
    case 'number':
      if (typeof answer.payload !== 'number') throw new TypeMismatchError(`flag ${key} has no numeric payload for this value`)
      return { ...base, value: answer.payload }
    default:
      if (typeof answer.payload !== 'object' || answer.payload === null) {
        throw new TypeMismatchError(`flag ${key} has no JSON object payload for this value`)
      }
      return { ...base, value: answer.payload as JsonValue }
  }
}

function reasonOf(answer: FlagAnswer): string {
  switch (answer.reason?.kind) {
    case 'condition-match':
      return answer.value === false ? StandardResolutionReasons.DEFAULT : StandardResolutionReasons.TARGETING_MATCH
    case 'disabled':
      return StandardResolutionReasons.DISABLED
    case 'holdout':
    case 'rollout-miss':
      return StandardResolutionReasons.SPLIT
    case 'no-condition-match':
    case 'group-missing':
      return StandardResolutionReasons.DEFAULT
    default:
      return answer.source === 'remote' ? StandardResolutionReasons.UNKNOWN : StandardResolutionReasons.DEFAULT
  }
}

function metadataOf(answer: FlagAnswer): FlagMetadata {
  const metadata: Record<string, string | number | boolean> = { source: answer.source }
  if (answer.reason?.kind === 'condition-match' || answer.reason?.kind === 'rollout-miss')
    metadata.conditionIndex = answer.reason.conditionIndex
  if (answer.metadata?.id !== undefined) metadata.flagId = answer.metadata.id
  if (answer.metadata?.version !== undefined) metadata.flagVersion = answer.metadata.version
  return metadata
}
