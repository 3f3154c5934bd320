// Hightouch's Node SDK (@ht-sdks/events-sdk-js-node, repo ht-sdks/events-sdk-js-mono) is not on npm,
// so its fixture is DERIVED, not captured: Hightouch's SDK and Customer.io's are forks of the same
// Segment analytics-node generation (same event factory: page copies `category` into
// `properties.category`, `integrations` defaults to `{}`, `_metadata.{nodeVersion,jsRuntime}`).
// Differences applied, from Hightouch's published source and docs:
//   - envelope `{batch, sentAt}` (Customer.io sends only `{batch}`)
//   - messageId `<epochMs>-<uuidv4>` (Customer.io: `node-next-<epochMs>-<uuidv4>`)
//   - context.library `{name: '@ht-sdks/events-sdk-js-node'}`, User-Agent `events-sdk-js-node/latest`
import { randomUUID } from 'node:crypto'

/** Builds the Hightouch fixture from the captured Customer.io fixture. Pure apart from ids/clock. */
export function deriveHightouch(cio) {
  const cases = {}
  for (const [name, c] of Object.entries(cio.cases)) {
    const item = { ...c.item, context: { ...c.item.context, library: { name: '@ht-sdks/events-sdk-js-node', version: 'unknown' } } }
    if (item.messageId.startsWith('node-next-')) item.messageId = `${Date.now()}-${randomUUID()}`
    cases[name] = {
      request: {
        ...c.request,
        headers: { ...c.request.headers, 'user-agent': 'events-sdk-js-node/latest' },
        envelope: { sentAt: new Date().toISOString() },
      },
      item,
      derived: true,
      ...(c.note ? { note: c.note } : {}),
    }
  }
  return {
    vendor: 'hightouch',
    sdk: { name: '@ht-sdks/events-sdk-js-node', version: 'not on npm (documented shape)' },
    derivedFrom: `${cio.sdk.name}@${cio.sdk.version} capture, see src/hightouch-reference.mjs`,
    capturedAt: cio.capturedAt,
    cases,
  }
}
