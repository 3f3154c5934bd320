// Calls that must throw a given error class (ConfigError, mostly), returning the error so that the
// test can look at what it says.
import { expect } from 'vitest'

/**
 * Calls `make` and returns what it threw, after asserting that it is an instance of `type`; fails
 * the test when `make` throws something else, and throws when it returns without throwing. The
 * class is passed in because a test may load it from a package's source or from its build, and
 * `instanceof` holds only for the copy the code under test threw.
 */
export function expectThrown<E>(type: abstract new (...args: never[]) => E, make: () => unknown): E {
  try {
    make()
  } catch (error) {
    expect(error).toBeInstanceOf(type)
    return error as E
  }
  throw new Error(`expected a ${type.name}, nothing was thrown`)
}

/** What `make` threw, or `undefined` when it returned: for tests that look at either outcome. */
export function thrownBy(make: () => unknown): unknown {
  try {
    make()
    return undefined
  } catch (error) {
    return error
  }
}
