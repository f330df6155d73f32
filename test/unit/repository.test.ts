import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { ROOT } from '../helpers';

/** Files under version control, or undefined outside a git checkout (a source tarball). */
function trackedFiles(): string[] | undefined {
  const r = spawnSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) return undefined;
  return r.stdout.split('\0').filter(Boolean);
}

test('no tracked file carries merge conflict markers', (t) => {
  const files = trackedFiles();
  if (!files) return t.skip('not a git checkout');
  const marker = /^(<{7} |>{7} |={7}$)/m;
  const hits: string[] = [];
  for (const rel of files) {
    if (rel.startsWith('test/fixtures/')) continue; // third-party specs, checked as data
    const abs = path.join(ROOT, rel);
    let st: fs.Stats;
    try {
      st = fs.lstatSync(abs);
    } catch {
      continue; // deleted in the work tree
    }
    if (!st.isFile() || st.size > 2_000_000) continue;
    const text = fs.readFileSync(abs, 'utf8');
    const m = marker.exec(text);
    if (m) hits.push(`${rel}:${text.slice(0, m.index).split('\n').length}`);
  }
  assert.deepEqual(hits, []);
});
