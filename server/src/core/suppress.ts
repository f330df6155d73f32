/**
 * Suppression comments:
 *   # aml-yaml-disable-next-line <id>[, <id>...]   silences those ids on the next line
 *   # aml-yaml-disable-line <id>[, <id>...]        silences those ids on the comment's own line
 *   # aml-yaml-disable <id>[, <id>...]             silences those ids in the whole file
 * Either may end with `-- <reason>`.
 */

export interface SuppressionId {
  id: string;
  start: number;
  end: number;
}

export interface Suppressions {
  /** Ids silenced for the whole file. */
  file: Set<string>;
  /** Line number -> ids silenced on that line. */
  lines: Map<number, Set<string>>;
  /** Every id written in a comment, with its offsets (to report unknown ids). */
  mentioned: SuppressionId[];
}

// The directive ends at whitespace or the end of the line: `aml-yaml-disable-foo` is no directive.
const COMMENT = /#\s*aml-yaml-(disable-next-line|disable-line|disable)(?![\w-])([^\n\r]*)/g;

/**
 * `inScalar` tells whether an offset lies inside a YAML scalar (a quoted or
 * block string): a `#` there is text, not a comment.
 */
export function parseSuppressions(text: string, lineOf: (offset: number) => number, inScalar?: (offset: number) => boolean): Suppressions {
  const result: Suppressions = { file: new Set(), lines: new Map(), mentioned: [] };
  if (!text.includes('aml-yaml-disable')) return result;
  for (const m of text.matchAll(COMMENT)) {
    const hashAt = m.index!;
    // Only a real comment: the # is at the start of the text or after whitespace, outside any string.
    if (hashAt > 0 && !/\s/.test(text[hashAt - 1])) continue;
    if (inScalar?.(hashAt)) continue;
    const kind = m[1];
    const listStart = hashAt + m[0].length - m[2].length;
    // `-- why` after the ids is a free-text reason, as in ESLint.
    const reason = /(^|\s)--/.exec(m[2]);
    const list = reason ? m[2].slice(0, reason.index) : m[2];
    const ids: SuppressionId[] = [];
    const idPattern = /[A-Za-z0-9][A-Za-z0-9_-]*/g;
    for (const idm of list.matchAll(idPattern)) {
      ids.push({ id: idm[0], start: listStart + idm.index!, end: listStart + idm.index! + idm[0].length });
    }
    for (const i of ids) result.mentioned.push(i);
    if (kind === 'disable') {
      for (const i of ids) result.file.add(i.id);
    } else {
      const line = lineOf(hashAt) + (kind === 'disable-line' ? 0 : 1);
      const set = result.lines.get(line) ?? new Set<string>();
      for (const i of ids) set.add(i.id);
      result.lines.set(line, set);
    }
  }
  return result;
}

export function isSuppressed(s: Suppressions, id: string, line: number): boolean {
  return s.file.has(id) || s.file.has('all') || !!s.lines.get(line)?.has(id) || !!s.lines.get(line)?.has('all');
}
