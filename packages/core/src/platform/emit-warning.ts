/**
 * Writes a warning the way the runtime does: `process.emitWarning` where there is a `process`
 * (Node, Bun, Deno, workerd with `nodejs_compat`), else `console.warn` with the code in front.
 * Never throws.
 */
export function emitWarning(message: string, code: string): void {
  const process = (globalThis as { process?: { emitWarning?: (message: string, options: { code: string }) => void } }).process
  try {
    if (typeof process?.emitWarning === 'function') {
      process.emitWarning(message, { code })
      return
    }
    console.warn(`(${code}) Warning: ${message}`)
  } catch {
    // A warning must never break the caller.
  }
}
