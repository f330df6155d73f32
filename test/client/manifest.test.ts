// The extension manifest (package.json) against the code: every catalogue
// rule has a setting entry, the kinds enum is complete, every contributed
// command is registered by the client and every registered one contributed.
import { BUILTIN_CODES } from '../../server/src/features/diagnostics';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { KINDS } from '../../server/src/core/kinds';
import { RULES } from '../../server/src/rules/registry';

const root = path.resolve(__dirname, '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const props = pkg.contributes.configuration.properties;

test('manifest: aml-yaml.rules lists every catalogue rule and built-in code with the severity enum', () => {
  const listed = Object.keys(props['aml-yaml.rules'].properties).sort();
  assert.deepEqual(
    listed,
    [...new Set([...RULES.map((r) => r.id), ...BUILTIN_CODES])].sort(),
    'run node client/scripts/gen-settings.mjs (the build does)',
  );
  assert.match(props['aml-yaml.rules'].properties['traffic-total'].markdownDescription, /more than 100.*Managed online endpoint/);
  for (const id of listed) assert.deepEqual(props['aml-yaml.rules'].properties[id].enum, ['off', 'hint', 'info', 'warning', 'error']);
});

test('manifest: aml-yaml.fileKinds offers every kind id', () => {
  assert.deepEqual(
    props['aml-yaml.fileKinds'].additionalProperties.enum,
    KINDS.map((k) => k.id),
  );
});

test('manifest: settings have types and descriptions', () => {
  for (const [key, p] of Object.entries<any>(props)) {
    assert.ok(p.type, `${key} has a type`);
    assert.ok(p.description || p.markdownDescription, `${key} has a description`);
  }
  assert.deepEqual(props['aml-yaml.trace.server'].enum, ['off', 'messages', 'verbose']);
});

test('manifest: contributed commands and registered commands match', () => {
  const contributed = pkg.contributes.commands.map((c: { command: string }) => c.command).sort();
  const source = fs.readFileSync(path.join(root, 'client', 'src', 'extension.ts'), 'utf8');
  const registered = [...source.matchAll(/registerCommand\('([^']+)'/g)].map((m) => m[1]).sort();
  assert.deepEqual(contributed, registered);
});

test('manifest: activation only on YAML, untrusted workspaces supported, icon present', () => {
  assert.deepEqual(pkg.activationEvents, ['onLanguage:yaml']);
  assert.equal(pkg.capabilities.untrustedWorkspaces.supported, true);
  assert.ok(fs.existsSync(path.join(root, pkg.icon)));
  assert.equal(pkg.main, './dist/client.js');
});
