/**
 * What the client answers to the server's `workspace/configuration` request:
 * only the values the user set explicitly (user, workspace or folder
 * settings), never the contributed defaults. The server merges
 * defaults < `.aml-yaml.json` < these, so a repository file is not hidden by
 * defaults the user never chose. No `vscode` import: tested as a function.
 */

/** The keys of `aml-yaml.*` the server reads. */
export const SERVER_KEYS = ['validate', 'rules', 'fileKinds', 'syntaxDiagnostics', 'documentSymbols'] as const;

/** The part of `WorkspaceConfiguration.inspect()` that holds explicit values, lowest priority first. */
export interface Inspected {
  globalValue?: unknown;
  workspaceValue?: unknown;
  workspaceFolderValue?: unknown;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * The explicit value of one setting. Objects merge key by key across scopes
 * (as VS Code merges object settings); other values: the narrowest scope wins.
 * Undefined when no scope sets it.
 */
export function explicitValue(inspected: Inspected | undefined): unknown {
  if (!inspected) return undefined;
  const layers = [inspected.globalValue, inspected.workspaceValue, inspected.workspaceFolderValue].filter((v) => v !== undefined);
  if (!layers.length) return undefined;
  if (layers.every(isObject)) return Object.assign({}, ...layers);
  return layers[layers.length - 1];
}

/** The `aml-yaml` section as the server should see it: explicit values only. */
export function explicitSection(inspect: (key: string) => Inspected | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of SERVER_KEYS) {
    const v = explicitValue(inspect(key));
    if (v !== undefined) out[key] = v;
  }
  return out;
}
