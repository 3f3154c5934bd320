// Hostile options objects, as an adversarial review used them on every factory: a polluted Object.prototype, symbol keys, getters that
// throw or change, and Proxies whose traps throw.

/**
 * Runs `body` with `Object.prototype[name]` defined as a getter returning `value` (prototype
 * pollution elsewhere in the host application), and returns how many times it was read. The
 * prototype is restored whatever happens.
 */
export function withPolluted<T>(name: string, value: unknown, body: () => T): { result: T; reads: number } {
  let reads = 0
  Object.defineProperty(Object.prototype, name, {
    configurable: true,
    enumerable: false,
    get: () => {
      reads++
      return value
    },
  })
  try {
    return { result: body(), reads }
  } finally {
    delete (Object.prototype as Record<string, unknown>)[name]
  }
}

/** `options` with an own, enumerable getter for `key` that throws. */
export function withThrowingGetter<T extends object>(options: T, key: string): T {
  return Object.defineProperty({ ...options }, key, {
    enumerable: true,
    configurable: true,
    get: () => {
      throw new Error('getter threw')
    },
  })
}

/** `options` with an own, enumerable getter for `key` that returns `values` in turn (the last one from then on), and its read count. */
export function withChangingGetter<T extends object>(
  options: T,
  key: string,
  values: readonly unknown[],
): { options: T; reads: () => number } {
  let reads = 0
  const copy = Object.defineProperty({ ...options }, key, {
    enumerable: true,
    configurable: true,
    get: () => values[Math.min(reads++, values.length - 1)],
  })
  return { options: copy, reads: () => reads }
}

/** A Proxy every trap of which throws. */
export function throwingProxy(): object {
  const trap = () => {
    throw new Error('trap threw')
  }
  return new Proxy(
    {},
    { get: trap, has: trap, ownKeys: trap, getOwnPropertyDescriptor: trap, getPrototypeOf: trap, defineProperty: trap, set: trap },
  )
}

/** A Proxy over `target` that lists `target`'s keys but whose `get` trap throws. */
export function throwingGetProxy(target: object): object {
  return new Proxy(target, {
    get: () => {
      throw new Error('get trap threw')
    },
  })
}
