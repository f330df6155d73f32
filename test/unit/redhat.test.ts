// Beside Red Hat YAML: modelines read as yaml-language-server reads them,
// the `redhat-schema-unreachable` diagnostic and its code actions, syntax
// errors left to Red Hat YAML, the outline, starters and `$schema` completion.
// Pure functions over text; yaml-language-server's own modeline reader (the npm
// package) is the reference for where a modeline counts.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { describe, test } from 'node:test';
import { mergeConfig, readConfig, type AmlConfig, type RedHatYamlState } from '../../server/src/core/config';
import { parseYaml } from '../../server/src/core/document';
import { modelineOf } from '../../server/src/core/modeline';
import {
  CONFLICT_CODE,
  planConflictEdits,
  relativePath,
  reportsSyntax,
  providesOutline,
  rootOf,
  schemaConflicts,
  unreachableReason,
  withStarterModeline,
  redHatYamlState,
  yamlServerAtStart,
} from '../../server/src/features/redHat';
import { starters } from '../../server/src/features/starters';
import { applyEdits, corpusManifest, corpusPath, doc, schemaLine, service, withCursor } from '../helpers';

// yaml-language-server's parser and modeline reader, as Red Hat YAML runs them.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const ysl = require('yaml-language-server/out/server/src/languageservice/parser/yamlParser07');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const yslModeline = require('yaml-language-server/out/server/src/languageservice/services/modelineUtil');
const yslSchemas = (text: string): Array<string | undefined> =>
  ysl.parse(text).documents.map((d: unknown) => yslModeline.getSchemaFromModeline(d));

const VALIDATING: RedHatYamlState = { installed: true, validates: true, version: '1.25.0' };
const withRedHat = (extra: Partial<AmlConfig> = {}, redHatYaml: RedHatYamlState | null = VALIDATING) => {
  const config = mergeConfig(extra, redHatYaml ? { redHatYaml } : {});
  return service({ getConfig: () => config });
};
const WS_SPEC = `${schemaLine('workspace')}\nname: ws\nlocation: eastus\n`;
const codes = (ds: Array<{ code: string }>) => ds.map((d) => d.code);

describe('modelines as yaml-language-server reads them', () => {
  const layouts = [
    '# yaml-language-server: $schema=none\n$schema: x\nname: a\n',
    '# licence header\n\n# yaml-language-server: $schema=none\n$schema: x\n',
    '$schema: x\n# yaml-language-server: $schema=none\nname: a\n',
    '---\n# yaml-language-server: $schema=none\n$schema: x\n',
    '# yaml-language-server: $schema=none\n---\n$schema: x\n',
    'a: 1\n---\n# yaml-language-server: $schema=none\n$schema: x\n',
    'a: 1\n# yaml-language-server: $schema=none\n---\n$schema: x\n',
    'a: 1\n---\n$schema: x\n',
    '--- # yaml-language-server: $schema=none\n$schema: x\n',
    '%YAML 1.2\n---\n# yaml-language-server: $schema=none\n$schema: x\n',
    '#   $schema: ./a.json\nname: 1\n',
    '# yaml-language-server: $schema=a.json $schema=b.json\nname: 1\n',
    '#yaml-language-server: $schema=none\nname: 1\n',
    '  # yaml-language-server: $schema=none\nname: 1\n',
    '# yaml-language-server: $schema=none\r\n$schema: x\r\n',
    '# yaml-language-server:$schema=../s/w.json\n$schema: x\n',
    '# a\n# yaml-language-server: $schema=none\n# b\nname: 1\n---\n# c\nname: 2\n',
  ];
  for (const text of layouts) {
    test(JSON.stringify(text), () => {
      const file = parseYaml(text);
      assert.deepEqual(
        file.sections.map((s) => modelineOf(file, s)?.schema),
        yslSchemas(text),
      );
    });
  }
});

describe('which $schema URLs Red Hat YAML cannot download', () => {
  test('the retired schema host and the SDK-internal "azureml" name', () => {
    assert.match(unreachableReason('https://azuremlschemas.azureedge.net/latest/workspace.schema.json')!, /no longer serves/);
    assert.match(unreachableReason('https://AzureMLSchemas.azureedge.net/promptflow/latest/Flow.schema.json')!, /no longer serves/);
    assert.ok(unreachableReason('http://azureml/sdk-2-0/Schedule.json'));
  });
  test('other URLs and paths are not guessed about', () => {
    for (const url of [
      'https://json.schemastore.org/github-workflow.json',
      './schemas/workspace.schema.json',
      'none',
      'file:///x/workspace.schema.json',
      'not a url',
    ]) {
      assert.equal(unreachableReason(url), undefined, url);
    }
  });
  test('conflicts: the $schema key, or a modeline naming the retired host; none with a working modeline', () => {
    const cases: Array<[string, number]> = [
      [WS_SPEC, 1],
      [`# yaml-language-server: $schema=none\n${WS_SPEC}`, 0],
      [`# yaml-language-server: $schema=.aml-yaml/schemas/workspace.schema.json\n${WS_SPEC}`, 0],
      [`# yaml-language-server: $schema=https://azuremlschemas.azureedge.net/latest/workspace.schema.json\nname: ws\n`, 1],
      [`${WS_SPEC}---\n${schemaLine('amlCompute')}\nname: c\n---\nother: yaml\n`, 2],
      ['$schema: https://json.schemastore.org/github-workflow.json\non: push\n', 0],
    ];
    for (const [text, n] of cases) assert.equal(schemaConflicts(parseYaml(text)).length, n, text);
  });
});

describe('the redhat-schema-unreachable diagnostic', () => {
  test('only when Red Hat YAML validates the file', () => {
    assert.ok(!codes(service().diagnostics(doc(WS_SPEC))).includes(CONFLICT_CODE), 'no Red Hat YAML: nothing to say');
    assert.ok(
      !codes(withRedHat({}, { installed: true, validates: false }).diagnostics(doc(WS_SPEC))).includes(CONFLICT_CODE),
      'its validation is off',
    );
    const [d] = withRedHat()
      .diagnostics(doc(WS_SPEC))
      .filter((x) => x.code === CONFLICT_CODE);
    assert.ok(d, 'installed and validating');
    assert.equal(d.severity, 3, 'information, not an error');
    assert.deepEqual(
      d.range,
      { start: { line: 0, character: 9 }, end: { line: 0, character: WS_SPEC.indexOf('\n') } },
      'on the $schema value',
    );
    assert.match(d.message, /no longer serves/);
  });

  test('can be turned off like any code, and in a suppression comment it is a known id', () => {
    assert.ok(!codes(withRedHat({ rules: { [CONFLICT_CODE]: 'off' } }).diagnostics(doc(WS_SPEC))).includes(CONFLICT_CODE));
    const text = `# aml-yaml-disable-next-line ${CONFLICT_CODE}\n${WS_SPEC}`;
    const ds = codes(withRedHat().diagnostics(doc(text)));
    assert.ok(!ds.includes(CONFLICT_CODE) && !ds.includes('unknown-rule-id'), ds.join());
  });

  test('the preferred quick fix adds "$schema=none" above each affected document, and Red Hat YAML then reads none', () => {
    const s = withRedHat();
    const text = `# Contoso workspace\n${WS_SPEC}---\n${schemaLine('amlCompute')}\nname: cpu\ntype: amlcompute\n`;
    const source = doc(text);
    const ds = s.diagnostics(source).filter((d) => d.code === CONFLICT_CODE);
    assert.equal(ds.length, 2);
    const actions = s.codeActions(source, ds[0].range, ds);
    const preferred = actions.filter((a) => a.isPreferred);
    assert.equal(preferred.length, 1);
    const fixed = applyEdits(text, preferred[0].edit.changes[source.uri]);
    assert.equal(
      fixed,
      `# Contoso workspace\n# yaml-language-server: $schema=none\n${WS_SPEC}---\n# yaml-language-server: $schema=none\n${schemaLine('amlCompute')}\nname: cpu\ntype: amlcompute\n`,
    );
    assert.deepEqual(yslSchemas(fixed), ['none', 'none']);
    assert.deepEqual(
      s.diagnostics(doc(fixed)).filter((d) => d.code === CONFLICT_CODE),
      [],
    );
  });

  test('every way out is offered: workspace-wide modelines, the schema, turning validation off, an explanation', () => {
    const s = withRedHat();
    const source = doc(WS_SPEC);
    const d = s.diagnostics(source).find((x) => x.code === CONFLICT_CODE)!;
    const actions = s.codeActions(source, d.range, [d]);
    const commands = actions.map((a) => a.command && [a.command.command, JSON.stringify(a.command.arguments?.[0] ?? null)]).filter(Boolean);
    assert.deepEqual(commands, [
      ['aml-yaml.resolveSchemaConflicts', JSON.stringify({ target: 'none', scope: 'workspace', uri: source.uri })],
      ['aml-yaml.resolveSchemaConflicts', JSON.stringify({ target: 'schema', scope: 'file', uri: source.uri })],
      ['aml-yaml.resolveSchemaConflicts', JSON.stringify({ target: 'schema', scope: 'workspace', uri: source.uri })],
      ['aml-yaml.turnOffRedHatValidation', 'null'],
      ['aml-yaml.showRuleDocs', JSON.stringify(CONFLICT_CODE)],
    ]);
    for (const a of actions.filter((x) => x.command))
      assert.deepEqual(a.edit.changes, {}, `${a.title}: nothing is edited before the user confirms`);
  });

  test('a modeline naming the retired host is replaced, not doubled', () => {
    const s = withRedHat();
    const text = `# yaml-language-server: $schema=https://azuremlschemas.azureedge.net/latest/workspace.schema.json\nname: ws\n`;
    const source = doc(text);
    const d = s.diagnostics(source).find((x) => x.code === CONFLICT_CODE)!;
    assert.equal(d.range.start.line, 0);
    const fix = s.codeActions(source, d.range, [d]).find((a) => a.isPreferred)!;
    assert.equal(applyEdits(text, fix.edit.changes[source.uri]), '# yaml-language-server: $schema=none\nname: ws\n');
  });
});

describe('modelines for a whole workspace', () => {
  const roots = ['file:///repo'];
  const schemaText = (kind: string) => (kind === 'workspace' || kind === 'amlCompute' ? `{"title":"${kind}"}\n` : undefined);
  const files = [
    { uri: 'file:///repo/workspace.yml', text: WS_SPEC },
    { uri: 'file:///repo/compute/cpu.yml', text: `${schemaLine('amlCompute')}\nname: cpu\n` },
    { uri: 'file:///repo/compute/done.yml', text: `# yaml-language-server: $schema=none\n${schemaLine('amlCompute')}\nname: gpu\n` },
    { uri: 'file:///repo/.github/workflows/ci.yml', text: 'on: push\njobs: {}\n' },
    { uri: 'file:///elsewhere/ws.yml', text: WS_SPEC },
  ];

  test('"none": every affected file, each once; the rest untouched', () => {
    const plan = planConflictEdits({ request: { target: 'none', scope: 'workspace', uri: files[0].uri }, files, roots, schemaText });
    assert.deepEqual(
      plan.changes.map((c) => c.uri),
      ['file:///repo/workspace.yml', 'file:///repo/compute/cpu.yml', 'file:///elsewhere/ws.yml'],
    );
    assert.deepEqual(plan.schemas, []);
    for (const c of plan.changes) {
      const text = files.find((f) => f.uri === c.uri)!.text;
      assert.deepEqual(yslSchemas(applyEdits(text, c.edits)), ['none']);
    }
  });

  test('"schema": a path relative to each file into .aml-yaml/schemas/ of its workspace folder, and the schemas to write there', () => {
    const plan = planConflictEdits({ request: { target: 'schema', scope: 'workspace', uri: files[0].uri }, files, roots, schemaText });
    const lines = Object.fromEntries(plan.changes.map((c) => [c.uri, c.edits[0].newText.trim()]));
    assert.deepEqual(lines, {
      'file:///repo/workspace.yml': '# yaml-language-server: $schema=.aml-yaml/schemas/workspace.schema.json',
      'file:///repo/compute/cpu.yml': '# yaml-language-server: $schema=../.aml-yaml/schemas/amlCompute.schema.json',
      'file:///elsewhere/ws.yml': '# yaml-language-server: $schema=none',
    });
    assert.deepEqual(
      plan.schemas.map((s) => [s.uri, s.text]),
      [
        ['file:///repo/.aml-yaml/schemas/amlCompute.schema.json', '{"title":"amlCompute"}\n'],
        ['file:///repo/.aml-yaml/schemas/workspace.schema.json', '{"title":"workspace"}\n'],
      ],
    );
    assert.deepEqual(
      plan.fellBackToNone,
      ['file:///elsewhere/ws.yml'],
      'a file outside every workspace folder has nowhere to put a schema',
    );
  });

  test('"file" scope changes only that file', () => {
    const plan = planConflictEdits({
      request: { target: 'schema', scope: 'file', uri: files[1].uri },
      files: [files[1]],
      roots,
      schemaText,
    });
    assert.deepEqual(
      plan.changes.map((c) => c.uri),
      [files[1].uri],
    );
    assert.deepEqual(
      plan.schemas.map((s) => s.kind),
      ['amlCompute'],
    );
  });

  test('paths and folders', () => {
    assert.equal(relativePath('/repo/a/b/x.yml', '/repo/.aml-yaml/schemas/w.json'), '../../.aml-yaml/schemas/w.json');
    assert.equal(relativePath('/repo/x.yml', '/repo/.aml-yaml/schemas/w.json'), '.aml-yaml/schemas/w.json');
    assert.equal(rootOf('file:///repo2/x.yml', ['file:///repo']), undefined);
    assert.equal(rootOf('file:///repo/sub/x.yml', ['file:///repo', 'file:///repo/sub']), 'file:///repo/sub');
  });
});

describe('YAML syntax and duplicate keys beside Red Hat YAML', () => {
  const BROKEN = `${schemaLine('workspace')}\nname: ws\nname: again\ntags: [a\n`;
  const parserCodes = (ds: Array<{ code: string }>) => codes(ds).filter((c) => c === 'yaml-syntax' || c === 'duplicate-key');

  test('auto: left to Red Hat YAML where it validates; reported where it does not', () => {
    assert.deepEqual(parserCodes(withRedHat().diagnostics(doc(BROKEN))), []);
    assert.ok(parserCodes(withRedHat({}, { installed: true, validates: false }).diagnostics(doc(BROKEN))).includes('duplicate-key'));
    assert.ok(parserCodes(withRedHat({}, null).diagnostics(doc(BROKEN))).includes('duplicate-key'));
  });

  test('always and never', () => {
    const always = parserCodes(withRedHat({ syntaxDiagnostics: 'always' }).diagnostics(doc(BROKEN)));
    assert.ok(always.includes('duplicate-key') && always.includes('yaml-syntax'), always.join());
    assert.deepEqual(parserCodes(withRedHat({ syntaxDiagnostics: 'never' }, null).diagnostics(doc(BROKEN))), []);
  });

  test("aml-yaml's own note on YAML that PyYAML reads differently stays", () => {
    const text = `${schemaLine('commandJob')}\ncommand: "python train.py\n--epochs 3"\nenvironment: azureml:env:1\n`;
    const own = (s: ReturnType<typeof withRedHat>) =>
      s.diagnostics(doc(text)).filter((d) => d.code === 'yaml-syntax' && /PyYAML/.test(d.message));
    assert.equal(own(withRedHat({}, null)).length, 1, 'the fixture has the note');
    assert.equal(own(withRedHat()).length, 1);
  });

  test('the setting is read from settings and the repository file, with a problem for a bad value', () => {
    assert.equal(readConfig({ syntaxDiagnostics: 'never', documentSymbols: 'always' }).syntaxDiagnostics, 'never');
    const problems: Array<{ message: string }> = [];
    readConfig({ syntaxDiagnostics: 'sometimes' }, problems);
    assert.match(problems[0].message, /syntaxDiagnostics/);
    assert.equal(reportsSyntax(mergeConfig({})), true, 'the CLI and editors without Red Hat YAML report them');
    const repo: Array<{ message: string }> = [];
    assert.deepEqual(
      readConfig({ syntaxDiagnostics: 'never', validate: true }, repo, '.aml-yaml.json', 'repository'),
      { validate: true },
      'not from the repository file: aml-yaml check always reports syntax errors',
    );
    assert.match(repo[0].message, /editor setting/);
  });
});

describe('one outline', () => {
  test('auto: Red Hat YAML installed, aml-yaml provides none; always: both', () => {
    assert.equal(withRedHat().documentSymbols(doc(WS_SPEC)).length, 0);
    assert.equal(
      withRedHat({}, { installed: true, validates: false }).documentSymbols(doc(WS_SPEC)).length,
      0,
      'its outline does not depend on validation',
    );
    assert.equal(withRedHat({}, null).documentSymbols(doc(WS_SPEC)).length, 1);
    assert.equal(withRedHat({ documentSymbols: 'always' }).documentSymbols(doc(WS_SPEC)).length, 1);
    assert.equal(providesOutline(mergeConfig({})), true);
  });
});

describe('other LSP clients: who reports syntax errors and the outline', () => {
  const decide = (init: Parameters<typeof yamlServerAtStart>[0]) => {
    const config = mergeConfig({}, { redHatYaml: yamlServerAtStart(init) });
    return { syntax: reportsSyntax(config), outline: providesOutline(config) };
  };
  test('a client that says nothing (the bin, Neovim without yamlls): aml-yaml reports them and gives the outline', () => {
    assert.equal(yamlServerAtStart(undefined), undefined);
    assert.equal(yamlServerAtStart({}), undefined);
    assert.deepEqual(decide(undefined), { syntax: true, outline: true });
    assert.deepEqual(decide({ yamlLanguageServer: false }), { syntax: true, outline: true });
  });
  test('"yamlLanguageServer": true (yamlls on the same buffers): left to it', () => {
    assert.deepEqual(yamlServerAtStart({ yamlLanguageServer: true }), { installed: true, validates: true });
    assert.deepEqual(decide({ yamlLanguageServer: true }), { syntax: false, outline: false });
  });
  test("the VS Code client's state wins, and is read defensively", () => {
    assert.deepEqual(decide({ yamlLanguageServer: true, redHatYaml: { installed: false, validates: false } }), {
      syntax: true,
      outline: true,
    });
    assert.deepEqual(decide({ redHatYaml: { installed: true, validates: false } }), { syntax: true, outline: false });
    assert.deepEqual(yamlServerAtStart({ redHatYaml: { installed: false, validates: true } }), { installed: false, validates: false });
    assert.deepEqual(yamlServerAtStart({ redHatYaml: { installed: 1, validates: 'yes', version: 3 } as never }), {
      installed: true,
      validates: true,
    });
    assert.equal(yamlServerAtStart({ redHatYaml: null as never }), undefined);
  });
  test('a state sent on change (aml-yaml/redHatYaml) is read the same way as the one at start', () => {
    assert.deepEqual(redHatYamlState({ installed: true, validates: true, version: '1.25.0' }), VALIDATING);
    assert.deepEqual(redHatYamlState({ installed: false, validates: true }), { installed: false, validates: false });
    for (const junk of [null, undefined, 'yes', 1, true]) assert.equal(redHatYamlState(junk), undefined);
  });
  test("an explicit setting beats the client's word", () => {
    const config = mergeConfig(
      { syntaxDiagnostics: 'always', documentSymbols: 'always' },
      { redHatYaml: yamlServerAtStart({ yamlLanguageServer: true }) },
    );
    assert.deepEqual({ syntax: reportsSyntax(config), outline: providesOutline(config) }, { syntax: true, outline: true });
    assert.equal(reportsSyntax(mergeConfig({ syntaxDiagnostics: 'never' })), false);
  });
});

describe('new specs do not start red', () => {
  test('starters carry "$schema=none" when Red Hat YAML validates, and nothing otherwise', () => {
    const config = mergeConfig({ redHatYaml: VALIDATING });
    for (const s of starters(service())) {
      const withLine = withStarterModeline(s, config);
      const text = withLine.snippet
        .replace(/\$\{\d+:([^}]*)\}/g, '$1')
        .replace(/\$\{\d+\|([^,|]*)[^}]*\}/g, '$1')
        .replace(/\$\d+/g, '')
        .replace(/\\([$}\\])/g, '$1');
      assert.deepEqual(schemaConflicts(parseYaml(text)), [], `${s.id} would be red:\n${text}`);
      assert.match(text, /^# yaml-language-server: \$schema=none\n\$schema: /, s.id);
      assert.equal(withStarterModeline(s, mergeConfig({})).snippet, s.snippet, 'unchanged without Red Hat YAML');
    }
  });

  test('starter completion in an empty file', () => {
    const s = withRedHat();
    const items = s.complete(doc(''), { line: 0, character: 0 }).items;
    assert.ok(items.length > 10);
    for (const i of items) assert.match(i.textEdit!.newText, /^# yaml-language-server: \\\$schema=none\n/, i.label);
  });

  test('completing a $schema URL adds the modeline above, saying why; not without Red Hat YAML or with a modeline', () => {
    const { source, position } = withCursor('name: ws\n$schema: $0\n');
    const item = withRedHat()
      .complete(source, position)
      .items.find((i) => i.label.endsWith('/workspace.schema.json'))!;
    assert.ok(item.additionalTextEdits, 'a modeline comes with the URL');
    const after = applyEdits(applyEdits(source.text, [item.textEdit!]), item.additionalTextEdits!);
    assert.equal(after, `# yaml-language-server: $schema=none\nname: ws\n$schema: ${item.label}\n`);
    assert.match(item.documentation!.value, /cannot download/);
    assert.equal(
      service()
        .complete(source, position)
        .items.find((i) => i.label === item.label)!.additionalTextEdits,
      undefined,
    );
    const withLine = withCursor('# yaml-language-server: $schema=none\n$schema: $0\n');
    assert.equal(withRedHat().complete(withLine.source, withLine.position).items[0].additionalTextEdits, undefined);
  });
});

describe('modeline fixes over the whole corpus', () => {
  test('every azureml-examples file with a retired $schema: after the fix yaml-language-server reads "none" for each affected document, and the YAML parses as before', () => {
    const rows = corpusManifest().map((e) => e.file);
    let fixed = 0;
    const problems: string[] = [];
    for (const rel of rows) {
      const text = fs.readFileSync(corpusPath(rel), 'utf8');
      const file = parseYaml(text);
      const conflicts = schemaConflicts(file);
      if (!conflicts.length) continue;
      const plan = planConflictEdits({
        request: { target: 'none', scope: 'file', uri: `file:///c/${rel}` },
        files: [{ uri: `file:///c/${rel}`, text }],
        roots: ['file:///c'],
        schemaText: () => undefined,
      });
      const after = applyEdits(text, plan.changes[0].edits);
      const affected = new Set(conflicts.map((c) => c.section.index));
      const read = yslSchemas(after);
      for (const i of affected) if (read[i] !== 'none') problems.push(`${rel}: document ${i} reads ${read[i]}`);
      const errors = (f: ReturnType<typeof parseYaml>) => f.sections.reduce((n, s) => n + s.problems.length, 0);
      if (errors(parseYaml(after)) !== errors(file)) problems.push(`${rel}: the fix changed the YAML problems`);
      if (schemaConflicts(parseYaml(after)).length) problems.push(`${rel}: conflicts remain`);
      fixed++;
    }
    assert.deepEqual(problems, []);
    assert.ok(fixed > 300, `only ${fixed} corpus files have a retired $schema`);
  });
});
