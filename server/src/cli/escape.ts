/**
 * Text from the checked files (messages quote keys and values; paths are file
 * names) must not drive the terminal or the CI log that shows the CLI's
 * output: control characters (C0, DEL, C1: `ESC [2J`, `CSI`), line and
 * paragraph separators and the bidirectional controls that reorder what is
 * displayed ("Trojan Source") are written as visible escapes.
 */

/** Characters never written as they are. */
// eslint-disable-next-line no-control-regex -- control characters are what this escapes
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]/g;

const hex = (c: string, width: number) => c.charCodeAt(0).toString(16).padStart(width, '0');

/** For text on one line (stylish, GitHub annotations, stderr): `\x1b`, `\n`, `\u202e`. */
export function escapeText(text: string): string {
  return text.replace(UNSAFE, (c) => {
    if (c === '\n') return '\\n';
    if (c === '\r') return '\\r';
    if (c === '\t') return '\\t';
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${hex(c, 2)}` : `\\u${hex(c, 4)}`;
  });
}

/**
 * For JSON text (json, SARIF): JSON.stringify already escapes C0; the other
 * unsafe characters are written as `\uXXXX` escapes too, which leaves the
 * parsed data unchanged (they can only occur inside JSON strings).
 */
export function escapeJson(json: string): string {
  return json.replace(UNSAFE_IN_JSON, (c) => `\\u${hex(c, 4)}`);
}

/** UNSAFE without C0: in JSON text those are either escaped by JSON.stringify or the document's own line breaks. */
const UNSAFE_IN_JSON = /[\u007f-\u009f\u061c\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]/g;

/** Clips text shown on one line to `max` characters. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
