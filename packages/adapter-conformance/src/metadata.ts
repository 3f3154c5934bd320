// The adapter's package.json metadata (`polytrack.adapter`) is what the workspace's tools build it
// from (the benchmark, the reliability suites, this kit): check that it says what it means.
import { SPECIFICATION_VERSION } from '@polytrack/core/adapter'
import { describe, expect, it } from 'vitest'
import { lanesOf, type AdapterUnderTest } from './adapter-under-test.js'

/** Registers the metadata suite. */
export function describeMetadata(adapter: AdapterUnderTest): void {
  const { adapter: meta, manifest } = adapter.pkg
  describe(`package.json metadata (polytrack.adapter of ${manifest.name}) and adapter specification`, () => {
    it(`"$key" (${meta.keyOption}) is the key and "$host" (${meta.hostOption}) the endpoint of every lane`, () => {
      const instance = adapter.create('metadata-key-1', 'https://metadata.example.com/base')
      for (const lane of lanesOf(instance)) {
        expect(lane.destination.secrets, lane.name).toContain('metadata-key-1')
        expect(lane.destination.buildRequest([], { sentAt: '2030-01-01T00:00:00.000Z' }).url, lane.name).toMatch(
          /^https:\/\/metadata\.example\.com\/base\//,
        )
      }
    })

    it(`every lane implements the adapter specification ${SPECIFICATION_VERSION}`, () => {
      for (const lane of lanesOf(adapter.create('metadata-key-1', 'https://metadata.example.com')))
        expect(lane.destination.specificationVersion, lane.name).toBe(SPECIFICATION_VERSION)
    })
  })
}
