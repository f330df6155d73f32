#!/usr/bin/env node
// Writes `contributes.configuration` of package.json from the rule catalogue
// (server/src/rules/catalog), the built-in codes (server/src/cli/codes.ts) and
// the kind list (server/src/core/kinds.ts): one `aml-yaml.rules` property per
// rule id and built-in code with its severity enum and description, and the kind enum of `aml-yaml.fileKinds`. Run by the build;
// writes only when something changed. `--check` fails when package.json is stale.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { tsImport } from 'tsx/esm/api';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const load = (rel) => tsImport(pathToFileURL(path.join(root, rel)).href, import.meta.url);
const { RULES } = await load('server/src/rules/registry.ts');
const { KINDS } = await load('server/src/core/kinds.ts');
const { allCodes } = await load('server/src/cli/codes.ts');

const SEVERITIES = ['off', 'hint', 'info', 'warning', 'error'];
const SEVERITY_DESCRIPTIONS = [
  'Not reported.',
  'Shown as a hint (faint dots, not in the Problems panel).',
  'Reported as information.',
  'Reported as a warning.',
  'Reported as an error.',
];
const severity = (extra = {}) => ({ type: 'string', enum: SEVERITIES, ...extra });

const rules = [...RULES].sort((a, b) => a.id.localeCompare(b.id));
const ruleProperties = Object.fromEntries(
  rules.map((r) => [
    r.id,
    severity({
      markdownDescription: `${r.description} Default: \`${r.defaultSeverity}\`.${r.article ? ` Source: [${r.article.title}](${r.article.url}).` : ''}`,
    }),
  ]),
);

// Built-in codes (schema checks and the loader's checks) are configurable the same way.
const ruleIds = new Set(rules.map((r) => r.id));
for (const c of allCodes()) {
  if (ruleIds.has(c.id)) continue;
  ruleProperties[c.id] = severity({ markdownDescription: `Built-in check: ${c.description} Default: \`${c.defaultSeverity}\`.` });
}

const configuration = {
  title: 'Azure ML YAML',
  properties: {
    'aml-yaml.validate': {
      type: 'boolean',
      default: true,
      scope: 'window',
      markdownDescription:
        'Check Azure ML YAML files and report problems. Completion and hovers work either way. Overrides `validate` in `.aml-yaml.json` when set.',
    },
    'aml-yaml.rules': {
      type: 'object',
      default: {},
      scope: 'window',
      markdownDescription:
        "Severity per rule id (or schema check code such as `unknown-key`): `off`, `hint`, `info`, `warning` or `error`. Values set here win over the `rules` of the repository file `.aml-yaml.json`; ids not set keep their default or the repository file's level.",
      properties: ruleProperties,
      additionalProperties: severity({ enumDescriptions: SEVERITY_DESCRIPTIONS, markdownDescription: 'Severity of a schema check code.' }),
    },
    'aml-yaml.fileKinds': {
      type: 'object',
      default: {},
      scope: 'window',
      markdownDescription:
        'Glob → Azure ML kind, for files neither `$schema` nor the content identifies, for example `{"**/deploy/*.yml": "managedOnlineDeployment"}`. `$schema` and the content win over this setting.',
      additionalProperties: { type: 'string', enum: KINDS.map((k) => k.id), enumDescriptions: KINDS.map((k) => k.title) },
    },
    'aml-yaml.syntaxDiagnostics': {
      type: 'string',
      enum: ['auto', 'always', 'never'],
      enumDescriptions: [
        'Leave YAML syntax and duplicate-key errors to Red Hat YAML in the files it validates (no error reported twice); report them elsewhere.',
        'Always report them (they appear twice beside Red Hat YAML).',
        'Never report them.',
      ],
      default: 'auto',
      scope: 'window',
      markdownDescription:
        "YAML syntax and duplicate-key errors in Azure ML files. Red Hat YAML (`redhat.vscode-yaml`) reports the same errors from the same parser in every YAML file it validates (`yaml.validate`), so with `auto` aml-yaml leaves them to it there. `yaml.validate` counts as Red Hat YAML applies it: one value for every file of the window, from user and workspace settings with their `[yaml]` overrides; a folder's own settings in a multi-root workspace do not change what Red Hat YAML reports, so they do not change this either. aml-yaml's own notes on YAML the Azure ML CLI reads differently are always reported.",
    },
    'aml-yaml.documentSymbols': {
      type: 'string',
      enum: ['auto', 'always'],
      enumDescriptions: [
        'When Red Hat YAML is installed, the Outline and breadcrumbs show only its tree (VS Code shows one tree per extension).',
        "Always provide aml-yaml's outline (the spec's kind and name, pipeline steps by name), beside Red Hat YAML's.",
      ],
      default: 'auto',
      scope: 'window',
      markdownDescription:
        'The outline of Azure ML files. VS Code shows one tree per extension that provides one, so beside Red Hat YAML the Outline would show the file twice.',
    },
    'aml-yaml.trace.server': {
      type: 'string',
      enum: ['off', 'messages', 'verbose'],
      enumDescriptions: ['No tracing.', 'Trace request and notification names.', 'Trace messages with their parameters.'],
      default: 'off',
      scope: 'window',
      markdownDescription:
        'Trace the communication between VS Code and the aml-yaml language server in the **Azure ML YAML** output channel.',
    },
  },
};

const file = path.join(root, 'package.json');
const text = fs.readFileSync(file, 'utf8');
const pkg = JSON.parse(text);
pkg.contributes = { ...pkg.contributes, configuration };
const next = JSON.stringify(pkg, null, 2) + '\n';
if (process.argv.includes('--check')) {
  if (next !== text) {
    console.error('package.json contributes.configuration is stale: run node client/scripts/gen-settings.mjs (the build does)');
    process.exit(1);
  }
} else if (next !== text) {
  fs.writeFileSync(file, next);
  console.log(`gen-settings: package.json settings updated (${rules.length} rules)`);
}
