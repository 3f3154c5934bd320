/**
 * Pure lookups over a {@link VendorTable}: the built-in one (`vendors.ts`) or, in tests, one with
 * more vendors. Names found in a table are typed {@link VendorName}: the union of the built-in
 * names, which is what the public API promises.
 */
import type { HttpAnswer } from './http-response.js'
import type { ProtocolRoute, VendorLimits } from './sink-protocol.js'
import type { FaultTarget, VendorName } from './types.js'
import type { VendorDeclaration, VendorTable } from './vendor-declaration.js'

const NAME = /^[a-z][a-z0-9-]*$/
const COLOR = /^#[0-9a-f]{3,8}$/i

/** The vendors of `table`, in declaration order. */
export function vendorNamesOf(table: VendorTable): VendorName[] {
  return Object.keys(table) as VendorName[]
}

/** True when `value` names a vendor of `table` (own keys only: `'constructor'` is no vendor). */
export function isVendorIn(table: VendorTable, value: unknown): value is VendorName {
  return typeof value === 'string' && Object.hasOwn(table, value)
}

/** The declaration of `vendor`; throws for a name the table does not have. */
export function declarationOf(table: VendorTable, vendor: VendorName): VendorDeclaration {
  if (!Object.hasOwn(table, vendor)) throw new TypeError(`unknown vendor ${JSON.stringify(vendor)}`)
  return table[vendor] as VendorDeclaration
}

/** True when `value` names a fault queue of `table`: a vendor, `'posthog-flags'` or `'*'`. */
export function isFaultTargetIn(table: VendorTable, value: unknown): value is FaultTarget {
  return value === '*' || value === 'posthog-flags' || isVendorIn(table, value)
}

/** The effective limits of `vendor`: the override when given, else the declared default. */
export function limitsFor(
  table: VendorTable,
  vendor: VendorName,
  overrides: Partial<Record<VendorName, VendorLimits>> | undefined,
): VendorLimits {
  return { ...declarationOf(table, vendor).limits, ...overrides?.[vendor] }
}

/** The 200 answer a vendor declares. */
export function successAnswerOf(declaration: VendorDeclaration): HttpAnswer {
  return { status: 200, ...declaration.success }
}

/** The route `path` (no trailing slash) has in `vendor`'s protocol, or undefined. */
export function protocolRouteOf(declaration: VendorDeclaration, path: string): ProtocolRoute | undefined {
  const { routes } = declaration.protocol
  return Object.hasOwn(routes, path) ? routes[path] : undefined
}

/** The inspector colours of the vendors that declare one. */
export function vendorColorsOf(table: VendorTable): Record<string, string> {
  const colors: Record<string, string> = {}
  for (const [name, declaration] of Object.entries(table)) if (declaration.color !== undefined) colors[name] = declaration.color
  return colors
}

/** The first segments of the paths served unprefixed (`v1`, `batch`, `flags`, …). */
function unprefixedHeads(table: VendorTable): Set<string> {
  const declarations = Object.values(table).filter((declaration) => declaration.unprefixed === true)
  return new Set(declarations.flatMap((declaration) => Object.keys(declaration.protocol.routes).map((path) => path.split('/')[1] ?? '')))
}

/**
 * What is wrong with `table`, or undefined: a vendor name that is not `[a-z][a-z0-9-]*`, is a
 * fault queue name, or would hide an unprefixed route as its prefix (`v1`, `flags`); a colour
 * that is not a CSS hex colour. Pure.
 */
export function vendorTableProblem(table: VendorTable): string | undefined {
  const heads = unprefixedHeads(table)
  for (const [name, declaration] of Object.entries(table)) {
    if (!NAME.test(name) || name === 'posthog-flags')
      return `vendor name ${JSON.stringify(name)} must match ${NAME} (and not be a fault queue name)`
    if (heads.has(name)) return `vendor name ${JSON.stringify(name)} would hide the unprefixed routes under /${name}/`
    if (declaration.color !== undefined && !COLOR.test(declaration.color)) return `vendor ${name}: color must be a CSS hex colour`
  }
  return undefined
}
