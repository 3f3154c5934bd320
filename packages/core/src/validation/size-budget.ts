import { ValidationError } from '../errors.js'

/**
 * What is left of the largest message any destination of the client accepts, in bytes, while
 * one call is validated. Arrays spend at least 2 bytes per slot (a value and a comma; an empty
 * slot is `null`) before they are walked, so an array that cannot fit (`new Array(2 ** 32 - 1)`
 * holds no memory but has billions of slots) is refused by its path at once instead of walked.
 * The message would be refused for its size anyway: this only refuses it sooner, and by name.
 */
export class SizeBudget {
  /** Bytes not yet spent. */
  remaining: number

  /** @param limit - The largest encoded message accepted (UTF-8 bytes); `Infinity` for no bound. */
  constructor(readonly limit: number) {
    this.remaining = limit
  }

  /** Spends the least an array of `length` slots takes; throws a `ValidationError` at `path` when it cannot fit. */
  spendArray(length: number, path: string): void {
    this.remaining -= 2 * length
    if (this.remaining < 0) {
      throw new ValidationError(path, `has ${length} items: the message cannot fit in ${this.limit} bytes`)
    }
  }

  /** {@link spendArray} without the error: `false` when the array cannot fit. */
  trySpendArray(length: number): boolean {
    this.remaining -= 2 * length
    return this.remaining >= 0
  }
}

/** No size bound (callers of `createMessage` that do not say). */
export function unbounded(): SizeBudget {
  return new SizeBudget(Infinity)
}
