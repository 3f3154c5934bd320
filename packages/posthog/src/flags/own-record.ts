/**
 * Sets `record[key] = value` as an own, enumerable property, for any key: plain assignment of a
 * flag called `__proto__` (from definitions or a server's answer) would change the record's
 * prototype instead. Mutates `record` only.
 */
export function setOwn<T>(record: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true })
}
