import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { schemaUrlOf } from '../../server/src/core/kinds';
import { doc, ROOT, schemaLine, service } from '../helpers';
import { ruleTester } from './tester';

const blob = (credentials: string) =>
  `${schemaLine('azureBlob')}\nname: blob_example\ntype: azure_blob\naccount_name: mytestblobstore\ncontainer_name: data-container\n${credentials}`;
const cluster = (ssh: string) =>
  `${schemaLine('amlCompute')}\nname: ssh-example\ntype: amlcompute\nsize: STANDARD_DS3_v2\nssh_settings:\n  admin_username: example-user\n${ssh}`;
const git = (credentials: string) => `name: my_git\ntype: git\ntarget: https://github.com/contoso/repo\ncredentials:\n${credentials}`;
const advice = {
  datastore:
    'Keep secrets out of YAML files: use identity-based data access, or pass the value when you create the datastore (az ml datastore create --set ...).',
  connection:
    'Keep secrets out of YAML files: leave it empty and supply it when you create the connection (az ml connection create --set ...).',
};

ruleTester('plaintext-secret', {
  valid: [
    { name: 'an expression is a reference, not a secret', text: blob('credentials:\n  account_key: ${{secrets.storage_key}}\n') },
    { name: 'an empty string', text: blob('credentials:\n  sas_token: ""\n') },
    { name: 'no value at all', text: blob('credentials:\n  account_key:\n') },
    { name: 'a documentation placeholder (unreplaced-placeholder reports it)', text: cluster('  admin_password: <admin_password>\n') },
    { name: 'an SSH key instead of a password', text: cluster('  ssh_key_value: ssh-rsa AAAAB3NzaC1yc2E\n') },
    { name: 'connection password left empty to be supplied later', text: git('  type: username_password\n  username: bob\n  password:\n') },
    {
      name: 'prompt flow <user-input> placeholder',
      text: 'name: open_ai_connection\ntype: azure_open_ai\napi_key: "<user-input>"\napi_base: https://contoso.openai.azure.com\n',
      uri: 'file:///test/azure_openai.yml',
    },
    { name: 'secret-looking names elsewhere are not secret fields', text: blob('description: account_key sas_token\n') },
  ],
  invalid: [
    {
      name: 'account key on a blob datastore: range is the value, message masks it',
      text: blob('credentials:\n  account_key: «XXXxxxXXXxXXXXxxXXXXXxXX==»\n'),
      errors: [{ message: `"credentials.account_key" holds a secret in plain text (****). ${advice.datastore}`, severity: 'warning' }],
    },
    {
      name: 'SAS token, quoted',
      text: blob("credentials:\n  sas_token: «'?sv=2022-11-02&ss=b&sig=abc%3D'»\n"),
      errors: [{ message: '"credentials.sas_token" holds a secret in plain text (****).' }],
    },
    {
      name: 'service principal secret on Data Lake Gen1',
      text: `${schemaLine('azureDataLakeGen1')}\nname: adls_gen1_example\ntype: azure_data_lake_gen1\nstore_name: mytestdatalakegen1\ncredentials:\n  tenant_id: 00000000-0000-0000-0000-000000000000\n  client_id: 00000000-0000-0000-0000-000000000000\n  client_secret: «s3cr3t-V4lue»\n`,
      errors: [{ message: '"credentials.client_secret" holds a secret in plain text (****).' }],
    },
    {
      name: 'compute cluster admin password',
      text: cluster('  admin_password: «example-password»\n'),
      errors: [
        {
          message:
            '"ssh_settings.admin_password" holds a secret in plain text (****). Keep secrets out of YAML files: log in with an SSH key (ssh_settings.ssh_key_value) instead.',
        },
      ],
    },
    {
      name: 'attached VM admin password, a number',
      text: `${schemaLine('vmCompute')}\nname: vm-example\ntype: virtualmachine\nresource_id: /subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm\nssh_settings:\n  admin_username: azureuser\n  admin_password: «12345678»\n`,
      errors: [{ message: '"ssh_settings.admin_password" holds a secret' }],
    },
    {
      name: 'connection personal access token',
      text: git('  type: pat\n  pat: «dummy_pat»\n'),
      errors: [{ message: `"credentials.pat" holds a secret in plain text (****). ${advice.connection}` }],
    },
    {
      name: 'connection password and API-key credentials',
      text: git('  type: username_password\n  username: bob\n  password: «hunter2»\n'),
      errors: [{ message: '"credentials.password"' }],
    },
    {
      name: 'connection api_key at the root and credentials.key',
      text: 'name: my_search\ntype: azure_open_ai\ntarget: https://contoso.openai.azure.com\napi_key: «abc123»\n---\nname: my_api\ntype: custom\ntarget: https://api.contoso.com\ncredentials:\n  type: api_key\n  key: «k3y»\n',
      errors: [
        { message: '"api_key" holds a secret in plain text (****).' },
        { message: '"credentials.key" holds a secret in plain text (****).' },
      ],
    },
    {
      name: 'S3 secret access key',
      text: 'name: my_s3\ntype: s3\ntarget: s3://bucket\ncredentials:\n  type: access_key\n  access_key_id: AKIAEXAMPLE\n  secret_access_key: «wJalrXUtnFEMI»\n',
      errors: [{ message: '"credentials.secret_access_key"' }],
    },
    {
      name: 'prompt flow custom connection secrets, each value',
      text: `$schema: https://azuremlschemas.azureedge.net/promptflow/latest/CustomConnection.schema.json\nname: my_custom\ntype: custom\nconfigs:\n  endpoint: https://api.contoso.com\nsecrets:\n  token: «t0ken»\n  other: ""\n  third: «s3cond»\n`,
      errors: [{ message: '"secrets.token" holds a secret' }, { message: '"secrets.third" holds a secret' }],
    },
  ],
});

describe('plaintext-secret never repeats a secret', () => {
  test('no diagnostic of any code quotes the secret value', () => {
    const secrets = ['Sup3rS3cretK3y==', 'hunter2-pass', 'tok-abcdef', '987654321'];
    const texts = [
      cluster(`  admin_password: ${secrets[3]}\n`),
      blob(`credentials:\n  account_key: ${secrets[0]}\n  sas_token: ${secrets[2]}\n`),
      cluster(`  admin_password: ${secrets[1]}\n`),
      git(`  type: username_password\n  username: bob\n  password: ${secrets[1]}\n  pat: ${secrets[2]}\n`),
    ];
    for (const text of texts) {
      const diagnostics = service().diagnostics(doc(text));
      assert.ok(
        diagnostics.some((d) => d.code === 'plaintext-secret'),
        text,
      );
      for (const d of diagnostics) for (const s of secrets) assert.ok(!d.message.includes(s), `[${d.code}] ${d.message} repeats a secret`);
    }
  });
});

/** Every field the schemas mark `x-secret: true` (scalar fields; `*` for map values), by kind. */
function secretFieldsOfSchemas(): Array<{ kind: string; path: string }> {
  const dir = path.join(ROOT, 'schemas');
  const cache = new Map<string, any>();
  const load = (file: string) => {
    if (!cache.has(file)) cache.set(file, JSON.parse(fs.readFileSync(file, 'utf8')));
    return cache.get(file);
  };
  const out: Array<{ kind: string; path: string }> = [];
  const walk = (kind: string, file: string, node: any, at: string[], seen: Set<string>) => {
    if (!node || typeof node !== 'object' || at.length > 6) return;
    if (node.$ref) {
      const [rel, pointer = ''] = String(node.$ref).split('#');
      const target = rel ? path.resolve(path.dirname(file), rel) : file;
      const key = `${target}#${pointer}@${at.join('.')}`;
      if (!seen.has(key)) {
        seen.add(key);
        const resolved = pointer
          .split('/')
          .filter(Boolean)
          .reduce((n: any, seg: string) => n?.[seg], load(target));
        walk(kind, target, resolved, at, seen);
      }
    }
    if (node['x-secret'] && at.length && !(node.type === 'object' || node.additionalProperties)) out.push({ kind, path: at.join('.') });
    for (const [k, v] of Object.entries(node.properties ?? {})) walk(kind, file, v, [...at, k], seen);
    if (node.additionalProperties && typeof node.additionalProperties === 'object')
      walk(kind, file, node.additionalProperties, [...at, '*'], seen);
    for (const key of ['oneOf', 'anyOf', 'allOf']) for (const v of node[key] ?? []) walk(kind, file, v, at, seen);
  };
  for (const name of fs.readdirSync(dir).filter((f) => f.endsWith('.schema.json'))) {
    const file = path.join(dir, name);
    walk(name.replace('.schema.json', ''), file, load(file), [], new Set());
  }
  return out;
}

describe('plaintext-secret covers the schemas', () => {
  test('every x-secret field of every schema is reported (the rule reads them from the schema store)', () => {
    const fields = secretFieldsOfSchemas();
    assert.ok(fields.length >= 10, `found only ${fields.length} secret fields`);
    const missed: string[] = [];
    for (const { kind, path: p } of fields) {
      // A spec of the kind with only that field set to a literal (a `*` segment becomes a key).
      const segs = p.split('.').map((s) => (s === '*' ? 'some_key' : s));
      let yaml = `${segs.map((s, i) => `${'  '.repeat(i)}${s}:`).join('\n')} LiteralSecretValue123\n`;
      yaml = `$schema: ${schemaUrlOf(kind)}\n${yaml}`;
      const ds = service().diagnostics(doc(yaml, `file:///test/secret-field-${kind}.yml`));
      if (!ds.some((d) => d.code === 'plaintext-secret')) missed.push(`${kind}: ${p}`);
    }
    assert.deepEqual(missed, []);
  });
});

describe('plaintext-secret finds a secret however the parser reads it', () => {
  const cases: Array<[string, string]> = [
    ['key:value without a space', blob('credentials:\n  account_key:AbcDefSecretKey123==\n')],
    ['a tag', blob('credentials:\n  account_key: !secret AbcDefSecretKey123==\n')],
    ['a block scalar', blob('credentials:\n  account_key: |-\n    AbcDefSecretKey123==\n')],
    [
      'a token of a known shape in a command',
      `${schemaLine('commandJob')}\ncommand: git clone https://ghp_abcdefghijklmnopqrstuvwxyz0123456789@github.com/x/y\nenvironment: azureml:env:1\ncompute: azureml:cpu\n`,
    ],
  ];
  for (const [name, text] of cases) {
    test(name, () => {
      const ds = service().diagnostics(doc(text));
      const d = ds.find((x) => x.code === 'plaintext-secret');
      assert.ok(d, JSON.stringify(ds.map((x) => [x.code, x.message])));
      assert.doesNotMatch(JSON.stringify(ds), /AbcDefSecretKey|ghp_abcdef/);
    });
  }
});
