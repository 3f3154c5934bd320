// Entry for the runtimes with a process (Node, Bun, Deno): reads the scenario's input as JSON from
// the POLYTRACK_SMOKE_INPUT environment variable, runs it, and prints the result as one JSON line.
// It then just ends: the runtime must exit by itself (no timer or socket left by the client).
import { runSmoke } from './smoke-scenario.mjs'

const text = globalThis.Deno?.env.get('POLYTRACK_SMOKE_INPUT') ?? globalThis.process?.env.POLYTRACK_SMOKE_INPUT
const result = await runSmoke(JSON.parse(text))
console.log(JSON.stringify(result))
