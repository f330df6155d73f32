/**
 * The `${{ ... }}` and `$[[ ... ]]` expressions of Azure ML YAML, found in
 * the source text of a scalar. Offsets are offsets of the file's text, so
 * every finding points at the characters the user wrote (block scalars and
 * quoted strings included).
 *
 * - `${{ <path> }}` is a binding: `inputs.x`, `outputs.y`,
 *   `parent.inputs.x`, `parent.outputs.y`, `parent.jobs.<step>.outputs.z`,
 *   `search_space.p`, or a value the service fills in (`name`,
 *   `output_name`, `default_datastore`).
 * - `$[[ ... ]]` wraps the part of a command that is dropped when the
 *   optional inputs inside it are not given. The older form `[ ... ]` around
 *   one binding is recognised as the Azure ML SDK recognises it.
 */

export interface Segment {
  text: string;
  start: number;
  end: number;
}

export interface OptionalBlock {
  /** Offset of `$[[` (or `[` for the legacy form). */
  start: number;
  /** Offset just past `]]` (or `]`), or the end of the scanned text when unterminated. */
  end: number;
  terminated: boolean;
  /** The single-bracket form `[--x ${{inputs.x}}]`. */
  legacy: boolean;
}

export interface Expression {
  /** Offset of `${{`. */
  start: number;
  /** Offset just past `}}`; for an unterminated expression, the end of its text. */
  end: number;
  /** Offsets of the text between the delimiters. */
  innerStart: number;
  innerEnd: number;
  terminated: boolean;
  /** The text between the delimiters, as written. */
  body: string;
  /**
   * The dotted path (`parent`, `jobs`, `train`, ...) with the offset of each
   * name. Empty when the body is not a plain path (an operator, a call, a
   * quoted string, spaces inside the path).
   */
  segments: Segment[];
  /** The body is not a plain dotted path. */
  complex: boolean;
  /** The `$[[ ]]` (or legacy `[ ]`) block the expression sits in. */
  optional?: OptionalBlock;
}

export interface ScanResult {
  expressions: Expression[];
  blocks: OptionalBlock[];
}

const PATH = /^[A-Za-z_][A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]*)*$/;
/** Longest expression body read (hostile input: a `${{` followed by megabytes). */
const MAX_BODY = 2000;
/** Expressions read per scalar. */
const MAX_EXPRESSIONS = 2000;

/** Whether a text might hold an expression (cheap pre-check). */
export function mayHoldExpression(text: string): boolean {
  return text.includes('${{') || text.includes('$[[');
}

/**
 * Every expression and optional block in text[from, to). A `}}` or `]]` is
 * looked for up to the end of the range; an expression left open ends at the
 * end of its line (as the grammar colours it).
 */
export function scanExpressions(text: string, from = 0, to = text.length): ScanResult {
  const expressions: Expression[] = [];
  const blocks: OptionalBlock[] = [];
  let open: OptionalBlock | undefined;
  let i = from;
  while (i < to && expressions.length < MAX_EXPRESSIONS) {
    const c = text.charCodeAt(i);
    if (c === 36 /* $ */ && text.startsWith('${{', i)) {
      const e = readExpression(text, i, to);
      if (open) e.optional = open;
      expressions.push(e);
      i = Math.max(e.end, i + 3);
      continue;
    }
    if (c === 36 && text.startsWith('$[[', i) && !open) {
      open = { start: i, end: to, terminated: false, legacy: false };
      blocks.push(open);
      i += 3;
      continue;
    }
    if (c === 93 /* ] */ && open && text.startsWith(']]', i)) {
      open.end = i + 2;
      open.terminated = true;
      open = undefined;
      i += 2;
      continue;
    }
    i++;
  }
  markLegacyBlocks(text, expressions, blocks);
  return { expressions, blocks };
}

function readExpression(text: string, start: number, to: number): Expression {
  const innerStart = start + 3;
  const limit = Math.min(to, innerStart + MAX_BODY);
  let close = -1;
  let lineEnd = -1;
  let stop = limit;
  for (let j = innerStart; j < limit; j++) {
    const ch = text.charCodeAt(j);
    if (ch === 125 /* } */ && text.charCodeAt(j + 1) === 125) {
      close = j;
      break;
    }
    if ((ch === 10 || ch === 13) && lineEnd < 0) lineEnd = j;
    // A new expression starts before this one closed: this one is open.
    if (ch === 36 && (text.startsWith('${{', j) || text.startsWith('$[[', j))) {
      stop = j;
      break;
    }
  }
  const terminated = close >= 0;
  const innerEnd = terminated ? close : lineEnd >= 0 ? lineEnd : stop;
  const end = terminated ? close + 2 : innerEnd;
  const body = text.slice(innerStart, innerEnd);
  const { segments, complex } = parsePath(body, innerStart);
  return { start, end, innerStart, innerEnd, terminated, body, segments, complex };
}

/** The dotted path of an expression body, with absolute offsets. */
export function parsePath(body: string, offset: number): { segments: Segment[]; complex: boolean } {
  const lead = body.length - body.trimStart().length;
  const trimmed = body.trim();
  if (!trimmed) return { segments: [], complex: false };
  if (!PATH.test(trimmed)) return { segments: [], complex: true };
  const segments: Segment[] = [];
  let at = offset + lead;
  for (const part of trimmed.split('.')) {
    segments.push({ text: part, start: at, end: at + part.length });
    at += part.length + 1;
  }
  return { segments, complex: false };
}

/**
 * The Azure ML SDK treats `[ <flags> ${{inputs.x}}]` (letters, digits, `_`,
 * `.`, `-` and spaces between the bracket and the binding) as an optional
 * block too (`_validate_inputs_for`). Expressions not already inside `$[[ ]]`
 * get such a block.
 */
function markLegacyBlocks(text: string, expressions: Expression[], blocks: OptionalBlock[]): void {
  for (const e of expressions) {
    if (e.optional || !e.terminated || text[e.end] !== ']') continue;
    let k = e.start - 1;
    while (k >= 0 && /[\w.\s-]/.test(text[k]) && e.start - k < 200) k--;
    if (k < 0 || text[k] !== '[' || text[k - 1] === '$' || text[k - 1] === '[') continue;
    const block: OptionalBlock = { start: k, end: e.end + 1, terminated: true, legacy: true };
    blocks.push(block);
    e.optional = block;
  }
}

/**
 * A reference written without the double braces of a binding:
 * `${inputs.x}` (a shell parameter to bash) or `{inputs.x}` (the preview
 * syntax of CLI v2). Azure ML replaces neither.
 */
export interface SingleBraceRef {
  /** Offset of `$` (or of `{` without one). */
  start: number;
  /** Offset just past `}`. */
  end: number;
  /** The dotted path inside, as written: `inputs.x`. */
  path: string;
  /** Written `${...}`. */
  dollar: boolean;
}

const SINGLE_BRACE_ROOTS = ['inputs.', 'outputs.', 'parent.', 'search_space.'];

/** Whether a text might hold a single-brace reference (cheap pre-check). */
export function mayHoldSingleBrace(text: string): boolean {
  return SINGLE_BRACE_ROOTS.some((r) => text.includes('{' + r));
}

const NAME_CHAR = /[A-Za-z0-9_.-]/;

/** Every `${inputs.x}` or `{inputs.x}` in text[from, to) that is not part of `${{ }}`. */
export function scanSingleBraces(text: string, from = 0, to = text.length): SingleBraceRef[] {
  const out: SingleBraceRef[] = [];
  for (let i = from; i < to && out.length < MAX_EXPRESSIONS; i++) {
    if (text.charCodeAt(i) !== 123 /* { */) continue;
    const before = i > from ? text[i - 1] : '';
    if (before === '{' || text[i + 1] === '{') continue;
    if (!SINGLE_BRACE_ROOTS.some((r) => text.startsWith(r, i + 1))) continue;
    let j = i + 1;
    const limit = Math.min(to, i + 1 + 200);
    while (j < limit && NAME_CHAR.test(text[j])) j++;
    if (text[j] !== '}' || text[j + 1] === '}' || j >= to) continue;
    const path = text.slice(i + 1, j);
    const parsed = parsePath(path, 0);
    if (parsed.complex || parsed.segments.length < 2 || parsed.segments.some((s) => !s.text)) continue;
    const dollar = before === '$';
    out.push({ start: dollar ? i - 1 : i, end: j + 1, path, dollar });
  }
  return out;
}
