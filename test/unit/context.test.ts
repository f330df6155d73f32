import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { cursorContext } from '../../server/src/core/context';
import { parseYaml } from '../../server/src/core/document';

/** Fixture with a $0 cursor → the YAML path and mode at the cursor (rust-analyzer style table). */
const CASES: Array<{ name: string; fixture: string; mode?: 'key' | 'value'; path?: Array<string | number>; prefix?: string; none?: true }> =
  [
    { name: 'top-level key on an empty line', fixture: 'name: x\n$0', mode: 'key', path: [], prefix: '' },
    { name: 'half-typed top-level key', fixture: 'name: x\nloc$0', mode: 'key', path: [], prefix: 'loc' },
    { name: 'empty value after "key: "', fixture: 'name: x\ntier: $0', mode: 'value', path: ['tier'], prefix: '' },
    { name: 'partial value', fixture: 'public_network_access: Dis$0\n', mode: 'value', path: ['public_network_access'], prefix: 'Dis' },
    {
      name: 'nested key under a mapping',
      fixture: 'identity:\n  type: user_assigned\n  us$0',
      mode: 'key',
      path: ['identity'],
      prefix: 'us',
    },
    { name: 'nested value', fixture: 'identity:\n  type: $0\n', mode: 'value', path: ['identity', 'type'], prefix: '' },
    {
      name: 'two levels deep, after a sibling block',
      fixture: 'jobs:\n  train:\n    type: command\n    inputs:\n      a: 1\n    $0',
      mode: 'key',
      path: ['jobs', 'train'],
      prefix: '',
    },
    {
      name: 'new list item of objects',
      fixture: 'identity:\n  user_assigned_identities:\n    - $0',
      mode: 'key',
      path: ['identity', 'user_assigned_identities', 0],
      prefix: '',
    },
    {
      name: 'second key of a list item',
      fixture: 'network_acls:\n  ip_rules:\n    - value: 1.2.3.4\n      $0',
      mode: 'key',
      path: ['network_acls', 'ip_rules', 0],
      prefix: '',
    },
    {
      name: 'third list item counts its siblings',
      fixture: 'rules:\n  - a: 1\n  - a: 2\n  - $0',
      mode: 'key',
      path: ['rules', 2],
      prefix: '',
    },
    { name: 'list at the same indentation as its key', fixture: 'rules:\n- a: 1\n- b$0', mode: 'key', path: ['rules', 1], prefix: 'b' },
    {
      name: 'value inside a list item',
      fixture: 'outbound_rules:\n  - name: x\n    type: $0',
      mode: 'value',
      path: ['outbound_rules', 0, 'type'],
      prefix: '',
    },
    {
      name: 'inside a flow mapping, key',
      fixture: 'resources: {instance_count: 1, ins$0}',
      mode: 'key',
      path: ['resources'],
      prefix: 'ins',
    },
    { name: 'inside a flow mapping, value', fixture: 'identity: {type: $0}', mode: 'value', path: ['identity', 'type'], prefix: '' },
    { name: 'inside a flow sequence', fixture: 'tags: [a, $0]', mode: 'value', path: ['tags', 1], prefix: '' },
    { name: 'end of file without newline', fixture: 'name: x\nidentity:\n  ty$0', mode: 'key', path: ['identity'], prefix: 'ty' },
    { name: 'second document of a multi-document file', fixture: 'name: a\n---\nname: b\n$0', mode: 'key', path: [], prefix: '' },
    { name: 'in a comment', fixture: 'name: x # note $0', none: true },
    { name: 'inside a block scalar', fixture: 'command: |\n  python train.py\n  $0', none: true },
  ];

describe('cursor context (path at position while typing)', () => {
  for (const c of CASES) {
    test(c.name, () => {
      const offset = c.fixture.indexOf('$0');
      const text = c.fixture.replace('$0', '');
      const ctx = cursorContext(parseYaml(text), offset);
      if (c.none) return assert.equal(ctx, undefined);
      assert.ok(ctx, 'expected a context');
      assert.equal(ctx!.mode, c.mode);
      assert.deepEqual(ctx!.path, c.path);
      assert.equal(ctx!.prefix, c.prefix);
      assert.equal(text.slice(ctx!.replaceStart, offset), c.prefix, 'the replace range starts where the typed text starts');
    });
  }
});
