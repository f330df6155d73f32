import fs from 'node:fs';
import path from 'node:path';
import { isUtf8 } from 'node:buffer';
import picomatch from 'picomatch';
import { mergeConfig, type AmlConfig } from '../core/config';
import { LIMITS } from '../core/document';
import type { Diagnostic, TextEdit } from '../core/types';
import { applyTextEdits } from '../core/textEdits';
import { RepoConfigReader } from '../node/repoConfig';
import { RULES_BY_ID } from '../rules/registry';
import { AmlLanguageService, BUILTIN_CODES, fixAllEdits, fixKey, type Analysis } from '../service';
import { notAWorkspace, type Association } from '../workspace/association';
import { fileUri, fsPathOf } from '../workspace/uri';
import { discover, displayPath } from './files';
import { Redactor } from '../core/redact';
import { CliWorkspace } from './workspace';
import { readRegular, writeFixes } from './write';

export interface CheckOptions {
  cwd: string;
  /** Files, folders or globs; empty means the current folder. */
  paths: readonly string[];
  ignore?: readonly string[];
  /** Apply every preferred quick-fix in place, then report what remains. */
  fix?: boolean;
  /** Called while files are analysed (for a progress line). */
  onProgress?: (done: number, total: number) => void;
  /** A service to reuse (tests); a new one otherwise. */
  service?: AmlLanguageService;
}

export interface FileResult {
  /** Relative to cwd, forward slashes. */
  path: string;
  absPath: string;
  uri: string;
  /** Kind of the file's first Azure ML document, or null (for example a broken file with an Azure ML $schema). */
  kind: string | null;
  /** Kind and reason per YAML document that is an Azure ML spec (for --verbose). */
  detections: Array<{ index: number; kind: string; reason: string }>;
  diagnostics: Diagnostic[];
  /** Diagnostics that have a preferred (safe) quick-fix. */
  fixable: number;
  /** The workspace spec the file belongs to (relative path) and why, or why none (for --verbose). */
  workspace?: { path: string | null; how: string; reason: string };
}

export interface CheckResult {
  /** Azure ML files, sorted by path. */
  files: FileResult[];
  /** YAML files that are not Azure ML specs (relative paths). */
  skipped: string[];
  /** Number of YAML files read. */
  read: number;
  /** Quick-fixes applied by --fix, and the files written. */
  fixedCount: number;
  fixedFiles: string[];
  /** Rules that threw: reported on stderr, never as diagnostics. */
  ruleFailures: Array<{ path: string; rule: string; error: string }>;
  /** Non-fatal notes for stderr (unreadable folders, unknown rule ids in the config). */
  warnings: string[];
  /** Redacts secret values of the checked files from any text. */
  redact: (text: string) => string;
}

/** A usage problem (exit code 2) rather than a result. */
export class CheckUsageError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
  }
}

interface Entry {
  abs: string;
  rel: string;
  uri: string;
  text: string;
  original: string;
  /** The bytes read: --fix writes only if the file still holds them. */
  bytes: Buffer;
  /** Whether the bytes are valid UTF-8 (--fix leaves other files alone: decoding would change bytes). */
  utf8: boolean;
  version: number;
  /** Fixes applied to the text so far. */
  fixes: number;
}

/** Most rounds of --fix: a fix can reveal another (ESLint uses 10 too). */
const MAX_FIX_PASSES = 10;

/**
 * Checks the Azure ML specs under the given paths with the repository
 * configuration and suppression comments honoured, the given roots serving
 * as the workspace for cross-file rules. Throws CheckUsageError for
 * nonexistent paths and invalid configuration files.
 */
export async function runCheck(options: CheckOptions): Promise<CheckResult> {
  const { cwd } = options;
  const discovery = discover(options.paths, cwd, options.ignore ?? []);
  if (discovery.problems.length) throw new CheckUsageError(discovery.problems);
  const warnings = [...discovery.warnings];

  const { reader, configFiles, configOf } = readConfigurations(discovery.files);

  const service = options.service ?? new AmlLanguageService();
  const configFor = (uri: string) => configOf.get(uri) ?? configOf.get(fileUri(fsPathOf(uri) ?? '')) ?? mergeConfig();
  service.setConfigProvider(configFor);
  warnings.push(...unknownRuleIds(configFiles, reader));

  const entries = readEntries(discovery.files, cwd, warnings);

  const redactor = new Redactor();
  let analyses: Analysis[];
  const workspace = await CliWorkspace.create(entries, configFor, { configs: reader, cwd });
  const notUtf8 = new Set<string>();
  for (let pass = 1; ; pass++) {
    analyses = analyseAll(service, workspace, entries, options.onProgress);
    for (const a of analyses) redactor.addAll(a.redactor);
    if (!options.fix || pass > MAX_FIX_PASSES) break;
    if (!applyFixPass(analyses, entries, workspace, notUtf8)) break;
  }
  for (const rel of notUtf8) warnings.push(`${rel} is not valid UTF-8; --fix left it unchanged (save it as UTF-8 to fix it).`);

  const { fixedFiles, fixedCount, reverted } = writeFixedFiles(entries, checkedRoots(options.paths, cwd), workspace, warnings);
  if (reverted) analyses = analyseAll(service, workspace, entries, options.onProgress);

  const files: FileResult[] = [];
  const skipped: string[] = [];
  const ruleFailures: CheckResult['ruleFailures'] = [];
  analyses.forEach((analysis, i) => {
    const entry = entries[i];
    const detections = analysis.docs.flatMap((d) =>
      d.detection ? [{ index: d.section.index, kind: d.detection.kind, reason: d.detection.reason }] : [],
    );
    if (!detections.length && !analysis.diagnostics.length) {
      skipped.push(entry.rel);
      return;
    }
    for (const f of analysis.ruleFailures) ruleFailures.push({ path: entry.rel, rule: f.rule, error: f.error });
    files.push({
      path: entry.rel,
      absPath: entry.abs,
      uri: entry.uri,
      kind: detections[0]?.kind ?? null,
      detections,
      diagnostics: analysis.diagnostics,
      fixable: analysis.diagnostics.filter((d) => (analysis.fixes.get(fixKey(String(d.code), d.range)) ?? []).some((f) => f.isPreferred))
        .length,
      workspace: describe(workspace.view.association(entry.uri), cwd),
    });
  });
  files.push(...configResults(reader, workspace, cwd));
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return {
    files,
    skipped,
    read: entries.length,
    fixedCount,
    fixedFiles,
    ruleFailures,
    warnings: warnings.map((w) => redactor.redact(w)),
    redact: (t) => redactor.redact(t),
  };
}

/** Every file's configuration (.aml-yaml.json); all must be valid before anything runs (else CheckUsageError). */
function readConfigurations(files: readonly string[]): {
  reader: RepoConfigReader;
  configFiles: Set<string>;
  configOf: Map<string, AmlConfig>;
} {
  const reader = new RepoConfigReader();
  const configProblems = new Set<string>();
  const configFiles = new Set<string>();
  const configOf = new Map<string, AmlConfig>();
  for (const abs of files) {
    const repo = reader.forFile(abs);
    for (const p of repo.problems) configProblems.add(p.message);
    if (repo.file) configFiles.add(repo.file);
    configOf.set(fileUri(abs), mergeConfig(repo.config));
  }
  if (configProblems.size) throw new CheckUsageError([...configProblems]);
  return { reader, configFiles, configOf };
}

/** Each file read once (a file that cannot be read is a warning). */
function readEntries(files: readonly string[], cwd: string, warnings: string[]): Entry[] {
  const entries: Entry[] = [];
  for (const abs of files) {
    let bytes: Buffer;
    try {
      bytes = readBytes(abs);
    } catch (err) {
      warnings.push(
        `cannot read ${displayPath(cwd, abs)}: ${(err as NodeJS.ErrnoException).code === 'ENOTREGULAR' ? 'not a regular file' : ((err as NodeJS.ErrnoException).code ?? (err as Error).message)}`,
      );
      continue;
    }
    const text = bytes.toString('utf8');
    entries.push({
      abs,
      rel: displayPath(cwd, abs),
      uri: fileUri(abs),
      text,
      original: text,
      bytes,
      utf8: isUtf8(bytes),
      version: 1,
      fixes: 0,
    });
  }
  return entries;
}

/** One pass of --fix: every file's preferred fixes applied to its text; the number of files changed. */
function applyFixPass(analyses: Analysis[], entries: Entry[], workspace: CliWorkspace, notUtf8: Set<string>): number {
  let changed = 0;
  analyses.forEach((analysis, i) => {
    const { edits, count } = preferredFixes(analysis);
    if (!count) return;
    if (!entries[i].utf8) {
      // Decoding replaced its invalid bytes: writing the text back would change them.
      notUtf8.add(entries[i].rel);
      return;
    }
    const next = applyTextEdits(entries[i].text, edits);
    if (next === entries[i].text) return;
    entries[i].text = next;
    entries[i].version++;
    entries[i].fixes += count;
    workspace.update(entries[i]);
    changed++;
  });
  return changed;
}

/** Each fixed file is written atomically (cli/write.ts); one that cannot be goes back to its text on disk. */
function writeFixedFiles(
  entries: Entry[],
  roots: string[],
  workspace: CliWorkspace,
  warnings: string[],
): { fixedFiles: string[]; fixedCount: number; reverted: boolean } {
  const fixedFiles: string[] = [];
  let fixedCount = 0;
  let reverted = false;
  for (const e of entries) {
    if (e.text === e.original) continue;
    const outcome = writeFixes({ file: e.abs, original: e.bytes, text: e.text, roots });
    if (outcome.written) {
      fixedFiles.push(e.rel);
      fixedCount += e.fixes;
      continue;
    }
    warnings.push(`did not write the fixes of ${e.rel}: ${outcome.reason}.`);
    e.text = e.original;
    e.version++;
    e.fixes = 0;
    workspace.update(e);
    reverted = true;
  }
  return { fixedFiles, fixedCount, reverted };
}

function describe(a: Association, cwd: string): FileResult['workspace'] {
  return { path: a.workspace ? displayPath(cwd, fsPathOf(a.workspace.uri) ?? a.workspace.uri) : null, how: a.how, reason: a.reason };
}

/** `invalid-workspace-association` on a configuration file whose "workspace" names no workspace spec among the checked files. */
function configResults(reader: RepoConfigReader, workspace: CliWorkspace, cwd: string): FileResult[] {
  const out: FileResult[] = [];
  for (const config of reader.files()) {
    const ws = config.workspace;
    if (!config.file || !ws) continue;
    const problem = notAWorkspace(fileUri(ws.target), workspace.view);
    if (!problem) continue;
    const range = ws.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    out.push({
      path: displayPath(cwd, config.file),
      absPath: config.file,
      uri: fileUri(config.file),
      kind: null,
      detections: [],
      diagnostics: [
        {
          range,
          severity: 2,
          code: 'invalid-workspace-association',
          source: 'aml-yaml',
          message: `"${ws.path}" ${problem}, so the specs this file applies to belong to no workspace.`,
        },
      ],
      fixable: 0,
    });
  }
  return out;
}

function analyseAll(
  service: AmlLanguageService,
  workspace: CliWorkspace,
  entries: Entry[],
  onProgress?: (done: number, total: number) => void,
): Analysis[] {
  service.setWorkspace(workspace.view); // also forgets analyses of the previous pass
  const out: Analysis[] = [];
  entries.forEach((e, i) => {
    out.push(service.analyze({ uri: e.uri, version: e.version, text: e.text }));
    onProgress?.(i + 1, entries.length);
  });
  return out;
}

/**
 * Every preferred quick-fix of the file, without overlapping edits. A fix the
 * rule did not mark as preferred is never applied unattended, even when it is
 * the only one offered (it may change intent, like making a workspace public).
 */
export function preferredFixes(analysis: Analysis): { edits: TextEdit[]; count: number } {
  const preferredOnly = new Map([...analysis.fixes].map(([key, list]) => [key, list.filter((f) => f.isPreferred)] as const));
  const { edits, count } = fixAllEdits({ ...analysis, fixes: preferredOnly });
  return { edits, count };
}

/**
 * Reads a regular file (never a FIFO or a device: cli/write.ts readRegular),
 * but no more bytes than the service could analyse: a huge file is read in
 * part, and the service reports it as too large.
 */
function readBytes(abs: string): Buffer {
  return readRegular(abs, LIMITS.maxTextLength * 4 + 4); // UTF-8 bytes for maxTextLength characters, at worst
}

/** Real paths of the folders and files named on the command line (a glob: its base folder): --fix writes only inside them. */
function checkedRoots(args: readonly string[], cwd: string): string[] {
  const out: string[] = [];
  for (const arg of args.length ? args : ['.']) {
    let p = path.resolve(cwd, arg);
    if (!fs.existsSync(p)) p = path.resolve(cwd, picomatch.scan(arg.replace(/\\/g, '/')).base || '.');
    try {
      out.push(fs.realpathSync(p));
    } catch {
      /* vanished */
    }
  }
  return out;
}

/** Rule ids in configuration files that no rule or built-in check has (probably typos). */
function unknownRuleIds(configFiles: Set<string>, reader: RepoConfigReader): string[] {
  const known = new Set<string>([...RULES_BY_ID.keys(), ...BUILTIN_CODES]);
  const out: string[] = [];
  for (const file of configFiles) {
    for (const id of Object.keys(reader.forFile(file).config.rules ?? {})) {
      if (!known.has(id)) out.push(`${file}: "${id}" is not an aml-yaml rule id; its setting has no effect.`);
    }
  }
  return out;
}
