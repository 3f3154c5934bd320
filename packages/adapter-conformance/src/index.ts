// @polytrack/adapter-conformance: the tests every adapter runs. An adapter's test file calls
// describeAdapterConformance() once; see docs/writing-an-adapter.md.
import { describe } from 'vitest'
import { adapterUnderTest } from './adapter-under-test.js'
import type { AdapterConformanceSpec } from './conformance-spec.js'
import { useConformanceSink } from './conformance-context.js'
import { describeHostileOptions } from './hostile-options.js'
import { describeLimits } from './limits.js'
import { describeMetadata } from './metadata.js'
import { describeOptions } from './options.js'
import { describeParity } from './parity.js'
import { describeRoutingKind } from './routing-kind.js'
import { describeSecrets } from './secrets.js'
import { describeThroughSink } from './through-sink.js'

export type { AdapterConformanceSpec, JourneySpec, OurRequest, ParitySpec, WireSpec } from './conformance-spec.js'
export { basicAuth, keyInBody } from './through-sink.js'
export { segmentProtocol } from './segment-protocol.js'
export { PARITY_KEY } from './parity.js'
export { describeByteLimits, type ByteLimitsSpec } from './byte-limits.js'
export { configErrorOption } from './options.js'
export { MASKED, maskPaths } from './parity-requests.js'
export { JOURNEY_TYPES, JOURNEY_USER, signupJourney, type JourneyClient } from './swap-app.js'
export {
  captureOutput,
  expose,
  leakedNeedles,
  secretNeedles,
  startKeyEchoServer,
  startTestServer,
  type EchoServer,
} from './secret-exposure.js'

/** The key the conformance sink accepts. */
const SINK_KEY = 'conformance-key-1'

/**
 * Registers the conformance suites of one adapter (vitest): its package.json metadata; strict
 * options (the key, the endpoint, unknown options refused with a ConfigError naming them); hostile
 * options objects (an inherited option neither read nor used, a symbol key refused, a getter or
 * Proxy that throws a ConfigError, each option read once); the six
 * calls of the swap application through the sink and a wrong key refused; limits (message size at
 * the call, batch size and count on the wire); a 413 split with every message arriving once;
 * secrets masked in every output; routing by the integrations map for its kind; parity with the
 * fixture captured from the official SDK.
 */
export function describeAdapterConformance(spec: AdapterConformanceSpec): void {
  const adapter = adapterUnderTest(spec)
  describe(`${adapter.pkg.manifest.name} conformance`, () => {
    const ctx = useConformanceSink(adapter, SINK_KEY)
    describeMetadata(adapter)
    describeOptions(adapter, spec.lenientOptions)
    describeHostileOptions(adapter)
    describeThroughSink(ctx, spec.wire, spec.journey)
    describeLimits(ctx)
    describeSecrets(ctx)
    describeRoutingKind(ctx, spec.kind)
    describeParity(adapter, spec.parity)
  })
}
