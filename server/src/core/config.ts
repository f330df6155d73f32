import { kindInfo } from './kinds';
import type { SeverityName } from './types';
import type { RedHatYamlState } from '../protocol';

/** Settings that shape analysis; merged from defaults, the repository file and user settings. */
export interface AmlConfig {
  /** Analysis on or off. */
  validate: boolean;
  /** Per-rule (and per schema code) severity. */
  rules: Record<string, SeverityName>;
  /** Glob -> kind id, for files the content cannot tell. */
  fileKinds: Record<string, string>;
  /**
   * YAML syntax and duplicate-key problems: `auto` (the default) leaves them
   * to Red Hat YAML where it validates the file, `always`, `never`.
   */
  syntaxDiagnostics?: 'auto' | 'always' | 'never';
  /** The outline: `auto` (the default) leaves it to Red Hat YAML where it is installed; `always`. */
  documentSymbols?: 'auto' | 'always';
  /** What the editor reports about Red Hat YAML (never read from files). */
  redHatYaml?: RedHatYamlState;
}

/** Red Hat YAML (`redhat.vscode-yaml`) as the VS Code client sees it (declared with the client's messages). */
export type { RedHatYamlState } from '../protocol';

export const DEFAULT_CONFIG: AmlConfig = { validate: true, rules: {}, fileKinds: {} };

export const SEVERITIES: readonly SeverityName[] = ['off', 'hint', 'info', 'warning', 'error'];

export function isSeverityName(v: unknown): v is SeverityName {
  return typeof v === 'string' && (SEVERITIES as readonly string[]).includes(v);
}

export interface ConfigProblem {
  message: string;
}

/** Settings about the editor (other extensions beside aml-yaml): read from editor settings, not from `.aml-yaml.json`. */
export const EDITOR_ONLY = ['syntaxDiagnostics', 'documentSymbols'] as const;

/**
 * Reads a partial configuration from untrusted JSON (the repository file or
 * client settings), keeping what is valid and describing what is not.
 * `source: 'repository'` (`.aml-yaml.json`, also read by the CLI) leaves out
 * the editor-only settings: `aml-yaml check` always reports YAML syntax errors.
 */
export function readConfig(
  raw: unknown,
  problems: ConfigProblem[] = [],
  where = 'configuration',
  source: 'editor' | 'repository' = 'editor',
): Partial<AmlConfig> {
  const out: Partial<AmlConfig> = {};
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    if (raw !== undefined) problems.push({ message: `${where} must be a JSON object.` });
    return out;
  }
  const r = raw as Record<string, unknown>;
  if ('validate' in r) {
    if (typeof r.validate === 'boolean') out.validate = r.validate;
    else problems.push({ message: `${where}: "validate" must be true or false.` });
  }
  if ('rules' in r) {
    if (r.rules && typeof r.rules === 'object' && !Array.isArray(r.rules)) {
      out.rules = {};
      for (const [id, sev] of Object.entries(r.rules as Record<string, unknown>)) {
        if (isSeverityName(sev)) out.rules[id] = sev;
        else problems.push({ message: `${where}: rule "${id}" has severity ${JSON.stringify(sev)}; use one of ${SEVERITIES.join(', ')}.` });
      }
    } else problems.push({ message: `${where}: "rules" must be an object of rule id to severity.` });
  }
  if ('fileKinds' in r) {
    if (r.fileKinds && typeof r.fileKinds === 'object' && !Array.isArray(r.fileKinds)) {
      out.fileKinds = {};
      for (const [glob, kind] of Object.entries(r.fileKinds as Record<string, unknown>)) {
        if (typeof kind === 'string' && kindInfo(kind)) out.fileKinds[glob] = kind;
        else if (typeof kind === 'string')
          problems.push({
            message: `${where}: fileKinds["${glob}"] names "${kind}", which is not an Azure ML kind (for example workspace, amlCompute, commandJob).`,
          });
        else problems.push({ message: `${where}: fileKinds["${glob}"] must be a kind name.` });
      }
    } else problems.push({ message: `${where}: "fileKinds" must be an object of glob to kind.` });
  }
  for (const [key, allowed] of [
    ['syntaxDiagnostics', ['auto', 'always', 'never']],
    ['documentSymbols', ['auto', 'always']],
  ] as const) {
    if (!(key in r)) continue;
    if (source === 'repository' && (EDITOR_ONLY as readonly string[]).includes(key)) {
      problems.push({
        message: `${where}: "${key}" is an editor setting (aml-yaml.${key} in VS Code, or the aml-yaml server's settings in other editors); it has no effect here.`,
      });
      continue;
    }
    if ((allowed as readonly unknown[]).includes(r[key])) (out as Record<string, unknown>)[key] = r[key];
    else problems.push({ message: `${where}: "${key}" must be one of ${allowed.join(', ')}.` });
  }
  return out;
}

/** Later layers win, key by key. */
export function mergeConfig(...layers: Array<Partial<AmlConfig> | undefined>): AmlConfig {
  const out: AmlConfig = { validate: DEFAULT_CONFIG.validate, rules: {}, fileKinds: {} };
  for (const l of layers) {
    if (!l) continue;
    if (l.validate !== undefined) out.validate = l.validate;
    Object.assign(out.rules, l.rules ?? {});
    Object.assign(out.fileKinds, l.fileKinds ?? {});
    if (l.syntaxDiagnostics !== undefined) out.syntaxDiagnostics = l.syntaxDiagnostics;
    if (l.documentSymbols !== undefined) out.documentSymbols = l.documentSymbols;
    if (l.redHatYaml !== undefined) out.redHatYaml = l.redHatYaml;
  }
  return out;
}
