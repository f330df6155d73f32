import type { AmlConfig } from '../core/config';
import { NodeFileSystem } from '../node/fileSystem';
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
 * twice and `--fix` can update texts between passes). The roots given on the
 * command line are the workspace: every spec among the checked files, and
 * only those. `exists` still asks the disk (local paths such as `code:`).
 */
export class CliWorkspace {
  readonly view: WorkspaceIndex;

  private constructor(view: WorkspaceIndex) {
    this.view = view;
  }

  static async create(files: Iterable<WorkspaceFile>, getConfig: (uri: string) => AmlConfig): Promise<CliWorkspace> {
    const index = new WorkspaceIndex({ fs: new NodeFileSystem(), getConfig });
    // No roots to walk: marks the index ready (absence of a spec now means something).
    await index.index([]);
    const ws = new CliWorkspace(index);
    for (const f of files) ws.update(f);
    return ws;
  }

  /** A file's text changed (a --fix pass). */
  update(file: WorkspaceFile): void {
    this.view.setOpenDocument(file.uri, file.text);
  }
}
