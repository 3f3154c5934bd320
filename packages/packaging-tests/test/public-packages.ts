import { publicPackages } from '@polytrack/adapter-conformance/workspace'

/** Public packages: the workspace packages not marked `private`, by folder under packages/ (each publishes as @polytrack/<dir>). */
export const PUBLIC_PACKAGES: readonly string[] = publicPackages().map((p) => p.dir)
