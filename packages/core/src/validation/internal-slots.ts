/**
 * What kind of built-in object a value is, found by its internal slot (as `util.types` does, so a
 * look-alike with a forged prototype or `Symbol.toStringTag` is not mistaken for one, and a Proxy is
 * never one), without `node:util`: calling a built-in's own method checks the slot and throws a
 * `TypeError` on anything else. No Proxy trap or getter runs. Pure.
 */

// Taken when this module loads: a later change to the prototypes does not change the checks.
const getTime = Date.prototype.getTime
const numberValue = Number.prototype.valueOf
const stringValue = String.prototype.valueOf
const booleanValue = Boolean.prototype.valueOf
const bigintValue = BigInt.prototype.valueOf
const symbolValue = Symbol.prototype.valueOf

function hasSlot(method: (this: unknown) => unknown, value: unknown): boolean {
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return false // a primitive is no object
  try {
    method.call(value)
    return true
  } catch {
    return false
  }
}

/** A `Date` (valid or not). */
export const isDate = (value: unknown): boolean => hasSlot(getTime, value)
/** A boxed number (`new Number(1)`). */
export const isNumberObject = (value: unknown): boolean => hasSlot(numberValue, value)
/** A boxed string (`new String('a')`). */
export const isStringObject = (value: unknown): boolean => hasSlot(stringValue, value)
/** A boxed boolean (`new Boolean(false)`). */
export const isBooleanObject = (value: unknown): boolean => hasSlot(booleanValue, value)
/** A boxed BigInt (`Object(1n)`). */
export const isBigIntObject = (value: unknown): boolean => hasSlot(bigintValue, value)
/** A boxed symbol (`Object(Symbol())`). */
export const isSymbolObject = (value: unknown): boolean => hasSlot(symbolValue, value)

/** Any boxed primitive: Number, String, Boolean, BigInt or Symbol object. */
export function isBoxedPrimitive(value: unknown): boolean {
  return isNumberObject(value) || isStringObject(value) || isBooleanObject(value) || isBigIntObject(value) || isSymbolObject(value)
}
