import { INSPECT_CUSTOM } from '../platform/inspect-custom.js'
import type { Destination } from '../destination.js'

/**
 * Keeps an adapter's keys out of logs: `secrets` becomes non-enumerable, and `util.inspect`
 * (`console.log`) and `JSON.stringify` show only the adapter's name and kind. Adapters call it
 * on the object they return. Returns the same object.
 */
export function protectSecrets<T extends Destination>(destination: T): T {
  const summary = { name: destination.name, kind: destination.kind }
  Object.defineProperty(destination, 'secrets', { value: destination.secrets, enumerable: false })
  Object.defineProperty(destination, INSPECT_CUSTOM, {
    value: () => `Destination { name: '${summary.name}', kind: '${summary.kind}', secrets: [hidden] }`,
    enumerable: false,
  })
  Object.defineProperty(destination, 'toJSON', { value: () => summary, enumerable: false })
  return destination
}
