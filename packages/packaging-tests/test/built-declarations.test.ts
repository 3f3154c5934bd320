// The published declarations stand alone: type-fest (ESM-only, a dev dependency whose types core
// inlines at build time) is never imported by a .d.ts or .d.cts, and every relative import of a
// declaration file names a file that is in dist. Read with the TypeScript parser, so a doc comment
// quoting an import does not count.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'
import { PUBLIC_PACKAGES } from './public-packages.js'

const repo = fileURLToPath(new URL('../../..', import.meta.url))

/** Every module specifier a declaration file imports or re-exports (`import()` types included). */
function specifiers(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true)
  const found: string[] = []
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier))
      found.push(node.moduleSpecifier.text)
    if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal))
      found.push(node.argument.literal.text)
    if (ts.isModuleDeclaration(node) && ts.isStringLiteral(node.name)) found.push(node.name.text)
    ts.forEachChild(node, visit)
  }
  visit(source)
  return found
}

const declarationFiles = PUBLIC_PACKAGES.flatMap((pkg) => {
  const dist = join(repo, 'packages', pkg, 'dist')
  return readdirSync(dist)
    .filter((name) => /\.d\.c?ts$/.test(name))
    .map((name) => join(dist, name))
})

describe('built declarations', () => {
  it('were found (build first)', () => {
    expect(declarationFiles.length).toBeGreaterThan(PUBLIC_PACKAGES.length)
  })

  it('never import type-fest (its types are inlined)', () => {
    const offenders = declarationFiles.filter((file) => specifiers(file).some((s) => s === 'type-fest' || s.startsWith('type-fest/')))
    expect(offenders).toEqual([])
  })

  it("core inlines type-fest's LiteralUnion for the integrations keys", () => {
    const core = declarationFiles.filter((file) => file.includes(join('packages', 'core', 'dist')))
    expect(core.some((file) => /type LiteralUnion</.test(readFileSync(file, 'utf8')))).toBe(true)
  })

  it('import only files that are in dist, relative ones', () => {
    for (const file of declarationFiles) {
      for (const specifier of specifiers(file).filter((s) => s.startsWith('.'))) {
        const target = resolve(dirname(file), specifier)
        const candidates = [target, target.replace(/\.c?js$/, (ext) => (ext === '.cjs' ? '.d.cts' : '.d.ts')), `${target}.d.ts`]
        expect(
          candidates.some((c) => existsSync(c)),
          `${file} imports ${specifier}, which is not in dist`,
        ).toBe(true)
      }
    }
  })
})

describe('integrations keys, as an editor sees them', () => {
  it('suggests the known destination names, from the built declarations, and accepts any other', () => {
    const dir = join(repo, 'packages', 'packaging-tests')
    const file = join(dir, '__completions-probe.ts')
    const text = `import type { Integrations } from '@polytrack/core'\nconst integrations: Integrations = { 'Any Tool': true,  }\nexport { integrations }\n`
    const position = text.indexOf(',  }') + 2
    const host: ts.LanguageServiceHost = {
      getCompilationSettings: () => ({
        module: ts.ModuleKind.Node16,
        moduleResolution: ts.ModuleResolutionKind.Node16,
        strict: true,
        noEmit: true,
      }),
      getScriptFileNames: () => [file],
      getScriptVersion: () => '1',
      getScriptSnapshot: (name) =>
        name === file
          ? ts.ScriptSnapshot.fromString(text)
          : existsSync(name)
            ? ts.ScriptSnapshot.fromString(readFileSync(name, 'utf8'))
            : undefined,
      getCurrentDirectory: () => dir,
      getDefaultLibFileName: (options) => ts.getDefaultLibFilePath(options),
      fileExists: (name) => name === file || ts.sys.fileExists(name),
      readFile: (name) => (name === file ? text : ts.sys.readFile(name)),
      readDirectory: ts.sys.readDirectory,
      directoryExists: ts.sys.directoryExists,
      getDirectories: ts.sys.getDirectories,
      realpath: ts.sys.realpath,
    }
    const service = ts.createLanguageService(host)
    const errors = service.getSemanticDiagnostics(file).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))
    expect(errors).toEqual([])
    const names = (service.getCompletionsAtPosition(file, position, {})?.entries ?? []).map((entry) => entry.name.replace(/^"|"$/g, ''))
    expect(names).toEqual(
      expect.arrayContaining(['All', 'Segment', 'RudderStack', 'Hightouch', 'Customer.io', 'PostHog', 'Amplitude', 'Mixpanel']),
    )
  })
})
