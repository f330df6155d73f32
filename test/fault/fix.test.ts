import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { main, type CliIO } from '../../server/src/cli/main';
import { NODE_FS, writeFixes, type WriteFs } from '../../server/src/cli/write';
import { CLI, schema, scratchTrees } from '../cli/helpers';

/**
 * `--fix` never loses a byte: written through a temporary file and a rename,
 * never through a link out of the checked tree, never over a file that is
 * not UTF-8 or that changed meanwhile; the original stays intact when the
 * disk is full, when any write step fails, and when the process is killed.
 */

const TYPO = `${schema('amlCompute')}\nname: gpu\ntype: amlcompute\nmin_instance: 0\n`;
const FIXED = TYPO.replace('min_instance:', 'min_instances:');

const { tree, keep } = scratchTrees();

function io(cwd: string): CliIO & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    cwd,
    env: {},
    stdout: { write: (t: string) => (out += t) },
    stderr: { write: (t: string) => (err += t) },
    out: () => out,
    err: () => err,
  };
}

const leftovers = (dir: string) => fs.readdirSync(dir).filter((f) => f.includes('.aml-yaml-') && f.endsWith('.tmp'));

describe('--fix writes atomically and only what it may', () => {
  test('fixes are written, and the file keeps its mode', async () => {
    const dir = tree({ 'c.yml': TYPO });
    fs.chmodSync(path.join(dir, 'c.yml'), 0o640);
    const run = io(dir);
    assert.equal(await main(['check', '--fix', '-f', 'json'], run), 0, run.err());
    assert.equal(fs.readFileSync(path.join(dir, 'c.yml'), 'utf8'), FIXED);
    assert.equal(fs.statSync(path.join(dir, 'c.yml')).mode & 0o777, 0o640);
    assert.deepEqual(leftovers(dir), []);
  });

  test('a link to a file outside the checked folder is not written through', async () => {
    const outside = tree({ 'spec.yml': TYPO });
    const dir = tree({});
    fs.symlinkSync(path.join(outside, 'spec.yml'), path.join(dir, 'link.yml'));
    const run = io(dir);
    await main(['check', '--fix'], run);
    assert.equal(fs.readFileSync(path.join(outside, 'spec.yml'), 'utf8'), TYPO);
    assert.match(run.err(), /did not write the fixes of link\.yml: it is a link to a file outside the checked folders/);
    assert.ok(fs.lstatSync(path.join(dir, 'link.yml')).isSymbolicLink());
  });

  test('a link inside the checked folder: the target is fixed and the link stays a link', async () => {
    const dir = tree({ 'real/spec.yml': TYPO });
    fs.symlinkSync(path.join(dir, 'real', 'spec.yml'), path.join(dir, 'link.yml'));
    await main(['check', '--fix', 'link.yml'], io(dir));
    assert.equal(fs.readFileSync(path.join(dir, 'real', 'spec.yml'), 'utf8'), FIXED);
    assert.ok(fs.lstatSync(path.join(dir, 'link.yml')).isSymbolicLink());
  });

  test('a file that is not valid UTF-8 is left byte for byte, with a note', async () => {
    const latin1 = Buffer.concat([Buffer.from(TYPO.replace('name: gpu\n', 'name: gpu\n# caf')), Buffer.from([0xe9]), Buffer.from('\n')]);
    const dir = tree({ 'latin1.yml': latin1 });
    const run = io(dir);
    await main(['check', '--fix'], run);
    assert.ok(fs.readFileSync(path.join(dir, 'latin1.yml')).equals(latin1));
    assert.match(run.err(), /latin1\.yml is not valid UTF-8; --fix left it unchanged/);
    assert.match(run.out(), /min_instance/, 'the finding is still reported');
  });

  test('a file changed on disk after it was read is not overwritten', () => {
    const dir = tree({ 'c.yml': TYPO });
    const file = path.join(dir, 'c.yml');
    const original = fs.readFileSync(file);
    fs.writeFileSync(file, `${TYPO}# edited meanwhile\n`);
    const outcome = writeFixes({ file, original, text: FIXED, roots: [fs.realpathSync(dir)] });
    assert.deepEqual(outcome, { written: false, reason: 'it changed on disk while it was checked' });
    assert.equal(fs.readFileSync(file, 'utf8'), `${TYPO}# edited meanwhile\n`);
  });

  for (const step of ['openSync', 'writeSync', 'fsyncSync', 'fchmodSync', 'closeSync', 'renameSync'] as const) {
    test(`a failure in ${step} (a full disk, an I/O error) leaves the original intact and no temporary file`, () => {
      const dir = tree({ 'c.yml': TYPO });
      const file = path.join(dir, 'c.yml');
      const failing: WriteFs = {
        ...NODE_FS,
        [step]: (...args: unknown[]) => {
          if (step === 'writeSync') (NODE_FS.writeSync as any)(args[0], args[1], args[2], Math.min(4, args[3] as number)); // part of it first
          throw Object.assign(new Error(`injected ${step} failure`), { code: step === 'writeSync' ? 'ENOSPC' : 'EIO' });
        },
      };
      const outcome = writeFixes({ file, original: fs.readFileSync(file), text: FIXED, roots: [fs.realpathSync(dir)] }, failing);
      assert.equal(outcome.written, false);
      assert.match((outcome as { reason: string }).reason, /the file is unchanged/);
      assert.equal(fs.readFileSync(file, 'utf8'), TYPO);
      assert.deepEqual(leftovers(dir), []);
    });
  }

  test('a really full disk (a tiny tmpfs, when this user may mount one)', (t) => {
    const mnt = fs.mkdtempSync(path.join(os.tmpdir(), 'aml-yaml-full-'));
    keep(mnt);
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=16k', 'tmpfs', mnt], { stdio: 'ignore' });
    } catch {
      t.skip('mounting a tmpfs needs root; the injected failures above cover the same path');
      return;
    }
    try {
      // The spec and a filler that leaves less room than the fixed spec needs.
      const spec = `${TYPO}${'# padding line to make the file larger\n'.repeat(60)}`;
      fs.writeFileSync(path.join(mnt, 'c.yml'), spec);
      try {
        for (let i = 0; ; i++) fs.writeFileSync(path.join(mnt, `fill${i}`), Buffer.alloc(1024));
      } catch {
        /* full */
      }
      const r = spawnSync(process.execPath, [CLI, 'check', '--fix', mnt], { encoding: 'utf8' });
      assert.ok(r.status === 0 || r.status === 1, r.stderr);
      assert.match(r.stderr, /did not write the fixes of .*c\.yml: cannot write it \(ENOSPC\); the file is unchanged/);
      assert.equal(fs.readFileSync(path.join(mnt, 'c.yml'), 'utf8'), spec);
      assert.deepEqual(leftovers(mnt), []);
    } finally {
      execFileSync('umount', [mnt], { stdio: 'ignore' });
    }
  });

  test('killed at any moment, every file is either as it was or fully fixed', async () => {
    // Many files, so that the kill lands during the writes now and then; the property holds whenever it lands.
    const files: Record<string, string> = {};
    for (let i = 0; i < 150; i++) files[`d${i % 10}/c${i}.yml`] = TYPO.replace('name: gpu', `name: gpu${i}`);
    for (let round = 0; round < 6; round++) {
      const dir = tree(files);
      const child = spawn(process.execPath, [CLI, 'check', '--fix', dir], { stdio: 'ignore' });
      const exited = new Promise((r) => child.once('exit', r));
      await new Promise((r) => setTimeout(r, 300 + round * 250));
      child.kill('SIGKILL');
      await exited;
      for (const [rel, text] of Object.entries(files)) {
        const now = fs.readFileSync(path.join(dir, rel), 'utf8');
        assert.ok(
          now === text || now === text.replace('min_instance:', 'min_instances:'),
          `${rel} after a kill: ${JSON.stringify(now.slice(0, 80))}`,
        );
      }
    }
  });
});
