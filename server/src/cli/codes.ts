import type { SeverityName } from '../core/types';
import { BINDING_CODES } from '../bindings/codes';
import { BUILTIN_CODES } from '../service';
import { RULES } from '../rules/registry';
import { LOADER_CHECKS } from '../schema/checks';
import { KINDS } from '../core/kinds';

export interface CodeInfo {
  id: string;
  description: string;
  defaultSeverity: SeverityName;
  /** The source article (rules) or undefined. */
  helpUri?: string;
  /** Quotes from the article, for a longer description. */
  quotes?: string[];
}

/** What the built-in (non-rule) diagnostic codes mean, for reports that describe every code. */
const BUILTIN: Partial<Record<string, Omit<CodeInfo, 'id'>>> = {
  'yaml-syntax': {
    description: 'The file is not valid YAML (or uses YAML that the Azure ML CLI reads differently).',
    defaultSeverity: 'error',
  },
  'duplicate-key': { description: 'A mapping has the same key twice (the Azure ML CLI keeps the last value).', defaultSeverity: 'warning' },
  'file-too-large': { description: 'The file is larger than aml-yaml analyses.', defaultSeverity: 'warning' },
  'binary-content': { description: 'The file contains control characters that YAML does not allow.', defaultSeverity: 'error' },
  'too-many-documents': { description: 'The file has more YAML documents than aml-yaml analyses.', defaultSeverity: 'warning' },
  'too-deep': { description: 'A document nests deeper than aml-yaml analyses.', defaultSeverity: 'warning' },
  'alias-limit': {
    description: 'The aliases of a document expand to more values than aml-yaml analyses (an alias counts the size of what it stands for).',
    defaultSeverity: 'error',
  },
  'too-many-nodes': { description: 'A document has more values (aliases expanded) than aml-yaml analyses.', defaultSeverity: 'warning' },
  'too-many-keys': { description: 'A mapping has more keys than aml-yaml analyses.', defaultSeverity: 'warning' },
  'too-many-problems': {
    description: 'A file has more problems than the editor shows (the first 999 are shown; the command-line checker lists them all).',
    defaultSeverity: 'warning',
  },
  'analysis-stopped': {
    description: 'The analysis of a file reached its time limit (or failed); the checks after that point were skipped.',
    defaultSeverity: 'warning',
  },
  'unknown-key': {
    description:
      'A key the schema of this kind does not define, where the CLI rejects unknown keys (it ignores them in a few places: pipeline settings, component files, managed networks).',
    defaultSeverity: 'error',
  },
  'wrong-type': { description: 'A value of the wrong type for its key.', defaultSeverity: 'error' },
  'invalid-enum': { description: 'A value outside the allowed values of its key.', defaultSeverity: 'error' },
  'missing-required': { description: 'A required key is missing.', defaultSeverity: 'error' },
  'invalid-value': { description: 'A value the schema rejects (format, range or pattern).', defaultSeverity: 'error' },
  'non-canonical-enum': {
    description:
      'A value the CLI accepts after its casing transform (lower case, CamelCase to snake_case) but spelled differently from the documentation.',
    defaultSeverity: 'hint',
  },
  'unknown-kind': {
    description: 'The $schema names an Azure ML kind aml-yaml does not know; only YAML syntax is checked.',
    defaultSeverity: 'info',
  },
  'unknown-rule-id': { description: 'A suppression comment names an id that is not an aml-yaml rule.', defaultSeverity: 'warning' },
  'unresolved-reference': {
    description:
      'An azureml: name, datastore, compute or endpoint that no spec of the repository defines (it may exist only in the workspace).',
    defaultSeverity: 'hint',
  },
  'missing-file': {
    description: 'A relative local path (code, conda_file, component, path) that does not exist.',
    defaultSeverity: 'warning',
  },
  'invalid-workspace-association': {
    description:
      'A "# aml-yaml-workspace:" comment or the "workspace" of .aml-yaml.json names a path that is not a workspace spec; the files it applies to belong to no workspace.',
    defaultSeverity: 'warning',
  },
  ...Object.fromEntries(Object.entries(BINDING_CODES).map(([id, c]) => [id, { description: c.description, defaultSeverity: c.severity }])),
};

/** The loader's built-in checks: their description names the kinds they apply to (kind registry, `x-check`). */
for (const check of LOADER_CHECKS) {
  const kinds = KINDS.filter((k) => k.checks.some((c) => c.code === check.code)).map((k) => k.title);
  BUILTIN[check.code] = {
    description: `${check.description}${kinds.length ? ` Applies to: ${kinds.join(', ')}.` : ''}`,
    defaultSeverity: 'error',
  };
}

/** Every rule of the catalogue, then every built-in code. */
export function allCodes(): CodeInfo[] {
  const rules = RULES.map((r) => ({
    id: r.id,
    description: r.description,
    defaultSeverity: r.defaultSeverity,
    helpUri: r.article?.url,
    quotes: r.quotes,
  }));
  const builtins = BUILTIN_CODES.map((id): CodeInfo => ({
    id,
    ...(BUILTIN[id] ?? { description: `Built-in check "${id}".`, defaultSeverity: 'warning' }),
  }));
  return [...[...rules].sort((a, b) => (a.id < b.id ? -1 : 1)), ...builtins];
}
