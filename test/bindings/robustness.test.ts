import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { LineIndex } from '../../server/src/core/text';
import { applyEdits, doc, schemaLine, service } from '../helpers';

/** Odd and hostile documents: the binding features answer, and never hide the other diagnostics. */
describe('bindings on odd and hostile documents', () => {
  const codes = (text: string) =>
    service()
      .diagnostics(doc(text))
      .map((d) => d.code);

  test('deep nesting under an input, aliases, flow mappings and non-string keys', () => {
    const deep = 'a:\n' + Array.from({ length: 400 }, (_, i) => `${'  '.repeat(i + 3)}a:`).join('\n') + ' 1\n';
    const text = `${schemaLine('pipelineJob')}\ntype: pipeline\nunknown_key: 1\ninputs:\n  x: &x {type: uri_folder, path: azureml:iris:1}\n  y: *x\n  ${deep}  ? [complex, key]\n  : 1\njobs:\n  a: {type: command, command: "echo \${{inputs.i}} \${{parent.inputs.x}}", environment: "azureml:env@latest", inputs: {i: "\${{parent.inputs.y}}"}}\n`;
    const got = codes(text);
    assert.ok(got.includes('unknown-key') || got.includes('too-deep'), got.join(','));
    assert.ok(!got.includes('binding-unresolved'), got.join(','));
  });

  test('a command with thousands of expressions and unclosed ones', () => {
    const cmd = Array.from({ length: 3000 }, (_, i) => (i % 7 === 0 ? '${{inputs.x' : `\${{inputs.x}}`)).join(' ');
    const text = `${schemaLine('commandJob')}\ninputs:\n  x: 1\nenvironment: azureml:env@latest\ncompute: azureml:c\ncommand: "${cmd}"\n`;
    const got = codes(text);
    assert.ok(got.length > 0 && got.every((c) => c === 'binding-syntax'), [...new Set(got)].join(','));
  });

  test('CRLF line endings: ranges and rename edits stay on the names', () => {
    const text = `${schemaLine('commandComponent')}\r\nname: c\r\ntype: command\r\nenvironment: azureml:env@latest\r\ninputs:\r\n  lr:\r\n    type: number\r\ncommand: >-\r\n  python t.py\r\n  --lr \${{inputs.lr}} --x \${{inputs.nope}}\r\n`;
    const s = service();
    const d = s.diagnostics(doc(text)).find((x) => x.code === 'command-binding-undeclared')!;
    const lines = new LineIndex(text);
    assert.equal(text.slice(lines.offsetAt(d.range.start), lines.offsetAt(d.range.end)), 'nope');
    const src = doc(text);
    const at = lines.positionAt(text.indexOf('inputs.lr') + 8);
    const r = s.rename(src, at, 'rate');
    assert.ok(r && 'edit' in r);
    assert.equal(
      applyEdits(text, r.edit.changes[src.uri]),
      text.replace('  lr:\r\n', '  rate:\r\n').replace('${{inputs.lr}}', '${{inputs.rate}}'),
    );
  });

  test('two pipelines in one file are separate graphs', () => {
    const one = (name: string) =>
      `${schemaLine('pipelineJob')}\ntype: pipeline\ninputs:\n  ${name}: 1\njobs:\n  a:\n    type: command\n    command: echo \${{inputs.v}}\n    environment: azureml:env@latest\n    inputs:\n      v: \${{parent.inputs.first}}\n`;
    const text = `${one('first')}---\n${one('second')}`;
    const d = service()
      .diagnostics(doc(text))
      .filter((x) => x.code === 'binding-unresolved');
    assert.equal(d.length, 1);
    assert.ok(d[0].range.start.line > 10);
    assert.match(d[0].message, /The pipeline has no input "first"/);
  });

  test('quoted and spaced forms are read as the SDK reads them', () => {
    const text = `${schemaLine('commandComponent')}\nname: c\ntype: command\nenvironment: azureml:env@latest\ninputs:\n  lr:\n    type: number\ncommand: 'python t.py --lr \${{ inputs.lr }} --x "\${{inputs.lr}}"'\n`;
    assert.deepEqual(codes(text), []);
  });
});
