/**
 * Fault step validation and the abortable wait used by delay steps.
 */
import type { ServerResponse } from 'node:http'
import { setTimeout as sleep } from 'node:timers/promises'
import type { DelayFault, DropFault, FaultStep, PassFault, StatusFault } from './types.js'
import { jsonAnswer, type HttpAnswer } from './http-response.js'

/** A step after its delays have run: what to do with the request. */
export type FinalStep = StatusFault | DropFault | PassFault

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * Returns a description of what is wrong with `step`, or undefined when it is a valid
 * {@link FaultStep}.
 */
export function faultStepProblem(step: unknown, where = 'step'): string | undefined {
  if (!isObject(step)) return `${where} must be an object`
  if ('status' in step) {
    const { status, retryAfter, body } = step
    if (typeof status !== 'number' || !Number.isInteger(status) || status < 100 || status > 599) {
      return `${where}.status must be an integer HTTP status (100-599)`
    }
    if (retryAfter !== undefined && typeof retryAfter !== 'number' && typeof retryAfter !== 'string') {
      return `${where}.retryAfter must be a number of seconds or an HTTP-date string`
    }
    if (body !== undefined && typeof body !== 'string') return `${where}.body must be a string`
    return undefined
  }
  if ('drop' in step) return step.drop === true ? undefined : `${where}.drop must be true`
  if ('pass' in step) return step.pass === true ? undefined : `${where}.pass must be true`
  if ('delayMs' in step) {
    const { delayMs, then } = step
    if (typeof delayMs !== 'number' || !Number.isFinite(delayMs) || delayMs < 0) {
      return `${where}.delayMs must be a non-negative number`
    }
    return then === undefined ? undefined : faultStepProblem(then, `${where}.then`)
  }
  return `${where} must have one of status, drop, delayMs, pass`
}

/** Throws a TypeError when any of `steps` is invalid. */
export function assertFaultSteps(steps: readonly unknown[]): asserts steps is FaultStep[] {
  steps.forEach((step, index) => {
    const problem = faultStepProblem(step, `steps[${index}]`)
    if (problem !== undefined) throw new TypeError(`invalid fault step: ${problem}`)
  })
}

function isDelay(step: FaultStep): step is DelayFault {
  return 'delayMs' in step
}

/**
 * Runs the delays of `step` (following `then` chains) and returns the step to apply, or
 * undefined when `signal` aborted the wait.
 */
export async function runDelays(step: FaultStep | undefined, signal: AbortSignal): Promise<FinalStep | undefined> {
  let current: FaultStep = step ?? { pass: true }
  while (isDelay(current)) {
    try {
      await sleep(current.delayMs, undefined, { signal })
    } catch {
      return undefined
    }
    current = current.then ?? { pass: true }
  }
  return current
}

/**
 * Runs the delays of `step` for one request, cancelled when the client goes away (`res` closes)
 * or `closing` aborts. Returns the step to apply (`pass` when there is none), or undefined when
 * cancelled.
 */
export async function settleStep(step: FaultStep | undefined, res: ServerResponse, closing: AbortSignal): Promise<FinalStep | undefined> {
  if (step === undefined) return { pass: true }
  if (!isDelay(step)) return step
  const controller = new AbortController()
  const abort = (): void => controller.abort()
  res.once('close', abort)
  closing.addEventListener('abort', abort, { once: true })
  if (closing.aborted) controller.abort()
  try {
    return await runDelays(step, controller.signal)
  } finally {
    res.off('close', abort)
    closing.removeEventListener('abort', abort)
  }
}

/** The answer a status step gives. */
export function statusFaultAnswer(step: StatusFault): HttpAnswer {
  const headers: Record<string, string> = {}
  if (step.retryAfter !== undefined) headers['retry-after'] = String(step.retryAfter)
  if (step.body === undefined) {
    return jsonAnswer(step.status, { code: 'injected_fault', message: `injected status ${step.status}` }, headers)
  }
  return { status: step.status, contentType: guessContentType(step.body), body: step.body, headers }
}

function guessContentType(body: string): string {
  try {
    JSON.parse(body)
    return 'application/json'
  } catch {
    return 'text/plain; charset=utf-8'
  }
}
