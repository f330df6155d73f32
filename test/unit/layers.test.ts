// The layer rule of ARCHITECTURE.md, enforced: every import of every source
// file under server/src and client/src (type-only imports included) goes to
// the same or a lower layer, the server's layers form no import cycle, only
// the LSP wiring imports an LSP connection, and the client imports the
// server's protocol file only. Imports are read with the TypeScript
// compiler's pre-processor (no type check, no network), so this runs in well
// under a second.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import ts from 'typescript';
import { ROOT } from '../helpers';

const SERVER = path.join(ROOT, 'server', 'src');
const CLIENT = path.join(ROOT, 'client', 'src');

/**
 * The server's layers, lowest first; a file may import its own layer and
 * the layers below it. `rules` and `bindings` share a rank but may not
 * import each other.
 */
const LAYERS: Array<{ name: string; rank: number; test: (rel: string) => boolean }> = [
  { name: 'protocol', rank: 0, test: (r) => r === 'protocol.ts' },
  { name: 'core', rank: 1, test: (r) => r.startsWith('core/') },
  { name: 'schema', rank: 2, test: (r) => r.startsWith('schema/') },
  { name: 'workspace model', rank: 3, test: (r) => r.startsWith('workspace/') && !WORKSPACE_INDEX.has(r) },
  { name: 'rules', rank: 4, test: (r) => r.startsWith('rules/') },
  { name: 'bindings', rank: 4, test: (r) => r.startsWith('bindings/') },
  { name: 'workspace index', rank: 5, test: (r) => WORKSPACE_INDEX.has(r) },
  { name: 'features', rank: 6, test: (r) => r.startsWith('features/') },
  { name: 'service', rank: 7, test: (r) => r === 'service.ts' },
  { name: 'hosts', rank: 8, test: (r) => r.startsWith('cli/') || r.startsWith('node/') || r === 'cli.ts' || r === 'server.ts' },
];
/** The workspace index summarises files with the binding model (summary.ts), so it sits above bindings and rules. */
const WORKSPACE_INDEX = new Set(['workspace/workspaceIndex.ts', 'workspace/summary.ts', 'workspace/snapshot.ts']);

/** Packages that open an LSP connection or need VS Code: the LSP wiring and the client only. */
const WIRING_PACKAGES = /^(vscode|vscode-languageserver|vscode-languageserver\/node|vscode-languageserver-protocol|vscode-jsonrpc)(\/.*)?$/;
/** Where the server may import them. */
const WIRING_FILES = new Set(['server.ts']);

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...sourceFiles(p));
    else if (e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') && !e.name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

interface Import {
  from: string;
  /** An absolute file path for a relative import, the specifier for a package. */
  to: string;
  relative: boolean;
}

function importsOf(file: string): Import[] {
  const info = ts.preProcessFile(fs.readFileSync(file, 'utf8'), true, true);
  return info.importedFiles.map(({ fileName }) => {
    if (!fileName.startsWith('.')) return { from: file, to: fileName, relative: false };
    const base = path.resolve(path.dirname(file), fileName);
    const to = [base, `${base}.ts`, path.join(base, 'index.ts')].find((p) => fs.existsSync(p) && fs.statSync(p).isFile());
    assert.ok(to, `${rel(file)} imports ${fileName}, which is not a file`);
    return { from: file, to, relative: true };
  });
}

const rel = (file: string) => path.relative(ROOT, file).split(path.sep).join('/');
const serverRel = (file: string) => path.relative(SERVER, file).split(path.sep).join('/');

function layerOf(file: string) {
  const r = serverRel(file);
  return LAYERS.find((l) => l.test(r));
}

/** Strongly connected components with more than one file (or a file importing itself): the import cycles. */
function cycles(graph: Map<string, string[]>): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1 || (graph.get(v) ?? []).includes(v)) out.push(scc.map(rel).sort());
    }
  };
  for (const v of graph.keys()) if (!idx.has(v)) visit(v);
  return out;
}

const serverFiles = sourceFiles(SERVER);
const clientFiles = sourceFiles(CLIENT);
const serverImports = serverFiles.flatMap(importsOf);
const clientImports = clientFiles.flatMap(importsOf);

/** The violations of the layer rule in a list of imports (exported for the test of the test). */
export function layerViolations(imports: Import[]): string[] {
  const out: string[] = [];
  for (const imp of imports) {
    if (!imp.relative) {
      if (WIRING_PACKAGES.test(imp.to) && !WIRING_FILES.has(serverRel(imp.from)))
        out.push(
          `${rel(imp.from)} imports ${imp.to}: only ${[...WIRING_FILES].join(', ')} may (the core has no LSP connection or VS Code)`,
        );
      continue;
    }
    if (!imp.to.startsWith(SERVER + path.sep)) {
      out.push(`${rel(imp.from)} imports ${rel(imp.to)}, outside server/src`);
      continue;
    }
    const from = layerOf(imp.from)!;
    const to = layerOf(imp.to)!;
    if (to.rank > from.rank) out.push(`${rel(imp.from)} (${from.name}) imports ${rel(imp.to)} (${to.name}), a higher layer`);
    else if (to.rank === from.rank && to.name !== from.name)
      out.push(`${rel(imp.from)} (${from.name}) imports ${rel(imp.to)} (${to.name}): peers do not import each other`);
    else if (from.name === 'hosts' && to.name === 'features')
      out.push(`${rel(imp.from)} imports ${rel(imp.to)}: hosts use the service's API, not features/ directly`);
  }
  return out;
}

describe('layers', () => {
  it('every server source file belongs to a layer', () => {
    const homeless = serverFiles.filter((f) => !layerOf(f)).map(rel);
    assert.deepEqual(homeless, [], 'give the new files a layer in test/unit/layers.test.ts and ARCHITECTURE.md');
  });

  it('server files import only their own or lower layers, and only the LSP wiring imports an LSP connection', () => {
    assert.deepEqual(layerViolations(serverImports), []);
  });

  it('no import cycle in server/src or client/src', () => {
    const graph = new Map<string, string[]>();
    for (const f of [...serverFiles, ...clientFiles]) graph.set(f, []);
    for (const imp of [...serverImports, ...clientImports]) if (imp.relative) graph.get(imp.from)!.push(imp.to);
    assert.deepEqual(cycles(graph), []);
  });

  it('the client imports its own files, VS Code, the language client, Node and the server protocol only', () => {
    const allowed = (imp: Import) =>
      imp.relative
        ? imp.to.startsWith(CLIENT + path.sep) || imp.to === path.join(SERVER, 'protocol.ts')
        : /^(vscode|vscode-languageclient(\/node)?|node:.*)$/.test(imp.to);
    assert.deepEqual(
      clientImports.filter((i) => !allowed(i)).map((i) => `${rel(i.from)} imports ${i.relative ? rel(i.to) : i.to}`),
      [],
    );
  });

  it('the check sees violations and cycles (it can fail)', () => {
    const f = (r: string) => path.join(SERVER, r);
    assert.equal(layerViolations([{ from: f('core/document.ts'), to: f('features/hover.ts'), relative: true }]).length, 1);
    assert.equal(layerViolations([{ from: f('rules/api.ts'), to: f('bindings/model.ts'), relative: true }]).length, 1);
    assert.equal(layerViolations([{ from: f('cli/check.ts'), to: f('features/codeActions.ts'), relative: true }]).length, 1);
    assert.equal(layerViolations([{ from: f('features/hover.ts'), to: 'vscode-languageserver/node', relative: false }]).length, 1);
    assert.deepEqual(layerViolations([{ from: f('features/hover.ts'), to: f('core/document.ts'), relative: true }]), []);
    assert.deepEqual(layerViolations([{ from: f('server.ts'), to: 'vscode-languageserver/node', relative: false }]), []);
    const g = new Map([
      [f('a.ts'), [f('b.ts')]],
      [f('b.ts'), [f('a.ts')]],
      [f('c.ts'), [f('a.ts')]],
    ]);
    assert.deepEqual(cycles(g), [['server/src/a.ts', 'server/src/b.ts']]);
  });
});
