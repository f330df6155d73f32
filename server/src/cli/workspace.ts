import path from 'node:path';
import type { AmlConfig } from '../core/config';
import { LIMITS } from '../core/document';
import { NodeFileSystem } from '../node/fileSystem';
import { explicitWorkspaces, type RepoConfigReader } from '../node/repoConfig';
import { readRegularFileSync } from '../node/safeRead';
import { fileUri, fsPathOf } from '../workspace/uri';
import { WorkspaceIndex } from '../workspace/workspaceIndex';

/** One file the CLI read. */
export interface WorkspaceFile {
  /** A file: URI in the normalised form (workspace/uri.ts `fileUri`). */
  uri: string;
  text: string;
}

/**
 * The CLI's workspace for cross-file rules: the editor's workspace index fed
 * with the files the CLI already read (as open documents, so nothing is read
 * twice and `--fix` can update texts between passes). The files checked
 * together are the workspace: their common folder bounds the "single
 * workspace spec of the repository" rule, and `.aml-yaml.json` files and
 * `# aml-yaml-workspace:` comments choose explicitly. A workspace spec named
 * explicitly but not among the checked files is read too (as context: it is
 * not reported on), when it lies inside the working folder or the checked
 * folder. `exists` still asks the disk (local paths such as `code:`).
 */
export class CliWorkspace {
  readonly view: WorkspaceIndex;

  private constructor(view: WorkspaceIndex) {
    this.view = view;
  }

  static async create(
    files: readonly WorkspaceFile[],
    getConfig: (uri: string) => AmlConfig,
    options: { configs?: RepoConfigReader; cwd?: string } = {},
  ): Promise<CliWorkspace> {
    const index = new WorkspaceIndex({
      fs: new NodeFileSystem(),
      getConfig,
      explicitWorkspace: options.configs ? explicitWorkspaces(options.configs) : undefined,
    });
    // No roots to walk: marks the index ready (absence of a spec now means something).
    await index.index([]);
    const scope = commonFolder(files.map((f) => fsPathOf(f.uri)).filter((p): p is string => !!p));
    if (scope) index.setScopes([fileUri(scope)]);
    const ws = new CliWorkspace(index);
    for (const f of files) ws.update(f);
    const allowed = [options.cwd, scope].filter((p): p is string => !!p);
    for (const target of index.unresolvedLinks()) {
      const p = fsPathOf(target);
      if (!p || !allowed.some((a) => p === a || p.startsWith(a.endsWith(path.sep) ? a : a + path.sep))) continue;
      const read = readRegularFileSync(p, { maxBytes: LIMITS.maxTextLength, roots: allowed });
      if ('text' in read) index.setOpenDocument(target, read.text);
    }
    return ws;
  }

  /** A file's text changed (a --fix pass). */
  update(file: WorkspaceFile): void {
    this.view.setOpenDocument(file.uri, file.text);
  }
}

/** The deepest folder that holds every file. */
function commonFolder(files: readonly string[]): string | undefined {
  if (!files.length) return undefined;
  let common = path.dirname(files[0]);
  for (const f of files) {
    while (common !== path.dirname(common) && f !== common && !f.startsWith(common.endsWith(path.sep) ? common : common + path.sep))
      common = path.dirname(common);
  }
  return common;
}
