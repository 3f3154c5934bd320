import { ValidationError } from '../errors.js'
import type { Message } from './message.js'

/**
 * Throws a `ValidationError` (field `userId`) when `message` has neither a `userId` nor an
 * `anonymousId`: a `group` call without a user, which only some vendors take (PostHog's and
 * Mixpanel's group profiles). For an adapter whose vendor needs an id on every message, in its
 * `encode`: the call then throws when this is its only destination, and is left out for this
 * destination alone (an `error` event) in a multiplex. Pure.
 */
export function requireIdentity(message: Message, destination: string): void {
  if (message.userId !== undefined || message.anonymousId !== undefined) return
  throw new ValidationError(
    'userId',
    `or anonymousId is required by ${destination} (a group call without a user is a group profile update, which ${destination} does not take)`,
  )
}
