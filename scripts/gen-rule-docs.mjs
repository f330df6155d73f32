#!/usr/bin/env node
// Writes docs/rules/<id>.md for every rule of the catalogue and the index
// docs/rules/README.md, from the rule files and the prose beside them.
//
// From the rule (server/src/rules/catalog/<id>.ts): the id (its file name),
// description, default severity, kinds, cross-file flag, hover fields, the
// quotes with the link to their article. From the fragment next to it
// (<id>.md): the index group, the prose only a person can write ("What it
// checks", "Why", with `{{quotes}}` where the quotes go) and the example's
// input files. The example is run: the reported lines, severities and
// messages come from analysing the files with the language service, the fixed
// text from applying the rule's preferred quick fix, and the suppression
// comments are checked to silence the finding. A by-hand correction
// (`yaml <file> corrected`, for rules without a quick fix) must clear the
// finding. Run by the build (writes only what changed); `--check` exits 1
// when a committed page is stale or an example does not do what it shows.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { tsImport } from 'tsx/esm/api';
import { TextDocument } from 'vscode-languageserver-textdocument';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const load = (rel) => tsImport(pathToFileURL(path.join(root, rel)).href, import.meta.url);
const { RULES } = await load('server/src/rules/registry.ts');
const { kindInfo } = await load('server/src/core/kinds.ts');
const { AmlLanguageService } = await load('server/src/service.ts');
const { WorkspaceIndex } = await load('server/src/workspace/workspaceIndex.ts');
const { MemoryFileSystem } = await load('server/src/workspace/fs.ts');

const CATALOG = path.join(root, 'server', 'src', 'rules', 'catalog');
const DOCS = path.join(root, 'docs', 'rules');
const GROUPS = ['Workspace network isolation', 'Endpoints', 'Identity', 'Data and secrets'];
const SEVERITY_NAMES = ['error', 'warning', 'info', 'hint'];
const EXAMPLE_ROOT = 'file:///example';

// One service for every example: its schemas compile once.
const service = new AmlLanguageService();
const problems = [];
const fail = (id, message) => problems.push(`${id}: ${message}`);

/** Splits a fragment into its front matter (`key: value` lines), sections by `## ` heading. */
function readFragment(id) {
  const file = path.join(CATALOG, `${id}.md`);
  if (!fs.existsSync(file)) {
    fail(id, `no ${path.relative(root, file)} (the rule's prose and example)`);
    return undefined;
  }
  const text = fs.readFileSync(file, 'utf8').replace(/\r\n/g, '\n');
  const meta = {};
  let body = text;
  const fm = /^---\n([\s\S]*?)\n---\n/.exec(text);
  if (fm) {
    for (const line of fm[1].split('\n')) {
      const m = /^(\w+):\s*(.*)$/.exec(line);
      if (m) meta[m[1]] = m[2].trim();
    }
    body = text.slice(fm[0].length);
  }
  const sections = new Map();
  let current;
  for (const line of body.split('\n')) {
    const h = /^## (.+)$/.exec(line);
    if (h) sections.set((current = h[1].trim()), []);
    else if (current) sections.get(current).push(line);
  }
  for (const [k, v] of sections) sections.set(k, v.join('\n').trim());
  return { meta, sections };
}

/** The example section: ```yaml <file> [corrected]``` blocks, and prose notes between them. */
function readExample(id, text) {
  const files = [];
  const corrected = [];
  const notes = [];
  const lines = (text ?? '').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^```yaml(?:\s+(\S+))?(?:\s+(corrected))?\s*$/.exec(lines[i]);
    if (!open) {
      if (lines[i].trim()) notes.push(lines[i]);
      else if (notes.length && notes[notes.length - 1] !== '') notes.push('');
      continue;
    }
    const body = [];
    for (i++; i < lines.length && lines[i] !== '```'; i++) body.push(lines[i]);
    const entry = { name: open[1] ?? 'spec.yml', text: body.join('\n') + '\n' };
    (open[2] ? corrected : files).push(entry);
  }
  if (!files.length) fail(id, 'an example has no files (```yaml <file> blocks)');
  return { files, corrected, notes: notes.join('\n').trim() };
}

/** Analyses the example files as one workspace folder; the findings of `id`, with their quick fixes. */
async function run(id, files) {
  const mem = new MemoryFileSystem(Object.fromEntries(files.map((f) => [`${EXAMPLE_ROOT}/${f.name}`, f.text])));
  const index = new WorkspaceIndex({ fs: mem });
  await index.index([EXAMPLE_ROOT]);
  service.setWorkspace(index);
  service.invalidate();
  const findings = [];
  for (const f of files) {
    const doc = { uri: `${EXAMPLE_ROOT}/${f.name}`, version: 1, text: f.text };
    const analysis = service.analyze(doc);
    for (const failure of analysis.ruleFailures) fail(id, `rule ${failure.rule} threw on ${f.name}: ${failure.error}`);
    for (const d of analysis.diagnostics.filter((x) => x.code === id)) {
      const actions = service
        .codeActions(doc, d.range, [d])
        .filter((a) => a.kind === 'quickfix' && a.diagnostics?.some((x) => x.code === id));
      findings.push({ file: f, diagnostic: d, actions });
    }
  }
  return findings;
}

function applyAction(action, files) {
  const changed = new Map();
  const changes = action.edit?.changes ?? {};
  for (const [uri, edits] of Object.entries(changes)) {
    const f = files.find((x) => `${EXAMPLE_ROOT}/${x.name}` === uri);
    if (!f) continue;
    const doc = TextDocument.create(uri, 'yaml', 1, changed.get(f.name) ?? f.text);
    changed.set(f.name, TextDocument.applyEdits(doc, edits));
  }
  return changed;
}

const code = (s) => `\`${s}\``;
/** A file of the example as a YAML block; a long one abridged (its first lines, a count, its last lines). */
function yamlBlock(name, text, withName) {
  let lines = text.replace(/\n$/, '').split('\n');
  if (lines.length > 40) {
    const indent = /^\s*/.exec(lines[12])[0];
    lines = [...lines.slice(0, 12), `${indent}# ... ${lines.length - 14} lines left out ...`, ...lines.slice(-2)];
  }
  return ['```yaml', ...(withName ? [`# ${name}`] : []), ...lines, '```'].join('\n');
}
const cell = (s) => String(s).replace(/\|/g, '\\|');
const fieldPath = (p) =>
  p
    .map((s, i) => (s === '*' ? '[]' : typeof s === 'number' ? `[${s}]` : `${i ? '.' : ''}${s}`))
    .join('')
    .replace(/\.\[/g, '[');
const kindsText = (rule) =>
  rule.kinds.includes('*') ? 'every kind' : rule.kinds.map((k) => `${kindInfo(k)?.title ?? k} (${code(k)})`).join(', ');

/** Runs one example: its findings, the quick fix applied, the by-hand correction checked; its text for the page. */
async function runExample(id, name, section) {
  const example = readExample(id, section);
  const rest = name.replace(/^Example:?\s*/, '');
  const caption = rest ? rest[0].toUpperCase() + rest.slice(1) : 'Example';
  const findings = example.files.length ? await run(id, example.files) : [];
  if (example.files.length && !findings.length) fail(id, `${name}: the example reports nothing: it must show the rule firing`);
  const multi = example.files.length > 1;
  // The quick fix: the preferred one of the first finding that has any, else its first.
  const withFix = findings.find((f) => f.actions.length);
  const action = withFix && (withFix.actions.find((a) => a.isPreferred) ?? withFix.actions[0]);
  const fixedFiles = action ? applyAction(action, example.files) : new Map();
  if (action) {
    const after = await run(
      id,
      example.files.map((f) => ({ ...f, text: fixedFiles.get(f.name) ?? f.text })),
    );
    if (after.length >= findings.length) fail(id, `${name}: the quick fix "${action.title}" does not remove the finding it fixes`);
  }
  for (const c of example.corrected) {
    if (!example.files.some((f) => f.name === c.name)) fail(id, `${name}: corrected file ${c.name} is not an example file`);
  }
  if (example.corrected.length) {
    const after = await run(
      id,
      example.files.map((f) => example.corrected.find((c) => c.name === f.name) ?? f),
    );
    if (after.length) fail(id, `${name}: the corrected example still reports: ${after.map((a) => a.diagnostic.message).join('; ')}`);
  }
  const reported = findings.map(
    (f) =>
      `- ${multi ? `${code(f.file.name)}, ` : ''}line ${f.diagnostic.range.start.line + 1} (${SEVERITY_NAMES[f.diagnostic.severity - 1]}): ${f.diagnostic.message}`,
  );
  const fixedBlocks = [...fixedFiles].map(([file, text]) => yamlBlock(file, text, multi));
  const correctedBlocks = example.corrected.map((c) => yamlBlock(c.name, c.text, multi));
  const text = [
    ...example.files.flatMap((f) => [yamlBlock(f.name, f.text, multi), '']),
    'Reported by aml-yaml:',
    '',
    ...reported,
    '',
    ...(fixedBlocks.length ? [`After the quick fix "${action.title}":`, '', ...fixedBlocks.flatMap((b) => [b, ''])] : []),
    ...(correctedBlocks.length
      ? [`Corrected by hand${action ? '' : ' (there is no quick fix)'}:`, '', ...correctedBlocks.flatMap((b) => [b, ''])]
      : []),
    ...(example.notes ? [example.notes, ''] : []),
  ]
    .join('\n')
    .trim();
  return { files: example.files, findings, action, caption, text };
}

async function page(rule) {
  const id = rule.id;
  const fragment = readFragment(id);
  if (!fragment) return { text: '', group: GROUPS[0], severities: [rule.defaultSeverity] };
  const { meta, sections } = fragment;
  const exampleNames = [...sections.keys()].filter((n) => /^Example(: .+)?$/.test(n));
  for (const name of sections.keys())
    if (!['What it checks', 'Why'].includes(name) && !exampleNames.includes(name)) fail(id, `unknown section "## ${name}" in the fragment`);
  const group = meta.group;
  if (!GROUPS.includes(group)) fail(id, `front matter "group: ${group}" is not one of ${GROUPS.join(', ')}`);
  if (!exampleNames.length) fail(id, 'the fragment has no "## Example"');
  const examples = [];
  for (const name of exampleNames) examples.push(await runExample(id, name, sections.get(name)));
  const findings = examples.flatMap((e) => e.findings);
  const severities = [...new Set([rule.defaultSeverity, ...findings.map((f) => SEVERITY_NAMES[f.diagnostic.severity - 1])])];
  const action = examples.find((e) => e.action)?.action;
  const example = examples[0];

  // Suppression comments, checked on the first finding.
  const first = findings[0];
  let suppress = '';
  if (first) {
    const lines = first.file.text.split('\n');
    const line = first.diagnostic.range.start.line;
    const indent = /^\s*/.exec(lines[line])[0];
    const nextLine = [
      ...lines.slice(0, line),
      `${indent}# aml-yaml-disable-next-line ${id} -- reviewed, see the team wiki`,
      ...lines.slice(line),
    ].join('\n');
    const sameLine = [...lines.slice(0, line), `${lines[line]}  # aml-yaml-disable-line ${id}`, ...lines.slice(line + 1)].join('\n');
    const fileWide = `# aml-yaml-disable ${id}\n${first.file.text}`;
    const silenced = async (text) =>
      !(
        await run(
          id,
          example.files.map((f) => (f === first.file ? { ...f, text } : f)),
        )
      ).some((x) => x.file.name === first.file.name && x.diagnostic.message === first.diagnostic.message);
    for (const [what, text] of [
      ['disable-next-line', nextLine],
      ['disable-line', sameLine],
      ['disable', fileWide],
    ]) {
      if (!(await silenced(text))) fail(id, `# aml-yaml-${what} does not silence the example's finding`);
    }
    const sameLineOk = !/^\s*[|>]/.test(lines[line].split(':').slice(1).join(':'));
    suppress = [
      '## Suppress',
      '',
      'Silence one occurrence with a comment on the line before it (several ids are separated by commas; a reason may follow `--`):',
      '',
      '```yaml',
      `${indent}# aml-yaml-disable-next-line ${id} -- reviewed, see the team wiki`,
      lines[line],
      '```',
      '',
      ...(sameLineOk
        ? ['or at the end of the reported line:', '', '```yaml', `${lines[line]}  # aml-yaml-disable-line ${id}`, '```', '']
        : []),
      'or the whole file with a comment anywhere in it:',
      '',
      '```yaml',
      `# aml-yaml-disable ${id}`,
      '```',
      '',
      '`all` in place of the id silences every rule. A comment naming an id that is no rule is reported (`unknown-rule-id`).',
    ].join('\n');
  }

  const quotes = (rule.quotes ?? []).length
    ? [
        ...rule.quotes
          .map((q) => `> ${q}`)
          .join('\n>\n')
          .split('\n'),
        '',
        `— [${rule.article.title}](${rule.article.url})`,
      ].join('\n')
    : '';
  let why = sections.get('Why') ?? '';
  if (why.includes('{{quotes}}')) why = why.replace('{{quotes}}', quotes);
  else why = [quotes, why].filter(Boolean).join('\n\n');
  if (!why) fail(id, 'no "## Why" prose and no quotes');

  const fields = (rule.hoverFields ?? []).map((p) => code(fieldPath(p)));
  const rows = [
    ['Default severity', severities.map(code).join(' / ') + (severities.length > 1 ? ', by finding (see the example)' : '')],
    ['Applies to', kindsText(rule) + (fields.length ? `: ${fields.join(', ')}` : '')],
    ...(rule.crossFile
      ? [['Cross-file', 'yes: reads the other specs of the same workspace folder, silent when the related spec is not there']]
      : []),
    ['Quick fix', action ? `yes (in the example: "${action.title}")` : 'no'],
    ...(rule.article ? [['Source', `[${rule.article.title}](${rule.article.url})`]] : []),
  ];

  const text = [
    `# ${id}`,
    '',
    '<!-- Generated by scripts/gen-rule-docs.mjs from server/src/rules/catalog/' + id + '.ts and .md. Do not edit. -->',
    '',
    rule.description,
    '',
    '| | |',
    '|---|---|',
    ...rows.map(([k, v]) => `| ${k} | ${cell(v)} |`),
    '',
    '## What it checks',
    '',
    sections.get('What it checks') ?? '',
    '',
    '## Why',
    '',
    why,
    '',
    '## Example',
    '',
    ...examples.flatMap((e) => [...(examples.length > 1 ? [`### ${e.caption}`, ''] : []), e.text, '']),
    '## Configure',
    '',
    `Every rule's severity is configurable: \`off\`, \`hint\`, \`info\`, \`warning\` or \`error\` (default for this rule: \`${rule.defaultSeverity}\`).`,
    '',
    '- Repository: `.aml-yaml.json` at the workspace root or in any parent folder of the file (the nearest one wins). It applies to the editor and to the CLI alike:',
    '',
    '  ```json',
    `  { "rules": { "${id}": "off" } }`,
    '  ```',
    '',
    `- VS Code: the \`aml-yaml.rules\` setting takes the same object, for example \`"aml-yaml.rules": { "${id}": "warning" }\`. A user setting wins over the repository file for the rules it names.`,
    '',
    suppress,
    '',
  ]
    .join('\n')
    .replace(/\n{3,}/g, '\n\n');
  return { text, group, severities };
}

const pages = [];
for (const rule of RULES) pages.push({ rule, ...(await page(rule)) });

const index = [
  '# Rules',
  '',
  '<!-- Generated by scripts/gen-rule-docs.mjs from server/src/rules/catalog/. Do not edit. -->',
  '',
  'Every rule of the aml-yaml catalogue. The id is the diagnostic `code`, the key in `.aml-yaml.json` and',
  'in the VS Code setting `aml-yaml.rules`, and the name to use in suppression comments',
  "(`# aml-yaml-disable-next-line <id>`, `# aml-yaml-disable-line <id>` for the comment's own line, `# aml-yaml-disable <id>`). Every severity is configurable,",
  '`off` included. Rules marked *cross-file* read the other specs of the same workspace folder and stay',
  'silent when the related spec is not there.',
  '',
  "Checks that do not come from the catalogue (YAML, schema, the checks the Azure ML CLI's loader makes, such as",
  '`traffic-total` or `invalid-name`, and the `${{ }}` binding checks) are listed with their codes and default severities',
  'in [built-in.md](built-in.md); they are configurable and suppressible the same way. The kinds and how each is',
  'recognised are in [../kinds.md](../kinds.md).',
  '',
  ...GROUPS.flatMap((g) => [
    `## ${g}`,
    '',
    '| Rule | Default severity | What it reports |',
    '|---|---|---|',
    ...pages
      .filter((p) => p.group === g)
      .map(
        (p) =>
          `| [${p.rule.id}](${p.rule.id}.md) | ${p.severities.join(' / ')} | ${p.rule.crossFile ? '*Cross-file:* ' : ''}${cell(p.rule.description.replace(/ \(cross-file\)(?=\.$)/, ''))} |`,
      ),
    '',
  ]),
].join('\n');

if (problems.length) {
  console.error(`gen-rule-docs: the rule pages cannot be generated:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}

const outputs = [...pages.map((p) => [path.join(DOCS, `${p.rule.id}.md`), p.text]), [path.join(DOCS, 'README.md'), index]];
const stale = outputs.filter(([file, text]) => !fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== text);
if (process.argv.includes('--check')) {
  if (stale.length) {
    console.error(`stale rule pages (run node scripts/gen-rule-docs.mjs): ${stale.map(([f]) => path.relative(root, f)).join(', ')}`);
    process.exit(1);
  }
} else for (const [file, text] of stale) fs.writeFileSync(file, text);
