import { basicAuthHeader, ConfigError, optionNames, readOptions, requiredKey } from '@polytrack/core/adapter'
import type { MixpanelServiceAccount } from './mixpanel-options.js'

/** How `/import` authenticates, resolved from the options. */
export interface MixpanelCredentials {
  /** The `Authorization` header of `/import`. */
  authorization: string
  /** Query parameters `/import` needs besides `strict=1` (`project_id` for a service account). */
  importQuery: string
  /** Every secret, and the Basic credential of a service account (which holds its secret base64-encoded). */
  secrets: string[]
}

const SERVICE_ACCOUNT_OPTIONS = optionNames<MixpanelServiceAccount>({ username: 'option', secret: 'option', projectId: 'option' })

/** Validates `serviceAccount` / `apiSecret` and resolves the `/import` credentials (token as Basic user without them). */
export function resolveCredentials(token: string, serviceAccount: unknown, apiSecret: unknown): MixpanelCredentials {
  if (serviceAccount !== undefined && apiSecret !== undefined)
    throw new ConfigError('apiSecret', 'give serviceAccount or apiSecret, not both')
  if (serviceAccount !== undefined) {
    const account = readOptions(serviceAccount, SERVICE_ACCOUNT_OPTIONS, 'serviceAccount') as MixpanelServiceAccount
    const username = requiredKey(account.username, 'serviceAccount.username')
    const secret = requiredKey(account.secret, 'serviceAccount.secret')
    const projectId = requiredKey(account.projectId, 'serviceAccount.projectId')
    if (username.includes(':')) throw new ConfigError('serviceAccount.username', 'must not contain ":"')
    const authorization = basicAuthHeader(username, secret)
    return {
      authorization,
      importQuery: `&project_id=${encodeURIComponent(projectId)}`,
      secrets: [token, secret, authorization.slice('Basic '.length)],
    }
  }
  if (apiSecret !== undefined) {
    const secret = requiredKey(apiSecret, 'apiSecret')
    return { authorization: basicAuthHeader(secret), importQuery: '', secrets: [token, secret] }
  }
  return { authorization: basicAuthHeader(token), importQuery: '', secrets: [token] }
}
