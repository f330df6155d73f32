import { distance } from 'fastest-levenshtein';
import { Glob } from './glob';
import { KINDS, kindFromSchemaUrl, kindInfo, type DetectRule } from './kinds';

export type DetectionSource = 'override' | 'schema' | 'content' | 'setting';

export interface Detection {
  kind: string;
  source: DetectionSource;
  /** Human-readable reason, shown in the status bar tooltip. */
  reason: string;
}

export interface DetectOptions {
  /** File path or URI, for glob settings. */
  path?: string;
  /** `aml-yaml.fileKinds`: glob -> kind id. */
  globKinds?: Record<string, string>;
  /** A kind the user picked for this file (wins over everything). */
  override?: string;
}

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const lower = (v: unknown) => (typeof v === 'string' ? v.trim().toLowerCase() : undefined);
const has = (o: Obj, ...keys: string[]) => keys.some((key) => key in o);

/**
 * Decides which Azure ML kind a YAML document is, in this order: a kind the
 * user picked, the `$schema` URL, the content, then the glob setting.
 * Returns undefined for YAML that is not Azure ML.
 */
export function detectKind(value: unknown, options: DetectOptions = {}): Detection | undefined {
  if (options.override && kindInfo(options.override)) {
    return { kind: kindInfo(options.override)!.id, source: 'override', reason: 'chosen for this file' };
  }
  if (isObj(value) && typeof value.$schema === 'string') {
    const kind = kindFromSchemaUrl(value.$schema);
    if (kind) return { kind: kind.id, source: 'schema', reason: `$schema names ${kind.id}` };
  }
  if (isObj(value)) {
    const fromContent = detectFromContent(value);
    if (fromContent) return { kind: fromContent.kind, source: 'content', reason: fromContent.reason };
  }
  if (options.path && options.globKinds) {
    for (const [glob, kindId] of Object.entries(options.globKinds)) {
      const kind = kindInfo(kindId);
      if (!kind) continue;
      if (globMatches(glob, options.path)) return { kind: kind.id, source: 'setting', reason: `setting maps ${glob} to ${kind.id}` };
    }
  }
  return undefined;
}

const globCache = new Map<string, Glob>();

/**
 * Whether a `fileKinds` glob matches a file (path or file: URI): the glob is
 * matched against the path relative to any of its folders (`deploy/*.yml`
 * matches `.../deploy/a.yml`), case-insensitively, without regular
 * expressions (core/glob.ts: globs come from repository files).
 */
export function globMatches(glob: string, filePath: string): boolean {
  let g = globCache.get(glob);
  if (!g) {
    if (globCache.size > 1000) globCache.clear();
    g = new Glob(glob, { nocase: true });
    globCache.set(glob, g);
  }
  let p = filePath.replace(/^file:\/\//, '').replace(/\\/g, '/');
  try {
    p = decodeURIComponent(p);
  } catch {
    /* not percent-encoded */
  }
  return g.matchesWithin(p);
}

/** YAML that certainly belongs to another tool. */
function isForeign(o: Obj): boolean {
  if (has(o, 'apiVersion') && has(o, 'kind')) return true; // Kubernetes
  if (has(o, 'on') && has(o, 'jobs') && !has(o, 'type')) return true; // GitHub workflow
  if (has(o, 'channels') || (has(o, 'dependencies') && !has(o, 'type'))) return true; // conda
  if (has(o, 'services') && !has(o, 'type', 'command')) return true; // docker-compose
  if (has(o, 'runs') && has(o, 'name') && has(o, 'description')) return true; // GitHub action
  if (has(o, 'body') && has(o, 'name') && has(o, 'description')) return true; // issue form
  if (has(o, 'repos')) return true; // pre-commit
  return false;
}

interface CompiledRule {
  kind: string;
  rule: DetectRule;
  all: string[][];
}

/** Every content-detection rule of every kind (`x-kind.detect` in the schemas), lowest rank first. */
const RULES: CompiledRule[] = KINDS.flatMap((k) =>
  k.detect.map((rule) => ({ kind: k.id, rule, all: (rule.all ?? []).map((e) => e.split('|')) })),
).sort((a, b) => a.rule.rank - b.rule.rank);
/** Every `type` value some rule names. */
const TYPE_VALUES = [...new Set(RULES.flatMap((r) => r.rule.type ?? []))];
/** Every key some rule requires. */
const RULE_KEYS = [...new Set(RULES.flatMap((r) => r.all.flat()))];

function ruleMatches(r: CompiledRule, o: Obj, type: string | undefined, hasKey: (key: string) => boolean): boolean {
  const { rule } = r;
  if (rule.type && (type === undefined || !rule.type.includes(type))) return false;
  if (!r.all.every((alts) => alts.some(hasKey))) return false;
  if (rule.none?.some(hasKey)) return false;
  if (rule.only && !Object.keys(o).every((key) => rule.only!.includes(key))) return false;
  return true;
}

function reasonOf(r: CompiledRule, type: string | undefined, o: Obj, hasKey: (key: string) => boolean): string {
  if (r.rule.reason) return `content: ${r.rule.reason}`;
  if (r.rule.type) return `content: type: ${type}`;
  const first = r.all[0]?.find(hasKey) ?? Object.keys(o)[0];
  return `content: ${r.all.length > 1 && !r.rule.type ? r.all.map((alts) => alts.find(hasKey)).join(', ') : first}`;
}

function detectFromContent(o: Obj): { kind: string; reason: string } | undefined {
  if (isForeign(o)) return undefined;
  const type = lower(o.type);
  const hasKey = (key: string) => key in o;
  for (const r of RULES) if (ruleMatches(r, o, type, hasKey)) return { kind: r.kind, reason: reasonOf(r, type, o, hasKey) };
  return approximate(o, type);
}

/**
 * A second, approximate pass for a document no rule matches exactly: a
 * misspelt `type` value or `type` key (`amlcomput`, `tpye: command`) or a
 * misspelt snake_case detection key (`endpoint_nmae`) still identifies its
 * kind, so the file gets the diagnostic that says what is wrong instead of
 * nothing. Only near misses count: one edit, two in words of eight letters or
 * more; words shorter than five letters are never guessed.
 */
function approximate(o: Obj, type: string | undefined): { kind: string; reason: string } | undefined {
  const keys = Object.keys(o);
  let typeValue = type;
  let fixedType: string | undefined;
  if (typeValue === undefined) {
    const typeKey = keys.find(
      (key) => key.length >= 3 && key.length <= 5 && distance(key.toLowerCase(), 'type') === 1 && typeof o[key] === 'string',
    );
    if (typeKey) {
      typeValue = lower(o[typeKey]);
      fixedType = `${typeKey} (type)`;
    }
  }
  let typeGuess = typeValue;
  if (typeValue !== undefined && !TYPE_VALUES.includes(typeValue)) {
    const near = nearest(typeValue, TYPE_VALUES);
    typeGuess = near;
    if (near) fixedType = `type: ${typeValue} (${near}?)`;
  }
  const renamed = new Map<string, string>();
  /** Rule keys guessed from a near miss of a short word (`imgae` for image): they count only beside an exact key of the same rule. */
  const shortGuesses = new Set<string>();
  for (const key of keys) {
    if (RULE_KEYS.includes(key)) continue;
    if (key.length >= 8 && key.includes('_')) {
      const near = nearest(
        key,
        RULE_KEYS.filter((k) => k.includes('_')),
      );
      if (near && !(near in o)) renamed.set(near, key);
    } else if (key.length >= 4 && /^[a-z]+$/.test(key)) {
      const near = SHORT_RULE_KEYS.filter((k) => !(k in o) && oneSlip(key, k));
      if (near.length === 1 && !renamed.has(near[0])) {
        renamed.set(near[0], key);
        shortGuesses.add(near[0]);
      }
    }
  }
  if (!fixedType && renamed.size === 0) return undefined;
  const hasKey = (key: string) => key in o || renamed.has(key);
  for (const r of RULES) {
    if (!r.rule.type && !r.all.length) continue;
    if (ruleMatches(r, o, typeGuess, hasKey)) {
      const guessed = r.all.flat().filter((key) => renamed.has(key) && !(key in o));
      // A short word is a weak signal: the rest of the rule must be there exactly, with one guess at most.
      const short = guessed.filter((key) => shortGuesses.has(key));
      if (short.length && (r.rule.type || r.all.length < 2 || guessed.length > 1 || !r.all.some((alts) => alts.some((k) => k in o))))
        continue;
      const used = guessed.map((key) => `${renamed.get(key)} (${key}?)`);
      const what = [...(r.rule.type && fixedType ? [fixedType] : []), ...used];
      if (!what.length) continue; // matched without the approximation: not a near miss of this rule
      return { kind: r.kind, reason: `content, approximately: ${what.join(', ')}` };
    }
  }
  return undefined;
}

/** Detection keys that are one plain word (image, build, command...). */
const SHORT_RULE_KEYS = RULE_KEYS.filter((k) => /^[a-z]{4,}$/.test(k));

/** One typing slip apart: one letter added, dropped or changed, or two neighbours swapped. */
function oneSlip(a: string, b: string): boolean {
  if (a === b) return false;
  if (distance(a, b) === 1) return true;
  if (a.length !== b.length) return false;
  const diff = [...a].flatMap((c, i) => (c === b[i] ? [] : [i]));
  return diff.length === 2 && diff[1] === diff[0] + 1 && a[diff[0]] === b[diff[1]] && a[diff[1]] === b[diff[0]];
}

function nearest(word: string, candidates: readonly string[]): string | undefined {
  if (word.length < 5) return undefined;
  let best: string | undefined;
  let bestDistance = 3;
  for (const c of candidates) {
    if (Math.abs(c.length - word.length) > 2) continue;
    const d = distance(word, c);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best && bestDistance <= (best.length >= 8 ? 2 : 1) ? best : undefined;
}
