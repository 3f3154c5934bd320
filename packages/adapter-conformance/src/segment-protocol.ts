// What the adapters of the Segment-protocol family (Segment, Hightouch, Customer.io, RudderStack)
// share in their conformance runs, as the family base shares their code: a pipeline (a CDP routing
// downstream by the integrations map), `POST /v1/batch` with HTTP Basic auth, and the item fields
// parity lets differ (the library's own name and version, `_metadata` runtime details, generated
// ids and times). Each adapter overrides only its real differences.
import type { AdapterConformanceSpec, ParitySpec, WireSpec } from './conformance-spec.js'
import { basicAuth } from './through-sink.js'

/** The Segment-protocol family's `kind`, `wire` and `parity`, with the adapter's own differences over them. */
export function segmentProtocol(
  differences: { wire?: Partial<WireSpec>; parity?: Partial<ParitySpec> } = {},
): Pick<AdapterConformanceSpec, 'kind' | 'wire' | 'parity'> {
  return {
    kind: 'pipeline',
    wire: { paths: ['/v1/batch'], gzip: false, auth: basicAuth, ...differences.wire },
    parity: {
      masks: {
        always: ['context.library', '_metadata.nodeVersion', '_metadata.jsRuntime'],
        messageId: ['messageId'],
        timestamp: ['timestamp'],
      },
      ...differences.parity,
    },
  }
}
