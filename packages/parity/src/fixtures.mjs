// The fixed inputs and the fixtures captured from the official SDKs, for the adapter conformance kit
// (packages/adapter-conformance) and anything else that reads them.
import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { loadCases } from './inputs.mjs'

export { loadCases }

/** Path of the fixture `fixtures/<name>.json`. */
export function fixturePath(name) {
  return fileURLToPath(new URL(`../fixtures/${name}.json`, import.meta.url))
}

/** The captured fixture `fixtures/<name>.json`. */
export function loadFixture(name) {
  const path = fixturePath(name)
  if (!existsSync(path))
    throw new Error(`no fixture ${path}: capture one with packages/parity/src/capture-official.mjs (see docs/writing-an-adapter.md)`)
  return JSON.parse(readFileSync(path, 'utf8'))
}
