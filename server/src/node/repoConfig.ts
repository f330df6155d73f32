import fs from 'node:fs';
import path from 'node:path';
import { readConfig, type AmlConfig, type ConfigProblem } from '../core/config';
import { checkRepoConfig } from '../core/configSchema';

export const REPO_CONFIG_FILE = '.aml-yaml.json';

export interface RepoConfig {
  file?: string;
  config: Partial<AmlConfig>;
  problems: ConfigProblem[];
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
  let text = '';
  try {
    if (fs.statSync(file).size > MAX_CONFIG_BYTES) return { file, config: {}, problems: [{ message: `${file} is larger than ${MAX_CONFIG_BYTES / 1024} KB; aml-yaml did not read it.` }] };
    // Editors on Windows may save the file with a byte order mark, which JSON.parse rejects.
    text = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
    raw = JSON.parse(text);
  } catch (err) {
    return { file, config: {}, problems: [{ message: `${file} is not valid JSON: ${(err as Error).message}` }] };
  }
  // The file's schema (core/configSchema.ts) decides what is valid; readConfig keeps the valid values.
  const problems = checkRepoConfig(raw, file, text);
  const config = readConfig(raw, [], file, 'repository');
  return { file, config, problems };
}
