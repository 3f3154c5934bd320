import type { JsonObject, PageMessage, ScreenMessage } from '@polytrack/core/adapter'

/**
 * Properties of a `$pageview`: the page's properties, its `name` and `category` (unless the
 * properties already carry them), `$current_url` from `properties.url` (else `context.page.url`),
 * `$host` and `$pathname` from that URL (`properties.path` wins for `$pathname`) and `$referrer`
 * from `properties.referrer`. Pure.
 */
export function pageviewProperties(message: PageMessage): JsonObject {
  const props: JsonObject = { ...message.properties }
  if (message.name !== undefined && props.name === undefined) props.name = message.name
  if (message.category !== undefined && props.category === undefined) props.category = message.category
  const url = props.url ?? contextPageUrl(message)
  if (typeof url === 'string') {
    props.$current_url = url
    const parsed = parseUrl(url)
    if (parsed) {
      props.$host = parsed.host
      props.$pathname = parsed.pathname
    }
  }
  if (typeof props.path === 'string') props.$pathname = props.path
  if (typeof props.referrer === 'string') props.$referrer = props.referrer
  return props
}

/** Properties of a `$screen`: the screen's properties, `$screen_name` and `category`. Pure. */
export function screenProperties(message: ScreenMessage): JsonObject {
  const props: JsonObject = { ...message.properties }
  if (message.name !== undefined) props.$screen_name = message.name
  if (message.category !== undefined && props.category === undefined) props.category = message.category
  return props
}

function contextPageUrl(message: PageMessage): unknown {
  const page = message.context.page
  return page !== null && typeof page === 'object' && !Array.isArray(page) ? (page as JsonObject).url : undefined
}

function parseUrl(url: string): URL | undefined {
  try {
    return new URL(url)
  } catch {
    return undefined
  }
}
