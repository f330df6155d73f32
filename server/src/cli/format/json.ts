import { escapeJson } from '../escape';
import { countAll, jsonWithArray, messageOf, type ChunkedFormatter } from './common';

/**
 * Machine-readable report (version 1):
 * {"version": 1, "files": [{"path", "kind", "diagnostics": [LSP Diagnostic]}],
 *  "summary": {"files", "errors", "warnings", "infos"}}
 * Every Azure ML file checked is listed, with or without diagnostics.
 * Written one file at a time; control characters from the files are escaped.
 */
export const jsonChunks: ChunkedFormatter = (input) => {
  const { result } = input;
  const c = countAll(result);
  const MARK = '\u0000aml-yaml:files';
  const skeleton = {
    version: 1,
    files: [MARK],
    summary: { files: result.files.length, errors: c.errors, warnings: c.warnings, infos: c.infos },
  };
  const files = (function* () {
    for (const f of result.files) {
      yield {
        path: f.path,
        kind: f.kind,
        diagnostics: f.diagnostics.map((d) => ({
          range: {
            start: { line: d.range.start.line, character: d.range.start.character },
            end: { line: d.range.end.line, character: d.range.end.character },
          },
          severity: d.severity,
          code: d.code,
          source: d.source,
          message: messageOf(input, d),
        })),
      };
    }
  })();
  return jsonWithArray(skeleton, MARK, files, escapeJson);
};
