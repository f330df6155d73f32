import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { main, type CliIO } from '../../server/src/cli/main';
import { CLI, schema, scratchTrees } from '../cli/helpers';
import { HANG_MS } from '../timing';

/**
 * The CLI's output cannot be abused: text from the files never reaches the
 * terminal or the CI log as control characters, the output grows with the
 * findings (not with the size of what they quote), no formatter crashes on a
 * large file, and files that are not regular files never block it.
 */

const FORMATS = ['stylish', 'json', 'sarif', 'github'];
/** Characters that must never appear raw (beyond the line breaks of the output itself). */
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

const { tree } = scratchTrees();

async function run(cwd: string, args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIO = { cwd, env: {}, stdout: { write: (t: string) => (out += t) }, stderr: { write: (t: string) => (err += t) } };
  const code = await main(args, io);
  return { code, out, err };
}

describe('CLI output from hostile files', () => {
  test('escape sequences, C1 controls and bidirectional overrides from keys, values and file names are escaped in every format', async () => {
    const evil = '\\e[2J\\e]0;owned\\a\\x9b31m\\u202eevil\\u2066';
    const files = {
      'ws.yml': `${schema('workspace')}\nname: ws\nlocation: eastus\n"key${evil}": 1\npublic_network_access: "x${evil}"\n`,
      [`name\u001b[31m\u202e.yml`]: `${schema('workspace')}\nname: ws2\nlocation: eastus\nbad_key: 1\n`,
    };
    const dir = tree(files);
    for (const format of FORMATS) {
      const r = await run(dir, ['check', '--verbose', '-f', format]);
      assert.ok(r.out.length > 0);
      const raw = RAW_CONTROL.exec(r.out + r.err);
      assert.equal(raw, null, `--format ${format} wrote U+${raw?.[0].charCodeAt(0).toString(16).padStart(4, '0')} raw`);
      if (format === 'json' || format === 'sarif') JSON.parse(r.out); // escapes keep the JSON valid
    }
    // The data survives: JSON consumers get the real key back.
    const json = JSON.parse((await run(dir, ['check', '-f', 'json'])).out);
    assert.ok(JSON.stringify(json).includes('\\u001b[2J'));
  });

  test('output grows with the findings, not with what they quote (a 100 KB key)', async () => {
    const longKey = 'k'.repeat(100_000);
    const keys = Array.from({ length: 300 }, (_, i) => `unknown_${i}: 1`).join('\n');
    const text = `${schema('workspace')}\nname: ws\nlocation: eastus\n${longKey}: 1\n${keys}\n`;
    const dir = tree({ 'big.yml': text });
    for (const format of FORMATS) {
      const r = await run(dir, ['check', '-f', format]);
      const lines = r.out.split('\n');
      const longest = Math.max(...lines.map((l) => l.length));
      assert.ok(longest < 2_000, `--format ${format}: a line of ${longest} characters`);
      assert.ok(
        r.out.length < 3 * text.length,
        `--format ${format}: ${r.out.length} characters of output for a ${text.length}-character file`,
      );
    }
  });

  test('no formatter fails on a large file with many findings (605 KB)', async () => {
    const lines: string[] = [];
    let size = 0;
    for (let i = 0; size < 605_000; i++) {
      const l = `unknown_key_${i}_${'x'.repeat(40)}: "value ${i}"`;
      lines.push(l);
      size += l.length + 1;
    }
    const dir = tree({ 'huge.yml': `${schema('workspace')}\nname: ws\nlocation: eastus\n${lines.join('\n')}\n` });
    for (const format of FORMATS) {
      const r = await run(dir, ['check', '-f', format]);
      assert.ok(r.code === 0 || r.code === 1, `--format ${format} exit ${r.code}: ${r.err.slice(0, 300)}`);
      if (format === 'stylish') assert.match(r.out, /problems? \(.*\) in 1 file\.\n$/);
    }
  });

  test('FIFOs and links to devices named *.yml are skipped, never read (no hang)', () => {
    const dir = tree({ 'ok.yml': `${schema('workspace')}\nname: ws\nlocation: eastus\n` });
    const fifo = spawnSync('mkfifo', [path.join(dir, 'pipe.yml')]);
    fs.symlinkSync('/dev/zero', path.join(dir, 'zero.yml'));
    fs.symlinkSync('/proc/self/fd/0', path.join(dir, 'stdin.yml'));
    // A hang detector: the child is killed after HANG_MS (a blocked read never returns).
    const r = spawnSync(process.execPath, [CLI, 'check', '-f', 'json', '--verbose', dir], {
      encoding: 'utf8',
      timeout: HANG_MS,
      input: '',
    });
    assert.equal(r.signal, null, 'the CLI hung');
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(
      JSON.parse(r.stdout).files.map((f: { path: string }) => path.basename(f.path)),
      ['ok.yml'],
    );
    if (fifo.status === 0) {
      const explicit = spawnSync(process.execPath, [CLI, 'check', path.join(dir, 'pipe.yml')], { encoding: 'utf8', timeout: HANG_MS });
      assert.equal(explicit.status, 2);
      assert.match(explicit.stderr, /is not a regular file or a folder/);
    }
  });

  test('a huge .aml-yaml.json is not read', async () => {
    const dir = tree({
      'ok.yml': `${schema('workspace')}\nname: ws\nlocation: eastus\n`,
      '.aml-yaml.json': `{"rules": {}, "x": "${'a'.repeat(2 * 1024 * 1024)}"}`,
    });
    const r = await run(dir, ['check']);
    assert.equal(r.code, 2);
    assert.match(r.err, /larger than 1024 KB; aml-yaml did not read it/);
  });
});
