// VS Code rejects a whole outline ("name must not be falsy") when one symbol
// has an empty name: empty keys and empty spec names get a visible name.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { schemaLine, service } from '../helpers';

test('symbols: empty keys and an empty spec name still give non-empty symbol names', () => {
  const text = `${schemaLine('workspace')}\nname: ''\n: orphan value\nlocation: eastus\n`;
  const symbols = service().documentSymbols({ uri: 'file:///ws/empty-names.yml', version: 1, text });
  const names: string[] = [];
  const walk = (list: Array<{ name: string; children?: unknown[] }>) => {
    for (const s of list) {
      names.push(s.name);
      walk((s.children ?? []) as Array<{ name: string; children?: unknown[] }>);
    }
  };
  walk(symbols as Array<{ name: string; children?: unknown[] }>);
  assert.ok(names.length >= 3, names.join(', '));
  for (const n of names) assert.ok(n && n.length > 0, `empty name among ${JSON.stringify(names)}`);
});
