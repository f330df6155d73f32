import fs from 'node:fs';
import path from 'node:path';
import { findNodeAtLocation, parseTree } from 'jsonc-parser';
import { readConfig, type AmlConfig, type ConfigProblem } from '../core/config';
import { checkRepoConfig } from '../core/configSchema';
import { LineIndex } from '../core/text';
import type { Range } from '../core/types';
import type { ExplicitWorkspace } from '../workspace/association';
import { fileUri, fsPathOf } from '../workspace/uri';

export const REPO_CONFIG_FILE = '.aml-yaml.json';

export interface RepoConfig {
  file?: string;
  config: Partial<AmlConfig>;
  problems: ConfigProblem[];
  /** `"workspace": "<path of a workspace spec>"`, relative to the file's folder. */
  workspace?: ConfigWorkspace;
}

export interface ConfigWorkspace {
  /** As written. */
  path: string;
  /** Absolute path. */
  target: string;
  /** Where the value (inside its quotes) is written in the file. */
  range?: Range;
}

/**
 * Finds and reads `.aml-yaml.json` in a file's folder or the nearest parent
 * that has one. Results are cached per folder until `clear()`.
 */
export class RepoConfigReader {
  private readonly byDir = new Map<string, RepoConfig>();

  clear(): void {
    this.byDir.clear();
  }

  /** Every configuration file read so far. */
  files(): RepoConfig[] {
    return [...new Set(this.byDir.values())].filter((c) => c.file);
  }

  forFile(filePath: string): RepoConfig {
    return this.forDir(path.dirname(path.resolve(filePath)));
  }

  forDir(dir: string): RepoConfig {
    const cached = this.byDir.get(dir);
    if (cached) return cached;
    const candidate = path.join(dir, REPO_CONFIG_FILE);
    let result: RepoConfig;
    if (isFile(candidate)) result = readFile(candidate);
    else {
      const parent = path.dirname(dir);
      result = parent === dir ? { config: {}, problems: [] } : this.forDir(parent);
    }
    this.byDir.set(dir, result);
    return result;
  }
}

/** The index's lookup of `"workspace"` in the nearest configuration file above a file (file: URIs). */
export function explicitWorkspaces(reader: RepoConfigReader): (uri: string) => ExplicitWorkspace | undefined {
  return (uri) => {
    const p = fsPathOf(uri);
    if (!p) return undefined;
    let found: RepoConfig;
    try {
      found = reader.forFile(p);
    } catch {
      return undefined;
    }
    if (!found.file || !found.workspace) return undefined;
    return {
      configUri: fileUri(found.file),
      path: found.workspace.path,
      target: fileUri(found.workspace.target),
      range: found.workspace.range,
    };
  };
}

function isFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

/** A configuration file larger than this is not read (it is a few hundred bytes in practice). */
const MAX_CONFIG_BYTES = 1024 * 1024;

function readFile(file: string): RepoConfig {
  let raw: unknown;
  let text: string;
  try {
    if (fs.statSync(file).size > MAX_CONFIG_BYTES)
      return {
        file,
        config: {},
        problems: [{ message: `${file} is larger than ${MAX_CONFIG_BYTES / 1024} KB; aml-yaml did not read it.` }],
      };
    // Editors on Windows may save the file with a byte order mark, which JSON.parse rejects.
    text = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
    raw = JSON.parse(text);
  } catch (err) {
    return { file, config: {}, problems: [{ message: `${file} is not valid JSON: ${(err as Error).message}` }] };
  }
  // The file's schema (core/configSchema.ts) decides what is valid (and says what is not); readConfig keeps the valid values.
  const problems = checkRepoConfig(raw, file, text);
  const config = readConfig(raw, [], file, 'repository');
  const workspace = readWorkspace(raw, text, file);
  return workspace ? { file, config, problems, workspace } : { file, config, problems };
}

/** The explicit workspace of the file, when "workspace" is a usable path (the schema reports it otherwise). */
function readWorkspace(raw: unknown, text: string, file: string): ConfigWorkspace | undefined {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw) || !('workspace' in raw)) return undefined;
  const value = (raw as Record<string, unknown>).workspace;
  if (typeof value !== 'string' || !value.trim()) return undefined;
  let range: Range | undefined;
  const node = findNodeAtLocation(parseTree(text) ?? { type: 'null', offset: 0, length: 0 }, ['workspace']);
  if (node && node.type === 'string') range = new LineIndex(text).range(node.offset + 1, node.offset + node.length - 1);
  const p = value.trim();
  return { path: p, target: path.resolve(path.dirname(file), p.replace(/\\/g, '/')), range };
}
