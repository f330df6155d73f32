/**
 * Glob matching for globs that come from configuration (the `fileKinds` of
 * `.aml-yaml.json` or of the settings), without regular expressions: a
 * compiled glob is matched segment by segment with a table over (pattern
 * segment, path segment) for `**`, and each segment with the two-pointer
 * wildcard algorithm, so that the time is bounded by the product of the
 * pattern's and the path's lengths whatever the pattern (a glob such as
 * `**\/*a*a*a*a*a*a*a*a*b.yml` against a long file name backtracks
 * exponentially in a regular expression engine, not here).
 *
 * Syntax: `**` (any number of folders, as a whole segment), `*` (any
 * characters but `/`), `?` (one character), `[abc]`, `[a-z]`, `[!a]`/`[^a]`,
 * `{a,b}` (alternatives, nested, at most `MAX_ALTERNATIVES` expansions) and
 * `\` escapes. Dots are not special (`*` matches `.hidden`).
 */

const MAX_ALTERNATIVES = 64;
const MAX_GLOB_LENGTH = 1024;

type Token = { t: 'lit'; c: string } | { t: 'any' } | { t: 'star' } | { t: 'class'; negate: boolean; ranges: Array<[string, string]> };
type Segment = { globstar: true } | { globstar: false; tokens: Token[] };

export interface GlobOptions {
  /** Compare case-insensitively. */
  nocase?: boolean;
}

export class Glob {
  private readonly alternatives: Segment[][];
  /** Whether the glob is anchored at the start of the path (it starts with `/`). */
  readonly absolute: boolean;

  constructor(
    readonly source: string,
    private readonly options: GlobOptions = {},
  ) {
    const glob = source.length > MAX_GLOB_LENGTH ? source.slice(0, MAX_GLOB_LENGTH) : source;
    this.absolute = glob.startsWith('/');
    const text = options.nocase ? glob.toLowerCase() : glob;
    this.alternatives = expandBraces(text).map(compile);
  }

  /** Whether the whole path (segments separated by `/`) matches. */
  matches(path: string): boolean {
    const p = this.options.nocase ? path.toLowerCase() : path;
    const segments = p.split('/');
    return this.alternatives.some((segs) => matchSegments(segs, segments));
  }

  /**
   * Whether the glob matches the path relative to one of its folders: the
   * path itself, or its end after any `/` (a relative glob such as
   * `deploy/*.yml` or `*.job.yml` matches wherever the folders it names are).
   */
  matchesWithin(path: string): boolean {
    const p = this.options.nocase ? path.toLowerCase() : path;
    const segments = p.split('/');
    for (const segs of this.alternatives) {
      if (this.absolute) {
        if (matchSegments(segs, segments)) return true;
      } else if (matchSegments([{ globstar: true }, ...segs], segments)) return true;
    }
    return false;
  }
}

/** `{a,b}` alternatives expanded (nested ones too), at most MAX_ALTERNATIVES. */
function expandBraces(glob: string): string[] {
  let open = -1;
  let depth = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '[') {
      const close = classEnd(glob, i);
      if (close > i) {
        i = close;
        continue;
      }
    }
    if (c === '{') {
      if (depth++ === 0) open = i;
    } else if (c === '}' && depth > 0 && --depth === 0) {
      const parts = splitTop(glob.slice(open + 1, i));
      if (parts.length < 2) return expandBraces(glob.slice(0, open) + '\\{' + glob.slice(open + 1, i) + '\\}' + glob.slice(i + 1));
      const out: string[] = [];
      const rest = expandBraces(glob.slice(i + 1));
      for (const part of parts) {
        for (const head of expandBraces(glob.slice(0, open) + part)) {
          for (const tail of rest) {
            out.push(head + tail);
            if (out.length >= MAX_ALTERNATIVES) return out;
          }
        }
      }
      return out;
    }
  }
  return [glob];
}

/** The comma-separated parts of a brace body, at its own nesting level. */
function splitTop(body: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '\\') i++;
    else if (c === '{') depth++;
    else if (c === '}') depth--;
    else if (c === ',' && depth === 0) {
      parts.push(body.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(body.slice(start));
  return parts;
}

/** Index of the `]` that closes a class opened at `open`, or -1. */
function classEnd(glob: string, open: number): number {
  let i = open + 1;
  if (glob[i] === '!' || glob[i] === '^') i++;
  if (glob[i] === ']') i++;
  for (; i < glob.length; i++) {
    if (glob[i] === '\\') i++;
    else if (glob[i] === ']') return i;
    else if (glob[i] === '/') return -1;
  }
  return -1;
}

function compile(glob: string): Segment[] {
  const segments: Segment[] = [];
  let tokens: Token[] = [];
  let raw = '';
  const flush = () => {
    segments.push(raw === '**' ? { globstar: true } : { globstar: false, tokens: mergeStars(tokens) });
    tokens = [];
    raw = '';
  };
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '/') {
      flush();
      continue;
    }
    raw += c;
    if (c === '\\' && i + 1 < glob.length) {
      tokens.push({ t: 'lit', c: glob[++i] });
      raw += glob[i];
    } else if (c === '*') tokens.push({ t: 'star' });
    else if (c === '?') tokens.push({ t: 'any' });
    else if (c === '[' && classEnd(glob, i) > i) {
      const close = classEnd(glob, i);
      let j = i + 1;
      const negate = glob[j] === '!' || glob[j] === '^';
      if (negate) j++;
      const ranges: Array<[string, string]> = [];
      for (; j < close; j++) {
        let from = glob[j];
        if (from === '\\') from = glob[++j];
        if (glob[j + 1] === '-' && j + 2 < close) {
          let to = glob[j + 2];
          j += 2;
          if (to === '\\') to = glob[++j];
          ranges.push([from, to]);
        } else ranges.push([from, from]);
      }
      raw += glob.slice(i + 1, close + 1);
      tokens.push({ t: 'class', negate, ranges });
      i = close;
    } else tokens.push({ t: 'lit', c });
  }
  flush();
  // "a/" and "/a": empty first/last segments match empty path segments.
  return segments;
}

function mergeStars(tokens: Token[]): Token[] {
  const out: Token[] = [];
  for (const t of tokens) if (!(t.t === 'star' && out[out.length - 1]?.t === 'star')) out.push(t);
  return out;
}

function tokenMatches(t: Token, c: string): boolean {
  switch (t.t) {
    case 'lit':
      return t.c === c;
    case 'any':
      return true;
    case 'class': {
      const inside = t.ranges.some(([from, to]) => c >= from && c <= to);
      return inside !== t.negate;
    }
    default:
      return false;
  }
}

/**
 * One path segment against one pattern segment: the two-pointer wildcard
 * algorithm (on a mismatch, only the last `*` is retried one character
 * further), O(pattern × name) at worst.
 */
function matchSegment(tokens: Token[], name: string): boolean {
  let ti = 0;
  let ni = 0;
  let starTi = -1;
  let starNi = 0;
  while (ni < name.length) {
    const t = tokens[ti];
    if (t && t.t === 'star') {
      starTi = ti++;
      starNi = ni;
    } else if (t && tokenMatches(t, name[ni])) {
      ti++;
      ni++;
    } else if (starTi >= 0) {
      ti = starTi + 1;
      ni = ++starNi;
    } else return false;
  }
  while (tokens[ti]?.t === 'star') ti++;
  return ti === tokens.length;
}

/** Pattern segments against path segments; `**` takes any number of them (a table, no recursion). */
function matchSegments(pattern: Segment[], path: string[]): boolean {
  // can[j]: the pattern so far matches the first j path segments.
  let can = new Array<boolean>(path.length + 1).fill(false);
  can[0] = true;
  for (const seg of pattern) {
    const next = new Array<boolean>(path.length + 1).fill(false);
    if (seg.globstar) {
      let reached = false;
      for (let j = 0; j <= path.length; j++) {
        if (can[j]) reached = true;
        next[j] = reached;
      }
    } else {
      for (let j = 0; j < path.length; j++) if (can[j] && matchSegment(seg.tokens, path[j])) next[j + 1] = true;
    }
    can = next;
  }
  return can[path.length];
}
