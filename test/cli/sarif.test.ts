import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { before, describe, test } from 'node:test';
import { RULES } from '../../server/src/rules/registry';
import { BUILTIN_CODES } from '../../server/src/features/diagnostics';
import { CORPUS } from '../helpers';
import { ROOT, runCli } from './helpers';

const SCHEMA = path.join(ROOT, 'node_modules', '@microsoft', 'jest-sarif', 'lib', 'schemas', 'sarif-2.1.0-rtm.5.json');

let compiled: ReturnType<Ajv['compile']> | undefined;
/** The official SARIF 2.1.0 schema, compiled once. */
function validator() {
  if (compiled) return compiled;
  // unicodeRegExp off: the schema's language pattern is not valid with the u flag.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  const schema = JSON.parse(fs.readFileSync(SCHEMA, 'utf8'));
  // The file declares draft-04; its keywords are draft-07 compatible except the top-level "id".
  delete schema.$schema;
  schema.$id = schema.id;
  delete schema.id;
  return (compiled = ajv.compile(schema));
}

describe('--format sarif', () => {
  let log: any;
  let run: any;
  before(async () => {
    log = JSON.parse((await runCli(['check', 'examples', '--ignore', 'examples/fixed', '--format', 'sarif'])).stdout);
    run = log.runs[0];
  });

  test('is valid against the official SARIF 2.1.0 schema', async () => {
    const validate = validator();
    const ok = validate(log);
    assert.ok(ok, JSON.stringify(validate.errors?.slice(0, 5), null, 2));
    // The validator does reject what is not SARIF.
    assert.equal(validate({ version: '2.1.0', runs: [{ tool: { driver: {} } }] }), false);
  });

  test('lists every rule and built-in code with description, help URI and default level', async () => {
    const ids = run.tool.driver.rules.map((x: { id: string }) => x.id);
    for (const rule of RULES) assert.ok(ids.includes(rule.id), `${rule.id} missing`);
    for (const code of BUILTIN_CODES) assert.ok(ids.includes(code), `${code} missing`);
    for (const d of run.tool.driver.rules) {
      assert.ok(d.shortDescription?.text, `${d.id} has no short description`);
      assert.ok(['error', 'warning', 'note', 'none'].includes(d.defaultConfiguration.level), d.id);
      const rule = RULES.find((x) => x.id === d.id);
      if (rule?.article) assert.equal(d.helpUri, rule.article.url, `${d.id} helpUri`);
    }
  });

  test('results carry ruleId, ruleIndex, level and a physical location', async () => {
    assert.ok(run.results.length > 5);
    for (const res of run.results) {
      assert.equal(run.tool.driver.rules[res.ruleIndex].id, res.ruleId);
      assert.ok(['error', 'warning', 'note'].includes(res.level));
      const loc = res.locations[0].physicalLocation;
      assert.match(loc.artifactLocation.uri, /^examples\//);
      assert.equal(loc.artifactLocation.uriBaseId, '%SRCROOT%');
      assert.ok(loc.region.startLine >= 1 && loc.region.startColumn >= 1);
    }
    const levels = new Set(run.results.map((x: { level: string }) => x.level));
    assert.deepEqual([...levels].sort(), ['error', 'note', 'warning']);
  });

  test('a clean run is valid SARIF with no results', async () => {
    const clean = JSON.parse((await runCli(['check', 'examples/fixed', '--format', 'sarif'])).stdout);
    assert.deepEqual(clean.runs[0].results, []);
    assert.equal(validator()(clean), true);
  });

  test('the whole corpus gives valid SARIF and nothing on stderr', async () => {
    const r = await runCli(['check', CORPUS, '--format', 'sarif']);
    assert.equal(r.stderr, '');
    const corpusLog = JSON.parse(r.stdout);
    assert.ok(corpusLog.runs[0].results.length > 100);
    assert.equal(validator()(corpusLog), true);
  });
});
