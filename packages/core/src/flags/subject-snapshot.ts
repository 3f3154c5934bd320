/**
 * The subject of an evaluation, read once. Callers pass whatever they have: `null`, a Proxy, an
 * object whose getters throw. Reading its four fields once, here, means the evaluator never
 * touches the caller's object again and a hostile subject is an answer, never a throw.
 */
import type { FlagSubject } from './evaluation-types.js'

/** The subject's fields as read once, or why they could not be read. */
export type SubjectSnapshot = { ok: true; subject: FlagSubject } | { ok: false; problem: string }

/** Reads `subject.distinctId`, `personProperties`, `groups` and `groupProperties` once each. */
export function snapshotSubject(subject: unknown): SubjectSnapshot {
  if (subject === null || typeof subject !== 'object') {
    return { ok: false, problem: `the subject must be an object, got ${subject === null ? 'null' : typeof subject}` }
  }
  try {
    const fields = subject as Partial<FlagSubject>
    const snapshot = { distinctId: fields.distinctId } as FlagSubject
    const personProperties = fields.personProperties
    const groups = fields.groups
    const groupProperties = fields.groupProperties
    if (personProperties !== undefined) snapshot.personProperties = personProperties
    if (groups !== undefined) snapshot.groups = groups
    if (groupProperties !== undefined) snapshot.groupProperties = groupProperties
    return { ok: true, subject: snapshot }
  } catch (error) {
    const name = error instanceof Error ? error.name : typeof error
    return { ok: false, problem: `the subject could not be read (a getter threw ${name})` }
  }
}
