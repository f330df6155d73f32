import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { Severity, type Diagnostic } from '../../server/src/core/types';
import { NodeFileSystem } from '../../server/src/node/fileSystem';
import { explicitWorkspaces, RepoConfigReader } from '../../server/src/node/repoConfig';
import { RULES_BY_ID } from '../../server/src/rules/registry';
import { AmlLanguageService } from '../../server/src/service';
import { fileUri } from '../../server/src/workspace/uri';
import { WorkspaceIndex, type IndexOptions } from '../../server/src/workspace/workspaceIndex';
import { applyEdits, ROOT, service } from '../helpers';
import { rangeOf } from '../markers';
import { assertFix, checkRange, matches, SCHEMA_ERRORS, SEV, type Expected } from '../rules/tester';

/** Multi-file fixture repositories: test/fixtures/workspaces/<name>/. */
export const WORKSPACES = path.join(ROOT, 'test', 'fixtures', 'workspaces');

export interface Fixture {
  root: string;
  rootUri: string;
  index: WorkspaceIndex;
  service: AmlLanguageService;
  uri(rel: string): string;
  /** The text on disk, or the open (edited) text. */
  text(rel: string): string;
  source(rel: string): { uri: string; version: number; text: string };
  /** Edits a file in memory (an open, unsaved document); returns the dependents among `candidates`. */
  edit(rel: string, text: string, candidates?: string[]): string[];
}

const texts = new Map<string, string>();
let version = 1;

/** Indexes a fixture repository from disk and gives a service that sees it. */
let shared: AmlLanguageService | undefined;
/** One service for the fixtures of a test file (schemas compile once), separate from helpers' service(). */
export function fixtureService(): AmlLanguageService {
  shared ??= new AmlLanguageService();
  return shared;
}

export async function openFixture(
  name: string,
  options: Partial<IndexOptions> = {},
  svc: AmlLanguageService = fixtureService(),
): Promise<Fixture> {
  const root = path.join(WORKSPACES, name);
  const rootUri = fileUri(root);
  const index = new WorkspaceIndex({ fs: new NodeFileSystem(), explicitWorkspace: explicitWorkspaces(new RepoConfigReader()), ...options });
  await index.index([rootUri]);
  svc.setWorkspace(index);
  const uri = (rel: string) => fileUri(path.join(root, rel));
  const open = new Map<string, string>();
  const text = (rel: string) => open.get(rel) ?? texts.get(path.join(root, rel)) ?? cache(path.join(root, rel));
  return {
    root,
    rootUri,
    index,
    service: svc,
    uri,
    text,
    source: (rel) => ({ uri: uri(rel), version: open.has(rel) ? version : 0, text: text(rel) }),
    edit(rel, t, candidates = []) {
      open.set(rel, t);
      version++;
      const changes = index.setOpenDocument(uri(rel), t, version);
      const deps = index.dependents(changes, candidates);
      for (const d of deps) svc.invalidate(d);
      return deps;
    },
  };
}

function cache(file: string): string {
  const t = fs.readFileSync(file, 'utf8');
  texts.set(file, t);
  return t;
}

export interface CrossFileCase {
  name: string;
  /** Fixture repository (folder of test/fixtures/workspaces) and the file under test. */
  fixture: string;
  file: string;
  /** In-memory edits (open, unsaved documents) applied before the check, the file under test included. */
  edits?: Record<string, string>;
}

export interface CrossFileInvalid extends CrossFileCase {
  errors: Expected[];
  fix?: { title: string | RegExp; output: string };
}

async function setUp(c: CrossFileCase): Promise<{ fx: Fixture; mine: Diagnostic[]; all: Diagnostic[]; id?: string }> {
  const fx = await openFixture(c.fixture);
  for (const [rel, t] of Object.entries(c.edits ?? {})) fx.edit(rel, t);
  const all = fx.service.diagnostics(fx.source(c.file));
  return { fx, mine: [], all };
}

/**
 * Table-driven tests for a cross-file rule over fixture repositories, like
 * ruleTester: valid cases stay silent; invalid cases give exactly the
 * expected diagnostics; every fix removes its diagnostic without breaking
 * the file; `fix` checks one fix's output.
 */
export function crossFileRuleTester(id: string, cases: { valid: CrossFileCase[]; invalid: CrossFileInvalid[] }): void {
  describe(`cross-file rule ${id}`, () => {
    test('is registered as a cross-file rule with docs metadata', () => {
      const rule = RULES_BY_ID.get(id);
      assert.ok(rule, `rule ${id} is not in the catalog`);
      assert.equal(rule!.crossFile, true);
      assert.ok(rule!.description.length > 10);
      assert.ok(rule!.quotes?.length && rule!.article);
    });
    test('is silent without a workspace index', () => {
      const rel = cases.invalid[0].file;
      const fx = cases.invalid[0];
      const text = fx.edits?.[rel] ?? fs.readFileSync(path.join(WORKSPACES, fx.fixture, rel), 'utf8');
      const d = service().diagnostics({ uri: fileUri(path.join(WORKSPACES, fx.fixture, rel)), version: 1, text });
      assert.deepEqual(
        d.filter((x) => x.code === id).map((x) => x.message),
        [],
      );
    });
    for (const c of cases.valid) {
      test(`valid: ${c.name}`, async () => {
        const { all } = await setUp(c);
        assert.deepEqual(
          all.filter((d) => d.code === id).map((d) => d.message),
          [],
        );
      });
    }
    for (const c of cases.invalid) {
      test(`invalid: ${c.name}`, async () => {
        const { fx, all } = await setUp(c);
        const mine = all.filter((d) => d.code === id);
        assert.equal(
          mine.length,
          c.errors.length,
          `expected ${c.errors.length} ${id} diagnostics, got: ${JSON.stringify(mine.map((d) => [d.range, d.message]))}`,
        );
        const rule = RULES_BY_ID.get(id)!;
        const text = fx.text(c.file);
        c.errors.forEach((e, i) => {
          const d = mine[i];
          checkRange(d, e, e.at !== undefined ? rangeOf(text, e.at) : undefined, i);
          assert.ok(matches(d.message, e.message), `message "${d.message}" lacks ${e.message}`);
          if (e.severity) assert.equal(SEV[d.severity], e.severity);
          assert.equal(d.source, 'aml-yaml');
          if (rule.article) assert.equal(d.codeDescription?.href, rule.article.url);
        });
        const source = fx.source(c.file);
        const baseline = new Set(
          all.filter((d) => SCHEMA_ERRORS.has(String(d.code)) && d.severity === Severity.Error).map((d) => d.message),
        );
        const s = fx.service;
        for (const d of mine) {
          for (const action of s.codeActions(source, d.range, [d])) {
            if (action.title.startsWith('Fix all')) continue;
            const out = applyEdits(source.text, action.edit.changes[source.uri]);
            const after = s.diagnostics({ uri: source.uri, version: source.version + 1000, text: out });
            assert.equal(
              after.filter((x) => x.code === id && x.message === d.message).length,
              0,
              `after "${action.title}" the diagnostic remains:\n${out}`,
            );
            const broken = after.filter(
              (x) => SCHEMA_ERRORS.has(String(x.code)) && x.severity === Severity.Error && !baseline.has(x.message),
            );
            assert.deepEqual(
              broken.map((x) => x.message),
              [],
              `after "${action.title}":\n${out}`,
            );
          }
        }
        if (c.fix) assertFix(s, source, mine, c.fix.title, c.fix.output);
      });
    }
  });
}
