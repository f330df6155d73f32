import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { closest, distance } from 'fastest-levenshtein';
import { isMap, isScalar, parseDocument, type Node as YamlAstNode } from 'yaml';
import { EDITOR_ONLY, SEVERITIES, type ConfigProblem } from './config';
import { KINDS } from './kinds';

/**
 * The repository file `.aml-yaml.json`: its JSON schema, the one definition
 * of what the file may hold. `scripts/gen-config-schema.mjs` writes it to
 * `dist/aml-yaml-config.schema.json` (contributed to VS Code through
 * `jsonValidation`, shipped in the npm package); the CLI and the server
 * validate the file with it (`checkRepoConfig`), and `readConfig` then keeps
 * the valid values.
 */

type JsonSchema = Record<string, unknown>;

/** A rule or built-in code, for the completion and hover of `"rules"` keys. */
export interface ConfigCode {
  id: string;
  description: string;
  defaultSeverity: string;
}

export const CONFIG_SCHEMA_ID = 'https://schemas.aml-yaml.dev/aml-yaml-config.schema.json';

const SEVERITY_HELP: Record<string, string> = {
  off: 'Not reported.',
  hint: 'Shown as a hint (faint dots, not in the Problems panel).',
  info: 'Reported as information.',
  warning: 'Reported as a warning.',
  error: 'Reported as an error.',
};

/** The settings of `.aml-yaml.json`. `codes` list the rule ids and built-in codes (completion in editors); others are accepted too. */
export function repoConfigSchema(codes: readonly ConfigCode[] = []): JsonSchema {
  const severity = { type: 'string', enum: [...SEVERITIES], enumDescriptions: SEVERITIES.map((s) => SEVERITY_HELP[s]) };
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: CONFIG_SCHEMA_ID,
    title: 'aml-yaml repository configuration (.aml-yaml.json)',
    description:
      'Settings of aml-yaml for the Azure ML YAML files in this folder and below (the nearest .aml-yaml.json wins). Read by the VS Code extension, the language server and `aml-yaml check`.',
    type: 'object',
    additionalProperties: false,
    properties: {
      $schema: { type: 'string', description: 'The JSON schema of this file, for editors.' },
      validate: {
        type: 'boolean',
        description:
          'Check Azure ML YAML files and report problems (default true). The VS Code setting aml-yaml.validate wins when it is set.',
      },
      rules: {
        type: 'object',
        description:
          'Severity per rule id or built-in code: off, hint, info, warning or error. A VS Code setting aml-yaml.rules wins for the ids it names.',
        properties: Object.fromEntries(
          codes.map((c) => [c.id, { ...severity, description: `${c.description} Default: ${c.defaultSeverity}.` }]),
        ),
        additionalProperties: severity,
      },
      fileKinds: {
        type: 'object',
        description: 'Glob (relative to the workspace folder) to Azure ML kind, for files neither $schema nor the content identifies.',
        additionalProperties: { type: 'string', enum: KINDS.map((k) => k.id), enumDescriptions: KINDS.map((k) => k.title) },
      },
      workspace: {
        type: 'string',
        minLength: 1,
        pattern: '\\S',
        description: 'The path of the workspace spec (workspace.yml) the specs in this folder and below belong to, relative to this file.',
      },
    },
  };
}

/** Editor-only keywords of the schema that ajv does not know. */
const ANNOTATIONS = ['enumDescriptions', 'markdownDescription'];
let validator: ValidateFunction | undefined;

function validate(raw: unknown): ErrorObject[] {
  if (!validator) {
    const ajv = new Ajv({ allErrors: true, strict: true });
    for (const k of ANNOTATIONS) ajv.addKeyword(k);
    validator = ajv.compile(repoConfigSchema());
  }
  return validator(raw) ? [] : (validator.errors ?? []);
}

type Segment = string | number;

/** `rules["network-acls-ipv6"]`, `fileKinds["**\/*.yml"]`: the JSON path as people read it. */
export function jsonPath(path: readonly Segment[]): string {
  return (
    path
      .map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 && /^[A-Za-z_$][\w$]*$/.test(s) ? s : `[${JSON.stringify(s)}]`))
      .join('') || '(the file)'
  );
}

function segments(pointer: string): Segment[] {
  return pointer
    ? pointer
        .slice(1)
        .split('/')
        .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    : [];
}

function suggest(word: string, candidates: readonly string[]): string {
  if (!candidates.length) return '';
  const prefixed = word.length > 1 ? candidates.find((c) => c.toLowerCase().startsWith(word.toLowerCase())) : undefined;
  if (prefixed) return ` (did you mean "${prefixed}"?)`;
  const best = closest(word, candidates as string[]);
  return distance(word.toLowerCase(), best.toLowerCase()) <= Math.max(2, Math.floor(best.length / 3)) ? ` (did you mean "${best}"?)` : '';
}

const TYPE_WORD: Record<string, string> = {
  object: 'an object',
  string: 'a string',
  boolean: 'true or false',
  array: 'a list',
  number: 'a number',
};
const found = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'a list' : typeof v === 'object' ? 'an object' : JSON.stringify(v));

/** One sentence per schema error, in the words of the setting. */
function describe(err: ErrorObject, raw: unknown): { path: Segment[]; key: boolean; message: string } {
  const path = segments(err.instancePath);
  let value: unknown = raw;
  for (const s of path) value = (value as Record<string, unknown> | undefined)?.[s as string];
  const top = path[0];
  const settings = Object.keys((repoConfigSchema().properties as object) ?? {}).filter((k) => k !== '$schema');
  switch (err.keyword) {
    case 'additionalProperties': {
      const key = (err.params as { additionalProperty: string }).additionalProperty;
      const at = [...path, key];
      if (!path.length && (EDITOR_ONLY as readonly string[]).includes(key))
        return {
          path: at,
          key: true,
          message: `"${key}" is an editor setting (aml-yaml.${key} in VS Code, or the aml-yaml server's settings in other editors); it has no effect here.`,
        };
      return {
        path: at,
        key: true,
        message: `"${key}" is not a setting of .aml-yaml.json${suggest(key, settings)}; the settings are ${settings.join(', ')}.`,
      };
    }
    case 'enum':
      if (top === 'rules')
        return {
          path,
          key: false,
          message: `severity ${JSON.stringify(value)} is not one of ${SEVERITIES.join(', ')}${typeof value === 'string' ? suggest(value, SEVERITIES) : ''}.`,
        };
      if (top === 'fileKinds')
        return {
          path,
          key: false,
          message: `${JSON.stringify(value)} is not an Azure ML kind${
            (typeof value === 'string' &&
              suggest(
                value,
                KINDS.map((k) => k.id),
              )) ||
            ' (for example workspace, amlCompute, commandJob)'
          }.`,
        };
      return {
        path,
        key: false,
        message: `${found(value)} is not one of ${(err.params as { allowedValues: unknown[] }).allowedValues.join(', ')}.`,
      };
    case 'type': {
      const want = (err.params as { type: string }).type;
      const what =
        top === 'rules' && path.length === 1
          ? 'an object of rule id to severity'
          : top === 'fileKinds' && path.length === 1
            ? 'an object of glob to kind'
            : top === 'fileKinds'
              ? 'a kind name'
              : top === 'rules'
                ? 'a severity word'
                : top === 'workspace'
                  ? 'the path of a workspace spec, relative to this file'
                  : (TYPE_WORD[want] ?? want);
      return { path, key: false, message: path.length ? `must be ${what}, not ${found(value)}.` : 'must be a JSON object.' };
    }
    case 'minLength':
    case 'pattern':
      return {
        path,
        key: false,
        message:
          top === 'workspace' ? 'must be the path of a workspace spec, relative to this file, not an empty string.' : `${err.message}.`,
      };
    default:
      return { path, key: false, message: `${err.message}.` };
  }
}

/** Line and column (1-based) of a JSON path's value, or of its key, in the file's text. */
function locate(text: string, path: readonly Segment[], key: boolean): { line: number; column: number } | undefined {
  let node: YamlAstNode | null | undefined;
  try {
    node = parseDocument(text).contents as YamlAstNode | null;
  } catch {
    return undefined;
  }
  let offset = node?.range?.[0];
  for (let i = 0; i < path.length && node; i++) {
    if (!isMap(node)) return undefined;
    const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(path[i]));
    if (!pair) break;
    const last = i === path.length - 1;
    const k = pair.key as YamlAstNode;
    node = pair.value as YamlAstNode | null;
    offset = last && key ? k.range?.[0] : (node?.range?.[0] ?? k.range?.[0]);
  }
  if (offset === undefined) return undefined;
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/**
 * Validates the parsed content of a `.aml-yaml.json` against its schema.
 * Each problem names the file, the line and column when `text` is given, and
 * the JSON path: `repo/.aml-yaml.json:3:28: rules["network-acls-ipv6"]: severity "warn" is not one of ...`.
 */
export function checkRepoConfig(raw: unknown, file: string, text?: string): ConfigProblem[] {
  const errors = validate(raw);
  // ajv reports a failed enum and the type behind it for the same value: keep the first per path.
  const seen = new Set<string>();
  const out: Array<ConfigProblem & { at?: { line: number; column: number } }> = [];
  for (const err of errors) {
    const d = describe(err, raw);
    const id = JSON.stringify(d.path);
    if (seen.has(id)) continue;
    seen.add(id);
    const at = text !== undefined ? locate(text.replace(/^\uFEFF/, ''), d.path, d.key) : undefined;
    out.push({
      at,
      message: `${file}${at ? `:${at.line}:${at.column}` : ''}: ${d.path.length > (d.key ? 1 : 0) ? `${jsonPath(d.path)}: ` : ''}${d.message}`,
    });
  }
  // In the order of the file.
  out.sort((a, b) => (a.at?.line ?? 0) - (b.at?.line ?? 0) || (a.at?.column ?? 0) - (b.at?.column ?? 0));
  return out.map(({ message }) => ({ message }));
}
