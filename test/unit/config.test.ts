import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { DEFAULT_CONFIG, mergeConfig, readConfig, type AmlConfig, type ConfigProblem } from '../../server/src/core/config';
import type { Diagnostic, SeverityName } from '../../server/src/core/types';
import { REPO_CONFIG_FILE, RepoConfigReader } from '../../server/src/node/repoConfig';
import { doc, schemaLine, service } from '../helpers';

const RULE = 'batch-endpoint-network-keys';
const ENDPOINT = `${schemaLine('batchEndpoint')}\nname: my-batch-endpoint\npublic_network_access: disabled\nauth_mode: aad_token\nnot_a_key: 1\n`;
const LSP_SEVERITY: Record<Exclude<SeverityName, 'off'>, number> = { error: 1, warning: 2, info: 3, hint: 4 };

function withConfig(config: Partial<AmlConfig>, text = ENDPOINT): Diagnostic[] {
  const s = service({ getConfig: () => mergeConfig(config) });
  return s.diagnostics(doc(text));
}
const ofCode = (ds: Diagnostic[], code: string) => ds.filter((d) => d.code === code);

describe('severity from configuration', () => {
  test('defaults: the rule is an error, and so is an unknown key (the CLI rejects it)', () => {
    const ds = withConfig({});
    assert.deepEqual(
      ofCode(ds, RULE).map((d) => d.severity),
      [1],
    );
    assert.deepEqual(
      ofCode(ds, 'unknown-key').map((d) => d.severity),
      [1],
    );
  });

  for (const level of ['hint', 'info', 'warning', 'error'] as const) {
    test(`a rule set to ${level}`, () => {
      const ds = withConfig({ rules: { [RULE]: level } });
      assert.deepEqual(
        ofCode(ds, RULE).map((d) => d.severity),
        [LSP_SEVERITY[level]],
      );
      assert.deepEqual(
        ofCode(ds, 'unknown-key').map((d) => d.severity),
        [1],
        'other codes keep their default',
      );
    });
  }

  test('a rule set to off is not reported; others are', () => {
    const ds = withConfig({ rules: { [RULE]: 'off' } });
    assert.deepEqual(ofCode(ds, RULE), []);
    assert.equal(ofCode(ds, 'unknown-key').length, 1);
  });

  test('schema codes are configurable the same way', () => {
    assert.deepEqual(
      ofCode(withConfig({ rules: { 'unknown-key': 'warning' } }), 'unknown-key').map((d) => d.severity),
      [2],
    );
    assert.deepEqual(ofCode(withConfig({ rules: { 'unknown-key': 'off' } }), 'unknown-key'), []);
  });

  test('a rule with two default levels takes the configured level for both', () => {
    const text = `${schemaLine('azureBlob')}\nname: b\ntype: azure_blob\naccount_name: a\ncontainer_name: c\ncredentials:\n  account_key: k3y\n`;
    const ds = withConfig({ rules: { 'datastore-credentials': 'error', 'plaintext-secret': 'hint' } }, text);
    assert.deepEqual(
      ofCode(ds, 'datastore-credentials').map((d) => d.severity),
      [1],
    );
    assert.deepEqual(
      ofCode(ds, 'plaintext-secret').map((d) => d.severity),
      [4],
    );
  });

  test('validate: false turns analysis off', () => {
    assert.deepEqual(withConfig({ validate: false }), []);
  });

  test('the provider is asked per document, and setConfigProvider re-analyses', () => {
    const asked: string[] = [];
    const s = service({
      getConfig: (uri) => {
        asked.push(uri);
        return mergeConfig(uri.includes('/quiet/') ? { rules: { [RULE]: 'off' } } : {});
      },
    });
    assert.equal(ofCode(s.diagnostics(doc(ENDPOINT, 'file:///repo/quiet/ep.yml')), RULE).length, 0);
    assert.equal(ofCode(s.diagnostics(doc(ENDPOINT, 'file:///repo/loud/ep.yml')), RULE).length, 1);
    assert.deepEqual(asked, ['file:///repo/quiet/ep.yml', 'file:///repo/loud/ep.yml']);
    s.setConfigProvider(() => mergeConfig({ rules: { [RULE]: 'hint' } }));
    assert.deepEqual(
      ofCode(s.diagnostics(doc(ENDPOINT, 'file:///repo/loud/ep.yml')), RULE).map((d) => d.severity),
      [4],
    );
  });
});

describe('readConfig', () => {
  test('keeps valid values', () => {
    const problems: ConfigProblem[] = [];
    const c = readConfig(
      { validate: false, rules: { [RULE]: 'warning', 'unknown-key': 'off' }, fileKinds: { 'infra/*.yml': 'workspace' } },
      problems,
    );
    assert.deepEqual(c, { validate: false, rules: { [RULE]: 'warning', 'unknown-key': 'off' }, fileKinds: { 'infra/*.yml': 'workspace' } });
    assert.deepEqual(problems, []);
  });

  test('reports invalid values and keeps the rest', () => {
    const problems: ConfigProblem[] = [];
    const c = readConfig(
      {
        validate: 'yes',
        rules: { [RULE]: 'warn', 'plaintext-secret': 'error', other: 2 },
        fileKinds: { '*.job.yml': 'comandJob', '*.ws.yml': 7, '*.cluster.yml': 'amlCompute' },
      },
      problems,
      '.aml-yaml.json',
    );
    assert.deepEqual(c, { rules: { 'plaintext-secret': 'error' }, fileKinds: { '*.cluster.yml': 'amlCompute' } });
    assert.deepEqual(
      problems.map((p) => p.message),
      [
        '.aml-yaml.json: "validate" must be true or false.',
        `.aml-yaml.json: rule "${RULE}" has severity "warn"; use one of off, hint, info, warning, error.`,
        '.aml-yaml.json: rule "other" has severity 2; use one of off, hint, info, warning, error.',
        '.aml-yaml.json: fileKinds["*.job.yml"] names "comandJob", which is not an Azure ML kind (for example workspace, amlCompute, commandJob).',
        '.aml-yaml.json: fileKinds["*.ws.yml"] must be a kind name.',
      ],
    );
  });

  test('reports wrong shapes', () => {
    const problems: ConfigProblem[] = [];
    readConfig({ rules: ['off'], fileKinds: 'x' }, problems);
    readConfig([], problems);
    readConfig('off', problems);
    assert.deepEqual(
      problems.map((p) => p.message),
      [
        'configuration: "rules" must be an object of rule id to severity.',
        'configuration: "fileKinds" must be an object of glob to kind.',
        'configuration must be a JSON object.',
        'configuration must be a JSON object.',
      ],
    );
    const none: ConfigProblem[] = [];
    assert.deepEqual(readConfig(undefined, none), {});
    assert.deepEqual(none, []);
  });
});

describe('mergeConfig', () => {
  test('nothing set: the defaults', () => {
    assert.deepEqual(mergeConfig(), DEFAULT_CONFIG);
    assert.deepEqual(mergeConfig({}, undefined, {}), DEFAULT_CONFIG);
  });

  test('the repository file wins over the defaults', () => {
    const repo = readConfig({ validate: false, rules: { [RULE]: 'off' }, fileKinds: { '*.ws.yml': 'workspace' } });
    assert.deepEqual(mergeConfig(repo), { validate: false, rules: { [RULE]: 'off' }, fileKinds: { '*.ws.yml': 'workspace' } });
  });

  test('user settings win only where they are set, key by key', () => {
    const repo = readConfig({
      validate: false,
      rules: { [RULE]: 'off', 'plaintext-secret': 'error' },
      fileKinds: { '*.ws.yml': 'workspace' },
    });
    const user = readConfig({ rules: { 'plaintext-secret': 'hint', 'unknown-key': 'off' } });
    assert.deepEqual(mergeConfig(repo, user), {
      validate: false,
      rules: { [RULE]: 'off', 'plaintext-secret': 'hint', 'unknown-key': 'off' },
      fileKinds: { '*.ws.yml': 'workspace' },
    });
    assert.equal(mergeConfig(repo, readConfig({ validate: true })).validate, true);
  });

  test('merging does not change its inputs or the defaults', () => {
    const repo = readConfig({ rules: { [RULE]: 'off' } });
    mergeConfig(repo, { rules: { [RULE]: 'error' } });
    assert.deepEqual(repo, { rules: { [RULE]: 'off' } });
    assert.deepEqual(DEFAULT_CONFIG, { validate: true, rules: {}, fileKinds: {} });
  });
});

describe('RepoConfigReader', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'aml-yaml-config-'));
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));
  const write = (rel: string, text: string) => {
    const file = path.join(tmp, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    return file;
  };

  test('finds .aml-yaml.json in a parent folder', () => {
    const configFile = write(`repo/${REPO_CONFIG_FILE}`, JSON.stringify({ rules: { [RULE]: 'off' } }));
    const spec = write('repo/endpoints/batch/endpoint.yml', ENDPOINT);
    const found = new RepoConfigReader().forFile(spec);
    assert.equal(found.file, configFile);
    assert.deepEqual(found.config, { rules: { [RULE]: 'off' } });
    assert.deepEqual(found.problems, []);
  });

  test('the nearest file wins (files do not merge across folders)', () => {
    write(`near/${REPO_CONFIG_FILE}`, JSON.stringify({ rules: { 'unknown-key': 'error' } }));
    const nested = write(`near/sub/${REPO_CONFIG_FILE}`, JSON.stringify({ validate: false }));
    const found = new RepoConfigReader().forFile(write('near/sub/deeper/x.yml', ''));
    assert.equal(found.file, nested);
    assert.deepEqual(found.config, { validate: false });
  });

  test('no file anywhere: an empty configuration', () => {
    const found = new RepoConfigReader().forDir(path.join(tmp, 'nowhere', 'at', 'all'));
    // The temp folder's parents could hold a stray .aml-yaml.json: then that one is found, never one of ours.
    const stray: string[] = [];
    for (let dir = path.dirname(tmp); ; dir = path.dirname(dir)) {
      if (fs.existsSync(path.join(dir, REPO_CONFIG_FILE))) stray.push(path.join(dir, REPO_CONFIG_FILE));
      if (path.dirname(dir) === dir) break;
    }
    if (stray.length) assert.equal(found.file, stray[0]);
    else {
      assert.equal(found.file, undefined);
      assert.deepEqual(found.config, {});
      assert.deepEqual(found.problems, []);
    }
  });

  test('invalid JSON and invalid values are reported with the file name', () => {
    const bad = write(`bad/${REPO_CONFIG_FILE}`, '{ "rules": { ');
    const r1 = new RepoConfigReader().forFile(path.join(tmp, 'bad', 'a.yml'));
    assert.equal(r1.file, bad);
    assert.deepEqual(r1.config, {});
    assert.equal(r1.problems.length, 1);
    assert.match(r1.problems[0].message, /bad[\\/]\.aml-yaml\.json is not valid JSON/);

    const wrong = write(`wrong/${REPO_CONFIG_FILE}`, JSON.stringify({ rules: { [RULE]: 'loud' } }));
    const r2 = new RepoConfigReader().forFile(path.join(tmp, 'wrong', 'a.yml'));
    const col = JSON.stringify({ rules: { [RULE]: 'loud' } }).indexOf('"loud"') + 1;
    assert.deepEqual(
      r2.problems.map((p) => p.message),
      [`${wrong}:1:${col}: rules["${RULE}"]: severity "loud" is not one of off, hint, info, warning, error.`],
    );
  });

  test('a byte order mark at the start of the file is accepted', () => {
    write(`bom/${REPO_CONFIG_FILE}`, '\uFEFF' + JSON.stringify({ rules: { [RULE]: 'hint' } }));
    const found = new RepoConfigReader().forFile(path.join(tmp, 'bom', 'a.yml'));
    assert.deepEqual(found.problems, []);
    assert.deepEqual(found.config, { rules: { [RULE]: 'hint' } });
  });

  test('results are cached per folder until clear()', () => {
    const file = write(`cache/${REPO_CONFIG_FILE}`, JSON.stringify({ rules: { [RULE]: 'off' } }));
    const reader = new RepoConfigReader();
    const spec = path.join(tmp, 'cache', 'a.yml');
    assert.deepEqual(reader.forFile(spec).config, { rules: { [RULE]: 'off' } });
    fs.writeFileSync(file, JSON.stringify({ rules: { [RULE]: 'info' } }));
    assert.deepEqual(reader.forFile(spec).config, { rules: { [RULE]: 'off' } });
    reader.clear();
    assert.deepEqual(reader.forFile(spec).config, { rules: { [RULE]: 'info' } });
  });

  test('end to end: repository file and user settings shape the diagnostics', () => {
    write(`e2e/${REPO_CONFIG_FILE}`, JSON.stringify({ rules: { [RULE]: 'off', 'unknown-key': 'error' } }));
    const spec = write('e2e/specs/endpoint.yml', ENDPOINT);
    const reader = new RepoConfigReader();
    const user = readConfig({ rules: { 'unknown-key': 'info' } });
    const s = service({ getConfig: (uri) => mergeConfig(reader.forFile(new URL(uri).pathname).config, user) });
    const ds = s.diagnostics(doc(ENDPOINT, `file://${spec}`));
    assert.deepEqual(ofCode(ds, RULE), [], 'the repository file turns the rule off');
    assert.deepEqual(
      ofCode(ds, 'unknown-key').map((d) => d.severity),
      [3],
      'the user setting wins over the repository file',
    );
    const noUser = service({ getConfig: (uri) => mergeConfig(reader.forFile(new URL(uri).pathname).config) });
    assert.deepEqual(
      ofCode(noUser.diagnostics(doc(ENDPOINT, `file://${spec}`)), 'unknown-key').map((d) => d.severity),
      [1],
    );
  });
});
