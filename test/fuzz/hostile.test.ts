import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { before, describe, test } from 'node:test';
import { mergeConfig } from '../../server/src/core/config';
import { LineIndex } from '../../server/src/core/text';
import type { Position, TextSource } from '../../server/src/core/types';
import { AmlLanguageService } from '../../server/src/service';
import { MemoryFileSystem } from '../../server/src/workspace/fs';
import { WorkspaceIndex } from '../../server/src/workspace/workspaceIndex';
import { ROOT } from '../helpers';
import { kindPart, Regressions } from './regressions';
import { HANG_FLOOR_MS } from '../timing';
import { guarded, positionsFor, prng } from './fuzz';
import { generate, GENERATORS, PLANTED_SECRET, type Generated } from './generators';

/**
 * The hostile fuzzer: grammar-aware generators (generators.ts) for each class
 * of issue 15, through every feature of the language service, with a
 * watchdog (a call slower than WATCHDOG_MS fails: a hang detector far above
 * the milliseconds these take, not a performance target), a check that the
 * planted secret never appears in anything shown, and a check that memory
 * does not grow across repeated open/edit/close. Failures are saved in
 * test/fixtures/fuzz-regressions/hostile/ and replayed on every run.
 * AML_YAML_HOSTILE_FUZZ_SECONDS (default 10; CI runs longer), AML_YAML_FUZZ_SEED.
 */

const SECONDS = Number(process.env.AML_YAML_HOSTILE_FUZZ_SECONDS ?? 10);
const SEED = Number(process.env.AML_YAML_FUZZ_SEED ?? 20260701);
const WATCHDOG_MS = HANG_FLOOR_MS;
const REGRESSIONS = path.join(ROOT, 'test', 'fixtures', 'fuzz-regressions', 'hostile');

interface Problem {
  kind: string;
  detail: string;
}

interface Regression extends Generated {
  seed?: number;
  iteration?: number;
  size?: number;
  problems: Problem[];
}

let index: WorkspaceIndex;
before(async () => {
  index = new WorkspaceIndex({ fs: new MemoryFileSystem({}) });
  await index.index(['file:///hostile-fuzz']);
});

function serviceFor(g: Generated): AmlLanguageService {
  const config = mergeConfig(g.config ? { fileKinds: g.config.fileKinds } : undefined);
  const svc = new AmlLanguageService({ workspace: index, incrementalParse: true, getConfig: () => config });
  return svc;
}

let shared: AmlLanguageService | undefined;
/** Every feature on the text; the problems found. */
function check(g: Generated, rnd: () => number): Problem[] {
  const problems: Problem[] = [];
  // A service per glob configuration; otherwise one (validators compile once).
  const svc = g.config ? serviceFor(g) : (shared ??= serviceFor(g));
  const uri = `file:///hostile-fuzz/${g.file ?? 'doc.yml'}`;
  const doc: TextSource = { uri, version: 1, text: g.text };
  const shown: unknown[] = [];
  const call = <T>(feature: string, fn: () => T, isShown = true): T | undefined =>
    guarded(
      problems,
      feature,
      () => {
        const r = fn();
        if (isShown) shown.push(r);
        return r;
      },
      (ms) => {
        if (ms > WATCHDOG_MS) problems.push({ kind: `hang:${feature}`, detail: `${ms.toFixed(0)} ms` });
      },
    );
  // The index's data is not shown to the user (its changes carry the text).
  call('index', () => index.setOpenDocument(uri, g.text, 1, svc.parse(doc)), false);
  const diagnostics = call('diagnostics', () => svc.diagnostics(doc)) ?? [];
  call('documentSymbols', () => svc.documentSymbols(doc));
  const positions: Position[] = positionsFor(g.text, rnd, 4);
  const lines = new LineIndex(g.text);
  positions.push(lines.positionAt(g.text.length), { line: Math.floor(lines.lineCount / 2), character: 5_000 });
  for (const p of positions) {
    call('completion', () => svc.complete(doc, p));
    call('hover', () => svc.hover(doc, p));
    call('definition', () => svc.definition(doc, p));
  }
  const whole = { start: { line: 0, character: 0 }, end: lines.positionAt(g.text.length) };
  const actions = call('codeActions', () => svc.codeActions(doc, whole, diagnostics)) ?? [];
  call('workspaceSymbols', () => svc.workspaceSymbols(''));
  // An edit in the middle, analysed incrementally where it can be.
  const at = Math.floor(g.text.length / 2);
  call('edit', () => svc.diagnostics({ uri, version: 2, text: `${g.text.slice(0, at)}x${g.text.slice(at)}` }));
  const actionTitles = actions.map((a) => a.title);
  svc.forget(uri);
  void index.closeDocument(uri);
  // Code action edits are applied to the file, not shown: only titles count (pushed above).
  const text = JSON.stringify([...shown.filter((s) => s !== actions), actionTitles], (k, v) =>
    k === 'edit' || k === 'textEdit' ? undefined : v,
  );
  for (let i = 0; i + 12 <= PLANTED_SECRET.length; i += 4) {
    if (text.includes(PLANTED_SECRET.slice(i, i + 12))) {
      problems.push({
        kind: 'secret-repeated',
        detail: `"${PLANTED_SECRET.slice(i, i + 12)}" in ${text.slice(Math.max(0, text.indexOf(PLANTED_SECRET.slice(i, i + 12)) - 80), text.indexOf(PLANTED_SECRET.slice(i, i + 12)) + 40)}`,
      });
      break;
    }
  }
  return problems;
}

const saved = new Regressions<Regression>(REGRESSIONS);
const save = (r: Regression) => saved.save(r, [r.text], `${r.generator}-${kindPart(r.problems[0]?.kind)}`);

/** Sizes from 200 characters to 150 KB, most of them small. */
const sizeOf = (rnd: () => number) => Math.round(200 * Math.pow(750, rnd()));

describe('hostile fuzzing (generators for each class of issue 15)', () => {
  test('saved hostile regressions replay cleanly', () => {
    const failures: string[] = [];
    for (const { file: f, r } of saved.load()) {
      const problems = check(r, prng(1));
      if (problems.length) failures.push(`${f}:\n${problems.map((p) => `  ${p.kind}: ${p.detail}`).join('\n')}`);
    }
    assert.deepEqual(failures, []);
  });

  test(`every generator for ${SECONDS} s (seed ${SEED})`, { timeout: (SECONDS + 300) * 1000 }, () => {
    const rnd = prng(SEED);
    const names = Object.keys(GENERATORS);
    const deadline = Date.now() + SECONDS * 1000;
    const seen = new Map<string, string>();
    let iterations = 0;
    // Each generator at least once, then at random until the time is up.
    while (iterations < names.length || Date.now() < deadline) {
      const name = iterations < names.length ? names[iterations] : names[Math.floor(rnd() * names.length)];
      iterations++;
      const size = sizeOf(rnd);
      const g = generate(name, rnd, size);
      const problems = check(g, rnd);
      if (!problems.length) continue;
      const fresh = problems.filter((p) => !seen.has(`${name}:${p.kind}`));
      if (!fresh.length) continue;
      const file = save({ ...g, seed: SEED, iteration: iterations, size, problems });
      for (const p of fresh) seen.set(`${name}:${p.kind}`, `${path.relative(ROOT, file)}: ${p.kind}: ${p.detail}`);
    }
    console.log(`hostile fuzz: ${iterations} inputs in ${SECONDS} s, seed ${SEED}, ${seen.size} distinct problems`);
    assert.deepEqual([...seen.values()], []);
  });
});

describe('memory across repeated open/edit/close', () => {
  test('no growth over 600 documents opened, edited and closed', () => {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    const svc = new AmlLanguageService({ workspace: index, incrementalParse: true });
    const base = fs.readFileSync(path.join(ROOT, 'examples', 'jobs', 'train-pipeline.yml'), 'utf8');
    const cycle = (i: number) => {
      const uri = `file:///hostile-fuzz/memory/doc${i}.yml`;
      let text = base;
      for (let v = 1; v <= 4; v++) {
        svc.diagnostics({ uri, version: v, text });
        index.setOpenDocument(uri, text, v, svc.parse({ uri, version: v, text }));
        svc.hover({ uri, version: v, text }, { line: 5, character: 3 });
        text = text.replace('\n', `\n# edit ${v}\n`);
      }
      svc.forget(uri);
      void index.closeDocument(uri);
    };
    const heap = () => {
      gc();
      gc();
      return process.memoryUsage().heapUsed;
    };
    for (let i = 0; i < 100; i++) cycle(i); // warm: validators compiled, caches filled
    const start = heap();
    for (let i = 100; i < 700; i++) cycle(i);
    const growth = (heap() - start) / 1024 / 1024;
    // A leak of one analysis per document would be tens of MB here.
    assert.ok(growth < 8, `heap grew by ${growth.toFixed(1)} MB over 600 documents`);
  });
});
