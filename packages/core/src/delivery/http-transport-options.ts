import { optionNames } from '../config/known-keys.js'
import { readOptions } from '../config/read-options.js'
import { resolveProxy, type ProxyOption, type ResolvedProxy } from './proxy-setting.js'

/** Options of `createHttpTransport`. */
export interface HttpTransportOptions {
  /** Sockets per origin (the pipeline's in-flight limit). */
  connections: number
  /** Most response-body bytes read (the rest is discarded). Default 16 KiB. */
  maxResponseBytes?: number
  /**
   * The proxy: absent, `HTTPS_PROXY`, `HTTP_PROXY` and `NO_PROXY` (read when the transport is
   * created); a URL, every request through it; `false`, none. See {@link ProxyOption}.
   */
  proxy?: ProxyOption
}

const TRANSPORT_OPTIONS = optionNames<HttpTransportOptions>({ connections: 'option', maxResponseBytes: 'option', proxy: 'option' })

/**
 * Checks the options of `createHttpTransport` and reads its proxy setting (the environment's
 * variables now, when `proxy` is absent): a `ConfigError` for an unknown option or a proxy that is
 * not an http(s) URL, before any module of the transport is loaded. Returns the proxy and the
 * other options, a snapshot (see `readOptions`): the transport reads them from it. Pure apart from
 * reading the environment.
 */
export function readHttpTransportOptions(options: HttpTransportOptions): {
  proxy: ResolvedProxy
  options: Omit<HttpTransportOptions, 'proxy'>
} {
  const snapshot: Partial<HttpTransportOptions> = readOptions(options, TRANSPORT_OPTIONS, 'transport')
  const proxy = resolveProxy(snapshot.proxy, 'transport.proxy')
  delete snapshot.proxy
  return { proxy, options: snapshot as Omit<HttpTransportOptions, 'proxy'> }
}
