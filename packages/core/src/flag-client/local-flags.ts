import type { FSWatcher } from 'node:fs'
import { optionNames } from '../config/known-keys.js'
import { readOptions } from '../config/read-options.js'
import { optionHints } from '../config/option-hints.js'
import { ConfigError, PolytrackError } from '../errors.js'
import { evaluateAllFlags, evaluateFlag } from '../flags/evaluate-flags.js'
import type { FlagDefinitions } from '../flags/definition-types.js'
import type { FlagEvaluation } from '../flags/evaluation-types.js'
import { evaluationLimitError } from './evaluation-limit-error.js'
import type { FlagQuery, FlagSource, FlagSourceHost } from './flag-source.js'
import { toAnswer } from './to-answer.js'
import { nodeBuiltin } from '../platform/node-builtin.js'

/** Options of {@link localFlags}: definitions in PostHog's local-evaluation format. */
export interface LocalFlagsOptions {
  /** The definitions object (`{ flags, group_type_mapping?, cohorts? }`). */
  definitions?: FlagDefinitions
  /** Or a JSON file holding it. */
  file?: string
  /** Re-read `file` when it changes. Default `false`. */
  watch?: boolean
}

const LOCAL_FLAGS_OPTIONS = optionNames<LocalFlagsOptions>({ definitions: 'option', file: 'option', watch: 'option' })
const LOCAL_FLAGS_HINTS = optionHints({
  path: 'did you mean `file`?',
  filename: 'did you mean `file`?',
  flags: 'did you mean `definitions` (the whole `{ flags, group_type_mapping?, cohorts? }` object)?',
  reload: 'did you mean `watch`?',
})

/**
 * A flag source for any vendor, or none: evaluates definitions you provide (an object or a JSON
 * file in PostHog's format) with the core evaluator. Nothing is sent anywhere; a flag that needs
 * a server (e.g. a static cohort) is `undefined`, and one whose evaluation passed the evaluator's
 * work bound is `undefined` with a `flags_evaluation_limit` `error` event. With `watch`, the file is re-read when it
 * changes; a file that does not parse keeps the previous definitions and reports an `error` event.
 * Throws a `ConfigError` for an unknown option, or unless exactly one of `definitions` and `file` is given.
 *
 * @example
 * new Analytics({ destination, flags: localFlags({ file: './flags.json', watch: true }) })
 */
export function localFlags(options: LocalFlagsOptions): FlagSource {
  options = readOptions(options, LOCAL_FLAGS_OPTIONS, 'localFlags', LOCAL_FLAGS_HINTS)
  if ((options.definitions === undefined) === (options.file === undefined)) {
    throw new ConfigError('localFlags', 'needs exactly one of definitions or file')
  }
  if (options.definitions !== undefined) assertDefinitions(options.definitions, 'definitions')
  // Reached at run time, not imported: workerd and edge runtimes have no node:fs, and need none for `definitions`.
  const fs = options.file === undefined ? undefined : nodeBuiltin('node:fs')
  if (options.file !== undefined && fs === undefined) {
    throw new ConfigError(
      'localFlags.file',
      'needs a file system (node:fs), which this runtime does not have: pass the definitions object instead',
    )
  }
  let definitions: FlagDefinitions = options.definitions ?? { flags: [] }
  let host: FlagSourceHost | undefined
  let watcher: FSWatcher | undefined
  let debounce: ReturnType<typeof setTimeout> | undefined
  let loaded: Promise<void> = Promise.resolve()

  async function load(): Promise<void> {
    if (options.file === undefined || fs === undefined) return
    try {
      const parsed = JSON.parse(await fs.promises.readFile(options.file, 'utf8')) as unknown
      assertDefinitions(parsed, options.file)
      definitions = parsed
    } catch (error) {
      host?.reportError(
        new PolytrackError('flags_file', `could not load flag definitions from ${options.file}: ${(error as Error).message}`, {
          cause: error,
        }),
      )
    }
  }

  function reportLimit(evaluations: FlagEvaluation[]): void {
    const error = evaluationLimitError(evaluations)
    if (error !== undefined) host?.reportError(error)
  }

  return {
    attach(attachedHost) {
      host = attachedHost
      loaded = load()
      if (options.file !== undefined && fs !== undefined && options.watch) {
        watcher = fs.watch(options.file, { persistent: false }, () => {
          clearTimeout(debounce)
          debounce = setTimeout(() => void (loaded = load()), 50)
          ;(debounce as { unref?: () => void }).unref?.()
        })
        watcher.on('error', (error) =>
          host?.reportError(new PolytrackError('flags_file', `watching ${options.file} failed: ${error.message}`)),
        )
      }
    },
    async getFlag(key: string, query: FlagQuery) {
      await loaded
      const evaluation = evaluateFlag(key, query, definitions)
      reportLimit([evaluation])
      return toAnswer(evaluation)
    },
    async getAllFlags(query: FlagQuery) {
      await loaded
      const all = evaluateAllFlags(query, definitions)
      reportLimit(Object.values(all))
      return Object.fromEntries(Object.entries(all).map(([key, evaluation]) => [key, toAnswer(evaluation)]))
    },
    async reload() {
      loaded = load()
      await loaded
    },
    async close() {
      clearTimeout(debounce)
      watcher?.close()
    },
  }
}

function assertDefinitions(value: unknown, where: string): asserts value is FlagDefinitions {
  if (!value || typeof value !== 'object' || !Array.isArray((value as { flags?: unknown }).flags)) {
    throw new ConfigError(where, 'must be flag definitions: an object with a "flags" array')
  }
}
