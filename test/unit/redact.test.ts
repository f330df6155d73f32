import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { HANG_FLOOR_MS } from '../timing';
import { collectValueSecrets, isSecretName, MASK, Redactor, redactTokens, scanSecrets } from '../../server/src/core/redact';

/** The secrets found in a text by the scan (parser-independent). */
const scanned = (text: string) => scanSecrets(text).map((s) => text.slice(s.start, s.end));

describe('secret names', () => {
  for (const name of [
    'password',
    'admin_password',
    'DB_PASSWORD',
    'api_key',
    'apiKey',
    'AccountKey',
    'sas_token',
    'sig',
    'client_secret',
    'pat',
    '--api-key',
    'SharedAccessSignature',
    'connection_string',
    'certificate',
    'key',
  ]) {
    test(`${name} names a secret`, () => assert.ok(isSecretName(name)));
  }
  for (const name of ['name', 'key_vault', 'ssh_key_value', 'max_tokens', 'secret_name', 'token_url', 'credentials', 'tenant_id', 'keys']) {
    test(`${name} does not`, () => assert.ok(!isSecretName(name)));
  }
});

describe('scanning the text for secrets (however the YAML parser reads it)', () => {
  const cases: Array<[string, string, string[]]> = [
    ['key: value', 'credentials:\n  account_key: Abc123SecretValue==\n', ['Abc123SecretValue==']],
    ['key:value without a space (a plain scalar to YAML)', 'credentials:\n  account_key:Abc123SecretValue==\n', ['Abc123SecretValue==']],
    ['block scalar header', 'credentials:\n  account_key: |-\n    BlockSecret0001\n  client_id: abc\n', ['BlockSecret0001']],
    ['unresolved tag', 'password: !vault TaggedSecret02\n', ['TaggedSecret02']],
    ['flow mapping as key', '{account_key: FlowKeySecret03}: 1\n', ['FlowKeySecret03']],
    ['secret in a key', '"AccountKey=KeyInKeySecret04;EndpointSuffix=x": 1\n', ['KeyInKeySecret04']],
    ['partial escape', 'password: "PartialEscape05\\x4\n', ['PartialEscape05\\x4']],
    [
      'SAS sig= inside a $schema URL',
      '$schema: https://x.blob.core.windows.net/s/ws.schema.json?sv=2022&sig=SasSignature06%3D\n',
      ['SasSignature06%3D'],
    ],
    ['command-line flag', 'command: python train.py --api-key FlagSecret07 --epochs 3\n', ['FlagSecret07']],
    ['export in a command', 'command: export DB_PASSWORD=EnvSecret08 && run\n', ['EnvSecret08']],
    ['URL credentials', 'path: https://user:UrlSecret09@example.com/x\n', ['UrlSecret09']],
    ['PEM block', 'cert: |\n  -----BEGIN PRIVATE KEY-----\n  MIIPemBody10xyz\n  -----END PRIVATE KEY-----\n', ['MIIPemBody10xyz']],
    [
      'GitHub token anywhere',
      'command: git clone https://ghp_abcdefghijklmnopqrstuvwxyz0123456789@github.com/x\n',
      ['ghp_abcdefghijklmnopqrstuvwxyz0123456789'],
    ],
  ];
  for (const [name, text, secrets] of cases) {
    test(name, () => {
      const found = scanned(text);
      for (const s of secrets)
        assert.ok(
          found.some((f) => f.includes(s) || s.includes(f)),
          `${JSON.stringify(s)} not in ${JSON.stringify(found)}`,
        );
    });
  }

  test('references and placeholders are not secrets', () => {
    assert.deepEqual(scanned('password: ${{secrets.pw}}\napi_key: <your-key>\ntoken: "{{TOKEN}}"\nkey: true\n'), []);
  });

  test('the scan is linear: a long line of names and separators', () => {
    const text = 'password:'.repeat(200_000);
    const t0 = performance.now();
    scanSecrets(text);
    // A hang detector, far above the few milliseconds this takes: a quadratic scan takes minutes.
    assert.ok(performance.now() - t0 < HANG_FLOOR_MS);
  });
});

describe('redaction', () => {
  test('whole secrets, fragments of twelve characters or more, and tokens of a known shape', () => {
    const r = new Redactor();
    r.add('c2VjcmV0LWtleS12YWx1ZQ==');
    r.add('hunter2!');
    assert.equal(r.redact('key c2VjcmV0LWtleS12YWx1ZQ== and hunter2! here'), `key ${MASK} and ${MASK} here`);
    assert.equal(r.redact('the string "c2VjcmV0LWtleS12..." is not allowed'), `the string "${MASK}..." is not allowed`);
    assert.equal(redactTokens('token AKIAABCDEFGHIJKLMNOP in text'), `token ${MASK} in text`);
  });

  test('values of secret keys, of credentials (identifiers excepted) and of x-secret paths', () => {
    const r = new Redactor();
    collectValueSecrets(
      {
        credentials: { client_id: '00000000-aaaa', custom_field: 'CustomCredential1' },
        env: { MY_TOKEN: 'TokenValue12' },
        secrets: { anything: 'SchemaSecret3' },
      },
      r,
      (p) => p[0] === 'secrets' && p.length === 2,
    );
    assert.ok(r.has('CustomCredential1') && r.has('TokenValue12') && r.has('SchemaSecret3'));
    assert.ok(!r.has('00000000-aaaa'));
  });

  test('redactDeep keeps edits and ranges, redacts what is shown', () => {
    const r = new Redactor();
    r.add('ShownSecret123');
    const out = r.redactDeep({ title: 'Replace ShownSecret123', edit: { changes: { u: [{ newText: 'ShownSecret123' }] } } });
    assert.equal(out.title, `Replace ${MASK}`);
    assert.equal(out.edit.changes.u[0].newText, 'ShownSecret123');
  });
});
