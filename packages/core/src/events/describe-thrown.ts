/**
 * `String(thrown)` for messages about something user code threw, or a fallback when the value
 * cannot be turned into a string (`Object.create(null)`, a throwing `toString`): describing an error
 * must never throw itself.
 */
export function describeThrown(thrown: unknown): string {
  try {
    return String(thrown)
  } catch {
    return 'a value that cannot be printed'
  }
}
