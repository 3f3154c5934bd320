import { Agent, EnvHttpProxyAgent, ProxyAgent, type Dispatcher } from 'undici'
import type { ResolvedProxy } from './proxy-setting.js'

/**
 * The undici dispatcher for a resolved proxy setting, with `agentOptions` for every pool (to the
 * proxy and direct): a plain `Agent` when no proxy applies, a `ProxyAgent` when one proxy serves
 * every host, else an `EnvHttpProxyAgent` given the values read (so it never reads the
 * environment again).
 */
export function proxyDispatcher(proxy: ResolvedProxy, agentOptions: Agent.Options): Dispatcher {
  const { httpProxy, httpsProxy, noProxy } = proxy
  if (httpProxy === undefined && httpsProxy === undefined) return new Agent(agentOptions)
  if (httpProxy !== undefined && httpProxy === httpsProxy && noProxy === '') return new ProxyAgent({ ...agentOptions, uri: httpProxy })
  // An empty string would make undici read the environment again: a proxy that is absent is sent
  // straight to the host (EnvHttpProxyAgent uses its direct agent for a falsy proxy).
  return new EnvHttpProxyAgent({ ...agentOptions, httpProxy: httpProxy ?? '', httpsProxy: httpsProxy ?? '', noProxy })
}
