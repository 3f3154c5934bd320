/** The machine and the versions under test, for the report. */
import { readFileSync } from 'node:fs'
import os from 'node:os'

// Read through the bench package's node_modules: some packages (posthog-node) do not export ./package.json.
const modules = new URL('../../node_modules/', import.meta.url)

function versionOf(name) {
  try {
    return JSON.parse(readFileSync(new URL(`${name}/package.json`, modules), 'utf8')).version
  } catch {
    return 'not installed'
  }
}

export function machineInfo() {
  const cpus = os.cpus()
  return {
    cpu: cpus[0]?.model?.trim() ?? 'unknown',
    cores: cpus.length,
    ramGb: os.totalmem() / 2 ** 30,
    node: process.version,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    loadAtStart: os.loadavg().map((x) => +x.toFixed(2)),
  }
}

export const PACKAGES = [
  '@polytrack/core',
  '@polytrack/segment',
  '@polytrack/hightouch',
  '@polytrack/customerio',
  '@polytrack/rudderstack',
  '@polytrack/posthog',
  '@polytrack/multiplex',
  'posthog-node',
  '@segment/analytics-node',
  '@customerio/cdp-analytics-node',
  '@rudderstack/rudder-sdk-node',
  'undici',
]

export function versions() {
  return Object.fromEntries(PACKAGES.map((name) => [name, versionOf(name)]))
}
