/**
 * yaml-language-server modelines (`# yaml-language-server: $schema=<url|path|none>`),
 * read as yaml-language-server (Red Hat YAML) reads them: a comment among the
 * header comments of a YAML document (the comments before its content, before
 * or after its `---`) that starts with `# yaml-language-server:` or
 * `# $schema:`; the schema is the first `$schema=<value>` or `$schema: <value>`
 * in it. A modeline wins over the document's `$schema` key.
 */
import { isMap, isScalar, keyText, type ParsedFile, type YamlNode, type YamlSection } from './document';

export interface Modeline {
  /** The schema it names: a URL, a path (relative to the file's folder) or `none`. */
  schema: string;
  /** The comment line: offsets of its start and end (without the line break). */
  start: number;
  end: number;
}

export const MODELINE_PREFIX = '# yaml-language-server: $schema=';

const IS_MODELINE = /^#\s+(?:yaml-language-server\s*:|\$schema:)/;
const SCHEMA_IN_MODELINE = /\$schema(?:=|:[^\S\r\n]*)(\S+)/;

/** Offset where the document's content starts (its first node), or its end when it has none. */
export function contentStart(section: YamlSection): number {
  const contents = section.doc.contents as YamlNode | null;
  const at = contents?.range?.[0];
  return typeof at === 'number' && at >= section.start ? at : section.end;
}

/** The modeline among a document's header comments, if any. */
export function modelineOf(file: ParsedFile, section: YamlSection): Modeline | undefined {
  const text = file.text;
  const end = contentStart(section);
  // The first document's header starts at the top of the file; a later one's at its `---`
  // (comments before that marker belong to the previous document, as yaml-language-server reads them).
  let lineStart = section.index === 0 ? 0 : section.start;
  while (lineStart < end) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    const raw = text.slice(lineStart, lineEnd).replace(/\r$/, '');
    const lead = raw.length - raw.trimStart().length;
    let body = raw.trimStart();
    let offset = lineStart + lead;
    const marker = /^---(\s+|$)/.exec(body);
    if (marker) {
      offset += marker[0].length;
      body = body.slice(marker[0].length);
    }
    if (body.startsWith('#') && IS_MODELINE.test(body)) {
      const m = SCHEMA_IN_MODELINE.exec(body);
      if (m) return { schema: m[1], start: offset, end: offset + body.trimEnd().length };
    }
    // Only comments, blank lines, directives and the document marker come before the content.
    if (body !== '' && !body.startsWith('#') && !body.startsWith('%')) return undefined;
    lineStart = lineEnd + 1;
  }
  return undefined;
}

/** The `$schema` key of a document: its value and the value's range. */
export function schemaKeyOf(section: YamlSection): { url: string; start: number; end: number } | undefined {
  const root = section.doc.contents as YamlNode | null;
  if (!isMap(root)) return undefined;
  for (const pair of root.items) {
    if (keyText(pair.key) !== '$schema') continue;
    const value = pair.value as YamlNode | null;
    if (!isScalar(value) || typeof value.value !== 'string' || !value.range) return undefined;
    return { url: value.value, start: value.range[0], end: value.range[1] };
  }
  return undefined;
}

/** The text of a modeline naming `schema`, for a line of its own. */
export function modelineText(schema: string): string {
  return `${MODELINE_PREFIX}${schema}`;
}
