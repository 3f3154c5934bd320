/**
 * `util.inspect.custom` without importing `node:util`: Node defines it as this registered symbol,
 * and Bun and Deno honour the same one, so `console.log` shows what the method returns.
 */
export const INSPECT_CUSTOM: unique symbol = Symbol.for('nodejs.util.inspect.custom') as never
