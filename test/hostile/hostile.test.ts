import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { LIMITS } from '../../server/src/core/document';
import type { Diagnostic, TextSource } from '../../server/src/core/types';
import { parseAllDocuments } from 'yaml';
import { applyEdits, service } from '../helpers';
import { lineOf, rangeOf } from '../markers';
import { assertWithin, timed } from '../timing';
import { aliasBomb, bigSpec, deep, schema, thousandDocuments, typoWorkspace } from './inputs';

/**
 * Hostile input through the language service: every call returns promptly,
 * nothing throws, and a clear diagnostic says where analysis stopped.
 */

/**
 * Every call on hostile input stays bounded: at most FACTOR times the YAML
 * parse floor of the same text (the yaml package's parse as the service
 * configures it, measured here in the same run, so a busy machine slows both
 * alike), and never under HANG_FLOOR_MS. Normal ratios are 0.5 to 2 (numbers
 * in `npm run bench`); a hang or a blow-up (alias expansion, a quadratic scan
 * of a 4 MB mapping) is far beyond that.
 */
const FACTOR = 20;

let n = 0;
function source(text: string): TextSource {
  return { uri: `file:///hostile/spec${++n}.yml`, version: 1, text };
}

/** The YAML parse floor of a text, in ms; 0 above the size limit (such files are not parsed at all). */
function parseFloor(text: string): number {
  if (text.length > LIMITS.maxTextLength) return 0;
  return timed(() => {
    try {
      parseAllDocuments(text, { uniqueKeys: false, prettyErrors: false, strict: true, logLevel: 'error' });
    } catch {
      // deep nesting may exhaust the parser's stack: the time until then is the floor
    }
  }).ms;
}

/** Diagnostics, then every other feature at a few positions, each bounded against the parse floor. */
function analyse(text: string): { doc: TextSource; diagnostics: Diagnostic[] } {
  const svc = service();
  const doc = source(text);
  let floor: number | undefined;
  const floorOnce = () => (floor ??= parseFloor(text));
  const call = <T>(label: string, fn: () => T): T => {
    const { ms, result } = timed(fn);
    assertWithin(label, ms, floorOnce, FACTOR, 'the YAML parse of the same text');
    return result;
  };
  const diagnostics = call('diagnostics', () => svc.diagnostics(doc));
  const positions = [
    { line: 0, character: 0 },
    { line: 1, character: 2 },
    { line: 3, character: 4 },
    { line: 200, character: 300 },
    { line: 1e6, character: 1e6 },
  ];
  for (const p of positions) {
    call('completion', () => svc.complete(doc, p));
    call('hover', () => svc.hover(doc, p));
    call('definition', () => svc.definition(doc, p));
    call('references', () => svc.references(doc, p));
  }
  call('symbols', () => svc.documentSymbols(doc));
  call('code actions', () => svc.codeActions(doc, { start: { line: 0, character: 0 }, end: { line: 1e6, character: 0 } }));
  return { doc, diagnostics };
}

const codes = (ds: Diagnostic[]) => ds.map((d) => String(d.code));

describe('hostile input (language service)', () => {
  before(() => {
    // Validators compile on first use; that one-time cost is not what these tests bound.
    for (const kind of ['workspace', 'amlCompute']) service().store.validator(kind);
  });

  test('alias bomb: stops at the alias limit with a diagnostic', () => {
    const { diagnostics } = analyse(aliasBomb());
    const d = diagnostics.find((x) => x.code === 'alias-limit');
    assert.ok(d, JSON.stringify(diagnostics));
    assert.match(d.message, new RegExp(`more than ${LIMITS.maxAliasExpansion.toLocaleString('en-US')}`));
  });

  test('10 MB file: skipped with a file-too-large diagnostic on the first line', () => {
    const { diagnostics } = analyse(bigSpec(10 * 1024 * 1024));
    assert.deepEqual(codes(diagnostics), ['file-too-large']);
    assert.equal(diagnostics[0].range.start.line, 0);
    assert.match(diagnostics[0].message, /analyses files up to \d+ characters/);
  });

  test('a file just under the size limit is analysed', () => {
    // A 4 MB mapping: about as long as its parse (it took minutes before duplicate keys were checked in one pass).
    const { diagnostics } = analyse(bigSpec(LIMITS.maxTextLength - 1024));
    assert.ok(!codes(diagnostics).includes('file-too-large'));
  });

  for (const [style, make] of Object.entries(deep)) {
    test(`deep nesting (${style}): one too-deep diagnostic, no stack overflow message`, () => {
      const { diagnostics } = analyse(make());
      assert.ok(codes(diagnostics).includes('too-deep'), JSON.stringify(codes(diagnostics)));
      assert.ok(!diagnostics.some((d) => /call stack/i.test(d.message)), diagnostics.map((d) => d.message).join('\n'));
    });
  }

  test('binary content: one binary-content diagnostic', () => {
    const { diagnostics } = analyse(`${schema('workspace')}name: \u0000\u0001\u0002\u0003\nlocation: eastus\n`);
    assert.deepEqual(codes(diagnostics), ['binary-content']);
  });

  test('invalid UTF-8 (decoded to U+FFFD) is analysed like any text', () => {
    const bytes = Buffer.concat([
      Buffer.from(`${schema('workspace')}name: ws\ndisplay_name: `),
      Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xed, 0xa0, 0x80]),
      Buffer.from('\nlocation: eastus\npublic_network_acess: x\n'),
    ]);
    const { diagnostics } = analyse(bytes.toString('utf8'));
    assert.ok(codes(diagnostics).includes('unknown-key'), JSON.stringify(diagnostics));
    // Lone surrogates (a client may send them in JSON) are no problem either.
    analyse(`${schema('workspace')}name: "\ud800"\ndisplay_name: \udc00x\n`);
  });

  test('a byte order mark does not hide the kind or shift positions', () => {
    const { diagnostics } = analyse(`\ufeff${typoWorkspace}`);
    const d = diagnostics.find((x) => x.code === 'unknown-key');
    assert.ok(d, JSON.stringify(diagnostics));
    assert.deepEqual(d.range, rangeOf(typoWorkspace, 'public_network_acess'), 'where it is without the mark');
  });

  test('CRLF line ends: ranges end before the \\r and fixes keep CRLF', () => {
    const svc = service();
    const { doc, diagnostics } = analyse(typoWorkspace.replace(/\n/g, '\r\n'));
    const d = diagnostics.find((x) => x.code === 'unknown-key')!;
    assert.deepEqual(d.range, rangeOf(typoWorkspace, 'public_network_acess'), 'where it is with LF line ends');
    for (const x of diagnostics) assert.ok(x.range.end.character <= doc.text.split('\r\n')[x.range.end.line].length, JSON.stringify(x));
    const [fix] = svc.codeActions(doc, d.range, [d]);
    const fixed = applyEdits(doc.text, fix.edit.changes![doc.uri]);
    assert.ok(fixed.includes('public_network_access: Disabled\r\n'));
    assert.ok(!/[^\r]\n/.test(fixed), 'a bare LF was introduced');
  });

  test('tabs as indentation: a yaml-syntax error on the line, the rest still checked', () => {
    const text = `${schema('workspace')}name: ws\ntags:\n\tfoo: bar\npublic_network_acess: x\n`;
    const { diagnostics } = analyse(text);
    const tab = diagnostics.find((x) => x.code === 'yaml-syntax');
    assert.ok(tab && /tab/i.test(tab.message) && tab.range.start.line === lineOf(text, '\tfoo'), JSON.stringify(diagnostics));
    assert.ok(codes(diagnostics).includes('unknown-key'));
  });

  test(`1,000 documents in one file: the first ${LIMITS.maxDocuments} are analysed, then a diagnostic`, () => {
    const { diagnostics } = analyse(thousandDocuments());
    const d = diagnostics.find((x) => x.code === 'too-many-documents');
    assert.ok(d, JSON.stringify(codes(diagnostics)));
    assert.match(d.message, new RegExp(`first ${LIMITS.maxDocuments}`));
    // It sits where analysis stops: the first document not analysed.
    assert.equal(d.range.start.line, LIMITS.maxDocuments * 4);
  });
});
