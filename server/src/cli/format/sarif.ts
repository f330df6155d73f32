import type { SeverityName } from '../../core/types';
import { allCodes } from '../codes';
import { escapeJson } from '../escape';
import { jsonWithArray, messageOf, type ChunkedFormatter } from './common';

type SarifLevel = 'error' | 'warning' | 'note' | 'none';
const LEVEL_OF_SEVERITY: Record<number, SarifLevel> = { 1: 'error', 2: 'warning', 3: 'note', 4: 'note' };
const LEVEL_OF_NAME: Record<SeverityName, SarifLevel> = { error: 'error', warning: 'warning', info: 'note', hint: 'note', off: 'none' };

/** Relative path as a URI reference: each segment percent-encoded. */
const uriOf = (p: string) => p.split('/').map(encodeURIComponent).join('/');

/**
 * SARIF 2.1.0: one run whose driver lists every rule and built-in code (id,
 * short description, help URI to the source article, default level); one
 * result per diagnostic with its level and region. Columns are UTF-16 code
 * units, as in LSP. Paths are relative to %SRCROOT% (the working folder).
 * No snippets: a region's text could hold a secret.
 */
export const sarifChunks: ChunkedFormatter = (input) => {
  const codes = allCodes();
  const indexOf = new Map(codes.map((c, i) => [c.id, i]));
  const rules = codes.map((c) => ({
    id: c.id,
    shortDescription: { text: c.description },
    ...(c.quotes?.length ? { fullDescription: { text: `${c.description} ${c.quotes.map((q) => `"${q}"`).join(' ')}` } } : {}),
    ...(c.helpUri ? { helpUri: c.helpUri } : {}),
    defaultConfiguration: { level: LEVEL_OF_NAME[c.defaultSeverity] ?? 'warning' },
  }));
  const results = (function* () {
    for (const f of input.result.files)
      yield* f.diagnostics.map((d) => {
        const code = String(d.code);
        const index = indexOf.get(code);
        return {
          ruleId: code,
          ...(index !== undefined ? { ruleIndex: index } : {}),
          level: LEVEL_OF_SEVERITY[d.severity] ?? 'note',
          message: { text: messageOf(input, d) },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: uriOf(f.path), uriBaseId: '%SRCROOT%' },
                region: {
                  startLine: d.range.start.line + 1,
                  startColumn: d.range.start.character + 1,
                  endLine: d.range.end.line + 1,
                  endColumn: d.range.end.character + 1,
                },
              },
            },
          ],
        };
      });
  })();
  const MARK = '\u0000aml-yaml:results';
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'aml-yaml',
            version: input.version,
            informationUri: 'https://github.com/aml-yaml/aml-yaml',
            rules,
          },
        },
        columnKind: 'utf16CodeUnits',
        results: [MARK],
      },
    ],
  };
  // Results are written one at a time; control characters from the files are escaped.
  return jsonWithArray(log, MARK, results, escapeJson);
};
