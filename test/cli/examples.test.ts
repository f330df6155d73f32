import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, test } from 'node:test';
import { ROOT, runCli } from './helpers';

describe('examples/', () => {
  test('examples/fixed/ is clean', async () => {
    const r = await runCli(['check', 'examples/fixed', '-f', 'json']);
    const out = JSON.parse(r.stdout);
    const all = out.files.flatMap((f: { path: string; diagnostics: Array<{ code: string; message: string }> }) =>
      f.diagnostics.map((d) => `${f.path}: ${d.code}: ${d.message}`),
    );
    assert.deepEqual(all, []);
    assert.equal(r.status, 0);
    assert.ok(out.summary.files >= 10, 'the fixed variant has every spec');
  });

  test('examples/ has errors (exit 1), across many rules', async () => {
    const r = await runCli(['check', 'examples', '--ignore', 'examples/fixed', '-f', 'json']);
    assert.equal(r.status, 1);
    const out = JSON.parse(r.stdout);
    const codes = new Set(out.files.flatMap((f: { diagnostics: Array<{ code: string }> }) => f.diagnostics.map((d) => d.code)));
    assert.ok(codes.size >= 10, `only ${codes.size} distinct codes`);
  });

  test('npm run check:examples: the findings are exactly the "# expect" annotations', async () => {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'check-examples.mjs')], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, NODE_OPTIONS: '' },
    });
    assert.equal(r.status, 0, r.stdout.split('check:examples:').slice(1).join('check:examples:') + r.stderr);
    assert.match(r.stdout, /check:examples: OK/);
  });
});
