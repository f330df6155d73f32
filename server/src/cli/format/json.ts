import { countAll, messageOf, type Formatter } from './common';

/**
 * Machine-readable report (version 1):
 * {"version": 1, "files": [{"path", "kind", "diagnostics": [LSP Diagnostic]}],
 *  "summary": {"files", "errors", "warnings", "infos"}}
 * Every Azure ML file checked is listed, with or without diagnostics.
 */
export const json: Formatter = (input) => {
  const { result } = input;
  const c = countAll(result);
  const report = {
    version: 1,
    files: result.files.map((f) => ({
      path: f.path,
      kind: f.kind,
      diagnostics: f.diagnostics.map((d) => ({
        range: { start: { line: d.range.start.line, character: d.range.start.character }, end: { line: d.range.end.line, character: d.range.end.character } },
        severity: d.severity,
        code: d.code,
        source: d.source,
        message: messageOf(input, d),
      })),
    })),
    summary: { files: result.files.length, errors: c.errors, warnings: c.warnings, infos: c.infos },
  };
  return `${JSON.stringify(report, null, 2)}\n`;
};
