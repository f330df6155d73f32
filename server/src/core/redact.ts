/**
 * "Never repeat a secret": what counts as a secret in a file, decided from
 * the keys, the kind's secret fields and the shape of well-known tokens, not
 * from how the YAML parser happened to read the value. Two sources:
 *
 * - `scanSecrets(text)`: the text itself, line by line, in one pass (no
 *   backtracking): the value after a secret-looking name (`password: x`,
 *   `password:x`, `"api_key": 'x'`, `{token: x}`, `AccountKey=x;`,
 *   `?sv=...&sig=x`, `--password x`, `export DB_PASSWORD=x`), the lines of a
 *   block scalar or continuation under such a name, PEM blocks, credentials
 *   in URLs (`https://user:x@host`) and tokens with a known shape (GitHub,
 *   AWS, Slack, Google, OpenAI keys, JSON web tokens, storage account keys);
 * - `collectValueSecrets(value, ...)`: the parsed value, where a scalar is
 *   secret by its key's name, by lying under `credentials` (identifiers
 *   excepted) or under a field the kind's schema marks `x-secret`.
 *
 * A `Redactor` holds the secrets found and replaces them, and any fragment of
 * twelve or more characters of them, by `****` in any text shown to the user.
 */

/** Words that, as the last word of a key or variable name, make its value a secret. */
const SECRET_WORDS = new Set([
  'password',
  'passwd',
  'pwd',
  'passphrase',
  'secret',
  'token',
  'key',
  'apikey',
  'sas',
  'sig',
  'signature',
  'pat',
  'credential',
  'certificate',
  'cert',
  'connectionstring',
  'accountkey',
  'privatekey',
  'secretkey',
]);
/** Names whose values are identifiers even though they sit under `credentials`. */
const NOT_SECRET_UNDER_CREDENTIALS = new Set([
  'type',
  'client_id',
  'tenant_id',
  'authority_url',
  'resource_url',
  'username',
  'user_name',
  'access_key_id',
  'thumbprint',
]);

/** Shorter values are never treated as secrets (they would redact ordinary words). */
export const MIN_SECRET_LENGTH = 4;
/**
 * Fragments of a secret at least this long are redacted too (a message may
 * quote a secret cut short, or with its escapes decoded); a shorter secret is
 * redacted where it appears whole. Shorter fragments would mask ordinary
 * words of messages whenever a secret contains one (`example-password`).
 */
const FRAGMENT = 12;
export const MASK = '****';

/** Names seen before: the same keys recur in every file and every version (bounded). */
const nameCache = new Map<string, boolean>();

/** Whether a key or variable name (any case and separator style) names a secret. */
export function isSecretName(raw: string): boolean {
  if (raw.length > 200) return false;
  let known = nameCache.get(raw);
  if (known === undefined) {
    if (nameCache.size > 20_000) nameCache.clear();
    nameCache.set(raw, (known = secretName(raw)));
  }
  return known;
}

function secretName(raw: string): boolean {
  const name = raw.replace(/^[-$'"{[(\s]+|[\s'"}\])]+$/g, '');
  if (!name) return false;
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  if (!words.length) return false;
  const last = words[words.length - 1];
  if (SECRET_WORDS.has(last)) return true;
  const joined = words.join('');
  return SECRET_WORDS.has(joined) || joined.endsWith('connectionstring') || joined.endsWith('accesskey') || joined.endsWith('apikey');
}

/** Values that are references or placeholders, never secrets. */
function isNotSecretValue(v: string): boolean {
  const t = v.trim();
  if (t.length < MIN_SECRET_LENGTH) return true;
  if (/^\$\{\{[\s\S]*\}\}$/.test(t) || /^\$\{[A-Za-z_][A-Za-z0-9_]*\}$/.test(t) || /^\$[A-Za-z_][A-Za-z0-9_]*$/.test(t)) return true; // ${{ }} expressions, shell variables
  if (/^<[^<>\n]{1,80}>$/.test(t) || /^\{\{[^{}]{1,80}\}\}$/.test(t)) return true; // documentation placeholders
  return ['true', 'false', 'null', 'none', 'yes', 'no', 'on', 'off'].includes(t.toLowerCase());
}

// ---------------------------------------------------------------------------
// Tokens with a known shape (each a whole "word" of the text).

const TOKEN_SHAPES: RegExp[] = [
  /^gh[pousr]_[A-Za-z0-9]{30,255}$/, // GitHub tokens
  /^github_pat_[A-Za-z0-9_]{20,255}$/,
  /^(?:AKIA|ASIA)[0-9A-Z]{16}$/, // AWS access key ids
  /^xox[abprs]-[A-Za-z0-9-]{10,255}$/, // Slack
  /^AIza[0-9A-Za-z_-]{35}$/, // Google API keys
  /^sk-(?:proj-)?[A-Za-z0-9_-]{20,255}$/, // OpenAI-style keys
  /^sk_live_[A-Za-z0-9]{16,255}$/,
  /^eyJ[A-Za-z0-9_-]{8,2000}\.eyJ[A-Za-z0-9_-]{8,4000}\.[A-Za-z0-9_-]{0,2000}$/, // JSON web tokens
  /^[A-Za-z0-9+/]{80,100}==$/, // storage account keys (64 random bytes in base64)
];

/** Whether a word looks like a credential by its shape alone. */
export function looksLikeToken(word: string): boolean {
  if (word.length < 20 || word.length > 8192) return false;
  return TOKEN_SHAPES.some((re) => re.test(word));
}

/** Tokens of a known shape inside a word, which may join several with `:`, `/`, `@` or `=` (a URL, `name=value`). */
function tokenParts(word: string): SecretSpan[] {
  if (word.length < 20) return [];
  if (looksLikeToken(word)) return [{ start: 0, end: word.length }];
  const out: SecretSpan[] = [];
  let start = 0;
  for (let i = 0; i <= word.length; i++) {
    const c = word[i];
    if (i === word.length || c === ':' || c === '/' || c === '@' || c === '=') {
      if (i - start >= 20 && looksLikeToken(word.slice(start, i))) out.push({ start, end: i });
      start = i + 1;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------
// Scanning the text

export interface SecretSpan {
  start: number;
  end: number;
  /** The name the value was found under (`account_key`, `--password`, `sig`), if any. */
  name?: string;
}

/** Characters that end a word of the scan (besides quotes, handled apart). */
const DELIMITER = new Set([
  ' ',
  '\t',
  '\r',
  '\n',
  '\f',
  '\v',
  ',',
  '{',
  '}',
  '[',
  ']',
  '(',
  ')',
  '<',
  '>',
  '|',
  ';',
  '&',
  '?',
  '#',
  '`',
  '\\',
]);

interface Word {
  start: number;
  end: number;
  quoted: boolean;
}

/** The words of one line: quoted strings (to their closing quote or the line end) and runs of non-delimiters. */
function wordsOf(line: string, offset: number): Word[] {
  const out: Word[] = [];
  let i = 0;
  while (i < line.length) {
    const c = line[i];
    if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < line.length) {
        if (c === '"' && line[j] === '\\') j += 2;
        else if (line[j] === c) {
          if (c === "'" && line[j + 1] === "'") j += 2;
          else break;
        } else j++;
      }
      out.push({ start: offset + i + 1, end: offset + Math.min(j, line.length), quoted: true });
      i = j + 1;
    } else if (DELIMITER.has(c)) i++;
    else {
      let j = i + 1;
      while (j < line.length && !DELIMITER.has(line[j]) && line[j] !== '"' && line[j] !== "'") j++;
      out.push({ start: offset + i, end: offset + j, quoted: false });
      i = j;
    }
  }
  return out;
}

const indentOf = (line: string) => {
  let i = 0;
  while (i < line.length && (line[i] === ' ' || line[i] === '\t')) i++;
  return i;
};

/** Whether a line (after its indentation and `- `) is `key: ...` (so it is not the continuation of a value). */
function isKeyLine(line: string): boolean {
  let i = indentOf(line);
  while (line[i] === '-' && (line[i + 1] === ' ' || line[i + 1] === '\t')) {
    i += 2;
    while (line[i] === ' ' || line[i] === '\t') i++;
  }
  const colon = line.indexOf(':', i);
  if (colon <= i || (colon + 1 < line.length && line[colon + 1] !== ' ' && line[colon + 1] !== '\t')) return false;
  return !line.slice(i, colon).includes(' #');
}

/** The last texts scanned (the redactor and the plaintext-secret rule read the same ones). */
const scans: Array<{ text: string; spans: SecretSpan[] }> = [];

/** scanSecrets, remembered for the few most recent texts. */
export function secretSpans(text: string): SecretSpan[] {
  for (const s of scans) if (s.text === text) return s.spans;
  const spans = scanSecrets(text);
  scans.unshift({ text, spans });
  if (scans.length > 4) scans.pop();
  return spans;
}

/**
 * Spans of the text that hold secrets, found without the YAML parser (see
 * the module comment). Linear in the length of the text.
 */
export function scanSecrets(text: string): SecretSpan[] {
  const spans: SecretSpan[] = [];
  const add = (start: number, end: number, name?: string) => {
    // Trim spaces and quotes.
    while (start < end && /[\s'"]/.test(text[start])) start++;
    while (end > start && /[\s'",]/.test(text[end - 1])) end--;
    // <placeholder> (angle brackets end words).
    if (text[start - 1] === '<' && text[end] === '>') return;
    if (end - start >= MIN_SECRET_LENGTH && !isNotSecretValue(text.slice(start, end)))
      spans.push(name === undefined ? { start, end } : { start, end, name });
  };
  /** Lines more indented than `indent` after a secret name with no value on its line (a block scalar or a continuation). */
  let blockIndent = -1;
  let blockName: string | undefined;
  let inPem = false;
  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    const line = text.slice(lineStart, lineEnd);
    const trimmed = line.trim();
    if (inPem) {
      if (trimmed.startsWith('-----END ')) inPem = false;
      else add(lineStart, lineEnd);
      lineStart = lineEnd + 1;
      continue;
    }
    if (trimmed.includes('-----BEGIN ') && /-----BEGIN [A-Z0-9 ]{1,64}-----/.test(trimmed.slice(0, 200))) {
      inPem = !trimmed.includes('-----END ');
      // A PEM block on one line (a quoted string with \n escapes): all of it.
      if (!inPem) add(lineStart, lineEnd);
      lineStart = lineEnd + 1;
      continue;
    }
    if (blockIndent >= 0) {
      const indent = indentOf(line);
      if (trimmed === '' || (indent > blockIndent && !isKeyLine(line))) {
        if (trimmed !== '') add(lineStart + indent, lineEnd, blockName);
        lineStart = lineEnd + 1;
        continue;
      }
      blockIndent = -1;
    }
    const words = wordsOf(line, lineStart);
    for (let w = 0; w < words.length; w++) {
      const word = words[w];
      const s = text.slice(word.start, word.end);
      if (looksLikeToken(s)) {
        add(word.start, word.end);
        continue;
      }
      if (!word.quoted) {
        // user:password@host (or token@host) in a URL
        const scheme = s.indexOf('://');
        const slash = scheme >= 0 ? s.indexOf('/', scheme + 3) : -1;
        const at = scheme >= 0 ? s.lastIndexOf('@', slash < 0 ? s.length : slash) : -1;
        if (at > scheme + 3) {
          const colon = s.indexOf(':', scheme + 3);
          add(word.start + (colon > 0 && colon < at ? colon + 1 : scheme + 3), word.start + at);
        }
        for (const part of tokenParts(s)) add(word.start + part.start, word.start + part.end);
      }
      // name: value, name=value, name:value (one word), `--name value`
      let sep = -1;
      for (let k = 0; k < s.length; k++) {
        if (s[k] === ':' || s[k] === '=') {
          sep = k;
          break;
        }
      }
      const name = sep >= 0 ? s.slice(0, sep) : s.startsWith('--') ? s : undefined;
      if (name === undefined || !isSecretName(name)) continue;
      // `::` or `://`: a URL or a scheme, not a name.
      if (sep >= 0 && (s[sep + 1] === '/' || s[sep + 1] === ':')) continue;
      const rest = sep >= 0 ? s.slice(sep + 1) : '';
      const bare = name.replace(/^[-'"{[(\s]+/, '');
      if (rest.replace(/^[=:]+/, '') !== '') {
        add(word.start + sep + 1, word.end, bare);
        continue;
      }
      // `name: |` or `name: >-`: the value is the block below.
      const after = text.slice(word.end, lineEnd).trimStart();
      if (sep >= 0 && (after[0] === '|' || after[0] === '>') && /^[|>][-+0-9]*\s*(#.*)?$/.test(after.slice(0, 100))) {
        blockIndent = indentOf(line);
        blockName = bare;
        break;
      }
      let next = words[w + 1];
      // A tag (`!vault x`) is not the value.
      if (next && !next.quoted && text[next.start] === '!' && words[w + 2]) {
        w++;
        next = words[w + 1];
      }
      if (next) {
        const value = text.slice(next.start, next.end);
        if (/^[|>][-+0-9]*$/.test(value) && !next.quoted) {
          blockIndent = indentOf(line);
          blockName = bare;
        } else if (!(sep < 0 && value.startsWith('-') && !next.quoted)) {
          add(next.start, next.end, bare);
          w++;
        }
      } else if (sep >= 0) {
        blockIndent = indentOf(line);
        blockName = bare;
      }
    }
    lineStart = lineEnd + 1;
  }
  return spans;
}

// ---------------------------------------------------------------------------
// Secrets in the parsed value

/**
 * Adds the secret scalars of a parsed document: values of secret-looking
 * keys, of everything under `credentials` but identifiers, of the paths the
 * kind's schema marks secret (`isSecretPath`), and keys that look like
 * tokens or carry `name=value` secrets themselves.
 */
export function collectValueSecrets(
  value: unknown,
  redactor: Redactor,
  isSecretPath?: (path: ReadonlyArray<string | number>) => boolean,
): void {
  const path: Array<string | number> = [];
  const seen = new Set<unknown>();
  let budget = 200_000;
  const walk = (v: unknown, secret: boolean, underCredentials: boolean, depth: number): void => {
    if (--budget < 0 || depth > 64) return;
    if (v === null || v === undefined) return;
    if (typeof v !== 'object') {
      if (secret) redactor.add(String(v));
      return;
    }
    if (seen.has(v)) return; // an alias seen before: its secrets are known
    seen.add(v);
    if (Array.isArray(v)) {
      v.forEach((item, i) => {
        path.push(i);
        walk(item, secret || !!isSecretPath?.(path), underCredentials, depth + 1);
        path.pop();
      });
      return;
    }
    for (const [k, child] of Object.entries(v as Record<string, unknown>)) {
      if (looksLikeToken(k)) redactor.add(k);
      const eq = k.search(/[=:]/);
      if (eq > 0 && isSecretName(k.slice(0, eq))) redactor.add(k.slice(eq + 1));
      path.push(k);
      const lower = k.toLowerCase();
      const childSecret =
        secret ||
        isSecretName(k) ||
        (underCredentials && !NOT_SECRET_UNDER_CREDENTIALS.has(lower) && typeof child !== 'object') ||
        !!isSecretPath?.(path);
      walk(child, childSecret, underCredentials || lower === 'credentials', depth + 1);
      path.pop();
    }
  };
  walk(value, false, false, 0);
}

/**
 * Whether a concrete path (keys and list indexes) falls under one of the
 * kind registry's secret field patterns (`*` any key, `[]` any item); a
 * pattern covers the value at its path and everything under it.
 */
export function underSecretPattern(patterns: ReadonlyArray<readonly string[]>, path: ReadonlyArray<string | number>): boolean {
  for (const p of patterns) {
    if (p.length > path.length) continue;
    let ok = true;
    for (let i = 0; i < p.length && ok; i++) {
      const seg = path[i];
      ok = p[i] === '*' ? typeof seg === 'string' : p[i] === '[]' ? typeof seg === 'number' : p[i] === seg;
    }
    if (ok) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------
// Redaction

export class Redactor {
  private readonly secrets = new Set<string>();
  /** Fragments (FRAGMENT characters) of the longer secrets. */
  private grams: Set<string> | undefined;

  /** Adds a secret (ignored when it is a reference, a placeholder or too short). */
  add(value: string): void {
    const v = value.trim();
    if (v.length > 100_000 || isNotSecretValue(v) || this.secrets.has(v)) return;
    this.secrets.add(v);
    this.grams = undefined;
    // A quoted value's escapes may be shown decoded or not: both forms count.
    const unescaped = v.replace(/\\(["'\\/nrt])/g, '$1');
    if (unescaped !== v) this.secrets.add(unescaped);
  }

  /** Adds the text of each span. */
  addSpans(text: string, spans: readonly SecretSpan[]): void {
    for (const s of spans) this.add(text.slice(s.start, s.end));
  }

  addAll(other: Redactor): void {
    for (const s of other.secrets) this.secrets.add(s);
    this.grams = undefined;
  }

  get size(): number {
    return this.secrets.size;
  }

  has(value: string): boolean {
    return this.secrets.has(value.trim());
  }

  /**
   * The text with every secret, every fragment of FRAGMENT or more characters
   * of a secret, and every token of a known shape replaced by `****`.
   */
  redact(text: string): string {
    if (!text) return text;
    const marks: Array<[number, number]> = [];
    if (this.secrets.size) {
      if (!this.grams) {
        this.grams = new Set();
        for (const s of this.secrets) for (let i = 0; i + FRAGMENT <= s.length; i++) this.grams.add(s.slice(i, i + FRAGMENT));
      }
      for (const s of this.secrets) {
        if (s.length >= FRAGMENT) continue;
        for (let at = text.indexOf(s); at >= 0; at = text.indexOf(s, at + 1)) marks.push([at, at + s.length]);
      }
      if (this.grams.size)
        for (let i = 0; i + FRAGMENT <= text.length; i++) if (this.grams.has(text.slice(i, i + FRAGMENT))) marks.push([i, i + FRAGMENT]);
    }
    for (const w of wordsOf(text, 0))
      for (const p of tokenParts(text.slice(w.start, w.end))) marks.push([w.start + p.start, w.start + p.end]);
    if (!marks.length) return text;
    marks.sort((a, b) => a[0] - b[0]);
    let out = '';
    let last = 0;
    let i = 0;
    while (i < marks.length) {
      const start = marks[i][0];
      let end = marks[i][1];
      for (i++; i < marks.length && marks[i][0] <= end; i++) end = Math.max(end, marks[i][1]);
      out += text.slice(last, start) + MASK;
      last = end;
    }
    return out + text.slice(last);
  }

  /**
   * A copy of an object (hover, completion items, symbols, code actions)
   * with every string redacted, except under the keys in `keep` (edits,
   * URIs, ranges: not shown as text, and the secret must not be rewritten).
   */
  redactDeep<T>(value: T, keep: ReadonlySet<string> = KEEP): T {
    const walk = (v: unknown, depth: number): unknown => {
      if (typeof v === 'string') return this.redact(v);
      if (v === null || typeof v !== 'object' || depth > 32) return v;
      if (Array.isArray(v)) return v.map((x) => walk(x, depth + 1));
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) out[k] = keep.has(k) ? x : walk(x, depth + 1);
      return out;
    };
    return walk(value, 0) as T;
  }
}

/** Keys whose values are applied or navigated to, never shown as text. */
const KEEP = new Set([
  'textEdit',
  'additionalTextEdits',
  'edit',
  'insertText',
  'uri',
  'range',
  'selectionRange',
  'location',
  'targetUri',
  'targetRange',
  'command',
  'data',
  'code',
  'codeDescription',
  'insertTextFormat',
  'kind',
  'sortText',
  'filterText',
]);

/** Redacts tokens of a known shape only (for text about files whose secrets are not collected, such as other files' spec names). */
export function redactTokens(text: string): string {
  return new Redactor().redact(text);
}
