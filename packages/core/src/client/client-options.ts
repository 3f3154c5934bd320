import {
  ANALYTICS_OPTION_NAMES,
  CLOSE_OPTION_NAMES,
  DEFAULT_CLOSE_TIMEOUT,
  DEPRECATED_ANALYTICS_OPTION_NAMES,
  type AnalyticsOptions,
  type CloseOptions,
} from '../analytics-options.js'
import { readOptions } from '../config/read-options.js'
import { CLIENT_HINTS, optionHints } from '../config/option-hints.js'
import { applyRenames } from '../config/renamed-options.js'
import { checkFlagsOption } from './flags-option.js'
import { clientProxySetting, type ResolvedProxy } from '../delivery/proxy-setting.js'
import { ConfigError } from '../errors.js'
import { platform } from '../platform/current-platform.js'

/** `close({ timeout })`, the name before the unit suffix. */
const CLOSE_RENAMES = { timeout: 'timeoutMs' } as const
const CLOSE_HINTS = optionHints({
  timeout_ms: 'did you mean `timeoutMs`?',
  ShutdownTimeout: 'did you mean `timeoutMs`?',
  deadline: 'did you mean `timeoutMs`?',
})

/**
 * Checks the options of `new Analytics` that no other part reads (unknown keys, `deferEncoding`,
 * `destination` given, `proxy` against `transport` and the runtime) and reads the proxy setting,
 * once, now (the environment's variables too): every transport of the client uses it. Returns the
 * snapshot of the options (see `readOptions`) every other part reads them from. Throws a
 * `ConfigError` naming the option.
 */
export function readClientOptions(options: AnalyticsOptions): { options: AnalyticsOptions; proxy: ResolvedProxy } {
  options = readOptions(options, ANALYTICS_OPTION_NAMES, '', CLIENT_HINTS, DEPRECATED_ANALYTICS_OPTION_NAMES)
  if (options.deferEncoding !== undefined && typeof options.deferEncoding !== 'boolean') {
    throw new ConfigError('deferEncoding', `must be a boolean, got ${typeof options.deferEncoding}`)
  }
  checkFlagsOption(options.flags)
  if (!options.destination) {
    throw new ConfigError(
      'destination',
      'is required: pass an adapter such as rudderstack({ writeKey, dataPlaneUrl }), or multiplex([...])',
    )
  }
  if (options.proxy !== undefined && options.transport !== undefined) {
    throw new ConfigError(
      'proxy',
      'has no effect with a custom `transport`: pass it to `createHttpTransport({ connections, proxy })` in your transport instead',
    )
  }
  const proxyUrl = typeof options.proxy === 'string' || options.proxy instanceof URL
  if (proxyUrl && options.transport === undefined && platform.defaultTransport !== 'undici') {
    throw new ConfigError(
      'proxy',
      `is for Node's undici transport; on ${platform.name} the fetch transport is used, whose fetch reads HTTPS_PROXY, HTTP_PROXY and NO_PROXY itself where the runtime supports them`,
    )
  }
  return { options, proxy: clientProxySetting(options.proxy, platform.defaultTransport) }
}

/**
 * The `timeoutMs` of `close(options)` (default {@link DEFAULT_CLOSE_TIMEOUT}), the deprecated
 * `timeout` accepted. Throws a `ConfigError` (synchronously) for an unknown option or a bad value.
 */
export function readCloseTimeout(options: CloseOptions): number {
  options = readOptions(options, CLOSE_OPTION_NAMES, 'close', CLOSE_HINTS, ['timeout'])
  const { timeoutMs = DEFAULT_CLOSE_TIMEOUT } = applyRenames(options, CLOSE_RENAMES, 'close.') as { timeoutMs?: number }
  if (typeof timeoutMs !== 'number' || Number.isNaN(timeoutMs) || timeoutMs < 0) {
    throw new ConfigError('close.timeoutMs', `must be a number of milliseconds (0 or more), got ${String(timeoutMs)}`)
  }
  return timeoutMs
}
