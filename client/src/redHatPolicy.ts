/**
 * Decisions about Red Hat YAML (`redhat.vscode-yaml`) beside aml-yaml, as
 * plain functions (no `vscode` import; tested in test/client/). The VS Code
 * glue is `redHat.ts`; the server decides per file (server/src/features/redHat.ts).
 */
import type { ConflictEditPlan, ConflictEditRequest, ConflictScope, ModelineTarget, RedHatYamlState } from '../../server/src/protocol';

export type { ConflictEditPlan, ConflictEditRequest, ConflictScope, ModelineTarget, RedHatYamlState } from '../../server/src/protocol';

export const REDHAT_YAML_ID = 'redhat.vscode-yaml';
/** The server's diagnostic on a `$schema` Red Hat YAML cannot download. */
export const CONFLICT_CODE = 'redhat-schema-unreachable';

/** The state from the extension (undefined when not installed or disabled) and `yaml.validate` for YAML files. */
export function redHatState(extension: { packageJSON?: unknown } | undefined, validate: unknown): RedHatYamlState {
  if (!extension) return { installed: false, validates: false };
  const pkg = extension.packageJSON as { version?: unknown } | undefined;
  return { installed: true, validates: validate !== false, version: typeof pkg?.version === 'string' ? pkg.version : undefined };
}

export function sameState(a: RedHatYamlState | undefined, b: RedHatYamlState): boolean {
  return !!a && a.installed === b.installed && a.validates === b.validates && a.version === b.version;
}

// ---------------------------------------------------------------------------
// The one-time explanation

/** What is remembered about the explanation. */
export interface ExplainMemory {
  /** The answer given in this workspace (any answer, dismissing included: the explanation is shown once). */
  workspaceAnswer?: string;
  /** "Don't ask again" in any workspace. */
  dontAskAgain?: boolean;
}

export const MEMORY_KEYS = { workspaceAnswer: 'aml-yaml.redHatYaml.explained', dontAskAgain: 'aml-yaml.redHatYaml.dontAskAgain' } as const;

/**
 * Whether to show the explanation now: Red Hat YAML validates, an Azure ML
 * file has a `$schema` it cannot download (the server's diagnostic is there),
 * and the user has not answered it in this workspace nor asked never to see it.
 */
export function shouldExplain(state: RedHatYamlState, memory: ExplainMemory, conflictSeen: boolean, shownThisSession: boolean): boolean {
  return state.installed && state.validates && conflictSeen && !shownThisSession && !memory.workspaceAnswer && !memory.dontAskAgain;
}

export type ExplainChoice = 'all-none' | 'file-none' | 'options' | 'dont-ask' | 'dismissed';

/** Three short buttons (VS Code cuts longer ones); "Don't ask again" is among the other options. */
export const EXPLAIN_BUTTONS: ReadonlyArray<{ title: string; choice: Exclude<ExplainChoice, 'dismissed' | 'dont-ask'> }> = [
  { title: 'Add to All Files...', choice: 'all-none' },
  { title: 'This File Only', choice: 'file-none' },
  { title: 'Other Options...', choice: 'options' },
];

export function explainMessage(file: string): string {
  return (
    `Red Hat YAML is installed too. It tries to download the $schema of Azure ML files such as ${file}, ` +
    'but azuremlschemas.azureedge.net no longer serves the Azure ML schemas, so it marks each of them with an error. ' +
    'aml-yaml checks these files offline with its own schemas. Add a "# yaml-language-server: $schema=none" line to them, ' +
    'so that Red Hat YAML skips only their schema (it keeps checking YAML syntax)? Nothing changes until you confirm the edits.'
  );
}

/** What the user picked, remembered per workspace (`dont-ask` also globally). */
export function rememberAnswer(choice: ExplainChoice): { workspaceAnswer: string; dontAskAgain: boolean } {
  return { workspaceAnswer: choice, dontAskAgain: choice === 'dont-ask' };
}

// ---------------------------------------------------------------------------
// The ways out

export type OptionId = `${ModelineTarget}:${ConflictScope}` | 'turn-off' | 'explain' | 'keep';

/** The choices of "Other Options..." (and of the command palette), the careful ones first. */
export const OPTIONS: ReadonlyArray<{ id: OptionId; label: string; detail: string }> = [
  {
    id: 'none:workspace',
    label: '$(comment) "$schema=none" in every Azure ML file of the workspace',
    detail:
      'A comment line per file: Red Hat YAML skips the schema, keeps checking YAML syntax. Works the same for teammates. You confirm the list of files first.',
  },
  { id: 'none:file', label: '$(comment) "$schema=none" in this file', detail: 'The same, for the current file only.' },
  {
    id: 'schema:workspace',
    label: "$(file-code) Point Red Hat YAML at aml-yaml's schemas in every Azure ML file",
    detail:
      'Copies the standalone schemas into .aml-yaml/schemas/ and adds a modeline with a relative path: teammates with Red Hat YAML only get validation too. With both extensions, schema completions and errors appear twice. You confirm the list of files first.',
  },
  {
    id: 'schema:file',
    label: "$(file-code) Point Red Hat YAML at aml-yaml's schema in this file",
    detail: 'The same, for the current file only.',
  },
  {
    id: 'turn-off',
    label: "$(circle-slash) Turn off Red Hat YAML's validation in this workspace",
    detail:
      'Sets "yaml.validate": false in the workspace settings: no Red Hat YAML errors in any YAML file of the workspace (also GitHub workflows, Kubernetes manifests, ...).',
  },
  { id: 'explain', label: '$(book) Explain', detail: 'What happens, and the trade-offs of each way out.' },
  {
    id: 'keep',
    label: "$(close) Keep things as they are, and don't ask again",
    detail: 'In no workspace; aml-yaml keeps explaining on each affected $schema line (the redhat-schema-unreachable diagnostic).',
  },
];

export function requestFor(option: OptionId, uri: string): ConflictEditRequest | undefined {
  const m = /^(none|schema):(file|workspace)$/.exec(option);
  return m ? { target: m[1] as ModelineTarget, scope: m[2] as ConflictScope, uri } : undefined;
}

/**
 * Whether the user confirms the edits before they are applied (a modal that
 * lists the files, with the Refactor Preview one click away): always, unless
 * they only touch the file the user acted on.
 */
export function needsConfirmation(plan: ConflictEditPlan, actedOn: string): boolean {
  return plan.schemas.length > 0 || plan.changes.some((c) => c.uri !== actedOn);
}

/** One line saying what a plan does (the edit label, and the message when there is nothing to do). */
export function planSummary(plan: ConflictEditPlan, target: ModelineTarget): string {
  if (!plan.changes.length) return 'No Azure ML file has a $schema that Red Hat YAML cannot download: nothing to change.';
  const files = plan.changes.length === 1 ? '1 file' : `${plan.changes.length} files`;
  const what = target === 'none' ? '"# yaml-language-server: $schema=none"' : "a modeline to aml-yaml's schema";
  const schemas = plan.schemas.length
    ? `, and writes ${plan.schemas.length === 1 ? '1 schema' : `${plan.schemas.length} schemas`} to .aml-yaml/schemas/`
    : '';
  const fallback = plan.fellBackToNone.length ? ` (${plan.fellBackToNone.length} outside the workspace folders get $schema=none)` : '';
  return `Adds ${what} to ${files}${schemas}${fallback}.`;
}

/** The modal's list of what changes: paths relative to the workspace folders, at most `max` of each kind. */
export function confirmationDetail(plan: ConflictEditPlan, relative: (uri: string) => string, max = 12): string {
  const list = (uris: string[]) => [
    ...uris.slice(0, max).map((u) => `  ${relative(u)}`),
    ...(uris.length > max ? [`  and ${uris.length - max} more`] : []),
  ];
  const out = [`Files that get the line (above the first key of each Azure ML document):`, ...list(plan.changes.map((c) => c.uri))];
  if (plan.schemas.length) out.push('', 'Schemas written (created or replaced):', ...list(plan.schemas.map((s) => s.uri)));
  out.push('', '"Review Each Edit..." opens the Refactor Preview, where you tick the edits to apply.');
  return out.join('\n');
}

export const CONFIRM_BUTTONS = { apply: 'Apply', review: 'Review Each Edit...' } as const;

export const TURN_OFF_MESSAGE =
  'Turn off Red Hat YAML\'s validation in this workspace? It writes "yaml.validate": false to the workspace settings, which applies to every YAML file of the workspace ' +
  '(GitHub workflows, Kubernetes manifests, ...), not only Azure ML specs. Red Hat YAML keeps completion, hover, formatting and the outline; aml-yaml keeps checking Azure ML files, YAML syntax included.';
