import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { checkRepoConfig, CONFIG_SCHEMA_ID, repoConfigSchema } from '../../server/src/core/configSchema';
import { readConfig } from '../../server/src/core/config';
import { KINDS } from '../../server/src/core/kinds';
import { RepoConfigReader, REPO_CONFIG_FILE } from '../../server/src/node/repoConfig';
import { RULES } from '../../server/src/rules/registry';
import { ROOT } from '../helpers';

/** `.aml-yaml.json` has one definition (core/configSchema.ts): the shipped JSON schema and the validation of the CLI and the server. */
/** `line:column` (1-based) of a snippet that occurs once in the text: never counted by hand. */
function at(text: string, snippet: string): string {
  const i = text.indexOf(snippet);
  assert.ok(i >= 0 && text.indexOf(snippet, i + 1) < 0, `${snippet} occurs once`);
  const before = text.slice(0, i);
  return `${before.split('\n').length}:${i - before.lastIndexOf('\n')}`;
}
const check = (text: string) => checkRepoConfig(JSON.parse(text), 'repo/.aml-yaml.json', text).map((p) => p.message);

describe('.aml-yaml.json schema', () => {
  test('a valid file, with every setting and the "workspace" path (issue 11), has no problem', () => {
    const text = JSON.stringify(
      {
        $schema: './node_modules/aml-yaml/dist/aml-yaml-config.schema.json',
        validate: false,
        rules: { 'plaintext-secret': 'off', 'unknown-key': 'error', 'no-such-rule': 'hint' },
        fileKinds: { 'infra/*.yml': 'workspace' },
        workspace: 'infra/workspace.yml',
      },
      null,
      2,
    );
    assert.deepEqual(check(text), []);
  });

  test('each problem names the file, line and column, and the JSON path', () => {
    const text = [
      '{',
      '  "validate": "yes",',
      '  "rulez": {},',
      '  "rules": { "network-acls-ipv6": "warn", "plaintext-secret": 2 },',
      '  "fileKinds": { "*.job.yml": "comandJob", "*.ws.yml": 7 },',
      '  "syntaxDiagnostics": "always",',
      '  "workspace": ""',
      '}',
    ].join('\n');
    assert.deepEqual(check(text), [
      `repo/.aml-yaml.json:${at(text, '"yes"')}: validate: must be true or false, not "yes".`,
      `repo/.aml-yaml.json:${at(text, '"rulez"')}: "rulez" is not a setting of .aml-yaml.json (did you mean "rules"?); the settings are validate, rules, fileKinds, workspace.`,
      `repo/.aml-yaml.json:${at(text, '"warn"')}: rules["network-acls-ipv6"]: severity "warn" is not one of off, hint, info, warning, error (did you mean "warning"?).`,
      `repo/.aml-yaml.json:${at(text, '2 }')}: rules["plaintext-secret"]: must be a severity word, not 2.`,
      `repo/.aml-yaml.json:${at(text, '"comandJob"')}: fileKinds["*.job.yml"]: "comandJob" is not an Azure ML kind (did you mean "commandJob"?).`,
      `repo/.aml-yaml.json:${at(text, '7 }')}: fileKinds["*.ws.yml"]: must be a kind name, not 7.`,
      `repo/.aml-yaml.json:${at(text, '"syntaxDiagnostics"')}: "syntaxDiagnostics" is an editor setting (aml-yaml.syntaxDiagnostics in VS Code, or the aml-yaml server's settings in other editors); it has no effect here.`,
      `repo/.aml-yaml.json:${at(text, '""')}: workspace: must be the path of a workspace spec, relative to this file, not an empty string.`,
    ]);
  });

  test('wrong shapes', () => {
    assert.deepEqual(check('[]'), ['repo/.aml-yaml.json:1:1: must be a JSON object.']);
    const text = '{ "rules": ["off"], "fileKinds": "x", "workspace": 3 }';
    assert.deepEqual(check(text), [
      `repo/.aml-yaml.json:${at(text, '["off"]')}: rules: must be an object of rule id to severity, not a list.`,
      `repo/.aml-yaml.json:${at(text, '"x"')}: fileKinds: must be an object of glob to kind, not "x".`,
      `repo/.aml-yaml.json:${at(text, '3 }')}: workspace: must be the path of a workspace spec, relative to this file, not 3.`,
    ]);
  });

  test('the reader reports the schema problems and keeps the valid values', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aml-config-schema-'));
    try {
      const file = path.join(dir, REPO_CONFIG_FILE);
      const text = '{ "rules": { "plaintext-secret": "off", "network-acls-ipv6": "loud" }, "extra": 1 }';
      fs.writeFileSync(file, text);
      const found = new RepoConfigReader().forFile(path.join(dir, 'a.yml'));
      assert.deepEqual(found.config, { rules: { 'plaintext-secret': 'off' } });
      assert.deepEqual(
        found.problems.map((p) => p.message),
        [
          `${file}:${at(text, '"loud"')}: rules["network-acls-ipv6"]: severity "loud" is not one of off, hint, info, warning, error.`,
          `${file}:${at(text, '"extra"')}: "extra" is not a setting of .aml-yaml.json; the settings are validate, rules, fileKinds, workspace.`,
        ],
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the schema accepts what readConfig keeps, and readConfig keeps nothing the schema rejects', () => {
    const samples: unknown[] = [
      { validate: true },
      { rules: { 'plaintext-secret': 'warning' } },
      { fileKinds: { '*.yml': 'amlCompute' } },
      { rules: { x: 'loud' } },
      { fileKinds: { '*.yml': 'nope' } },
      { validate: 1 },
    ];
    for (const raw of samples) {
      const kept = readConfig(raw, [], 'x', 'repository');
      assert.deepEqual(checkRepoConfig(kept, 'x'), [], JSON.stringify(raw));
    }
  });

  test('the shipped schema is current and lists every rule id, severity and kind; VS Code applies it to .aml-yaml.json', () => {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'gen-config-schema.mjs'), '--check'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const schema = JSON.parse(fs.readFileSync(path.join(ROOT, 'dist', 'aml-yaml-config.schema.json'), 'utf8'));
    assert.equal(schema.$id, CONFIG_SCHEMA_ID);
    assert.deepEqual(Object.keys(schema.properties), Object.keys(repoConfigSchema().properties as object));
    for (const rule of RULES)
      assert.deepEqual(schema.properties.rules.properties[rule.id].enum, ['off', 'hint', 'info', 'warning', 'error'], rule.id);
    assert.deepEqual(
      schema.properties.fileKinds.additionalProperties.enum,
      KINDS.map((k) => k.id),
    );
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    assert.deepEqual(pkg.contributes.jsonValidation, [{ fileMatch: '.aml-yaml.json', url: './dist/aml-yaml-config.schema.json' }]);
  });
});
