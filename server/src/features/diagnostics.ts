import { isMap, isPair, isScalar, isSeq, LIMITS, nodeAtPath, pairAtPath, type ParsedFile, type YamlNode, type YamlPath } from '../core/document';
import { kindFromSchemaUrl } from '../core/kinds';
import { isSuppressed, parseSuppressions } from '../core/suppress';
import { Severity, type Diagnostic, type SeverityName } from '../core/types';
import type { OffsetEdit, Rule, RuleContext, RuleReport } from '../rules/api';
import { Edits } from '../rules/edits';
import { RULES_BY_ID, rulesFor } from '../rules/registry';
import { associationDiagnostics } from './association';
import { referenceDiagnostics } from './references';
import { CONFLICT_CODE, conflictProblems, leftToRedHat } from './redHat';
import { bindingDiagnostics } from './bindings';
import { BINDING_CODE_IDS } from '../bindings/codes';
import { validateSection } from '../schema/validate';
import { CHECK_CODES } from '../schema/checks';
import { fixKey, type AmlLanguageService, type Analysis } from '../service';

export interface FixEntry {
  title: string;
  edits: OffsetEdit[];
  isPreferred?: boolean;
  /** The rule or schema code whose diagnostic this fixes. */
  code: string;
}

/** Codes of the diagnostics that do not come from catalogue rules. */
export const BUILTIN_CODES = [
  'yaml-syntax',
  'duplicate-key',
  'file-too-large',
  'binary-content',
  'too-many-documents',
  'too-deep',
  'alias-limit',
  'unknown-key',
  'wrong-type',
  'invalid-enum',
  'missing-required',
  'invalid-value',
  'non-canonical-enum',
  'unknown-kind',
  'unknown-rule-id',
  'unresolved-reference',
  'missing-file',
  'invalid-workspace-association',
  ...CHECK_CODES,
  ...BINDING_CODE_IDS,
] as const;

const SCHEMA_CODES = new Set(['unknown-key', 'wrong-type', 'invalid-enum', 'missing-required', 'invalid-value', 'non-canonical-enum', ...CHECK_CODES]);

const SEVERITY: Record<Exclude<SeverityName, 'off'>, Severity> = {
  error: Severity.Error,
  warning: Severity.Warning,
  info: Severity.Information,
  hint: Severity.Hint,
};

export function severityOf(name: SeverityName): Severity | undefined {
  return name === 'off' ? undefined : SEVERITY[name];
}

interface Raw {
  code: string;
  severity: Severity;
  message: string;
  start: number;
  end: number;
  href?: string;
  fixes?: FixEntry[];
  /** Severity comes from the rule (configurable under the rule id). */
  fromRule?: boolean;
}

/** Fills analysis.diagnostics and analysis.fixes for an analysed document. */
export function computeDiagnostics(service: AmlLanguageService, analysis: Analysis): void {
  const { file } = analysis;
  const raws: Raw[] = [];
  const anyAml = analysis.docs.some((d) => d.detection);
  if (file.fatal && (anyAml || file.fatal.code === 'file-too-large' || looksAml(file.text))) {
    raws.push({ ...file.fatal, severity: file.fatal.severity === 'error' ? Severity.Error : Severity.Warning });
  }
  for (const { section, detection } of analysis.docs) {
    if (!detection) {
      const unknown = unknownAmlSchema(section.value);
      if (unknown) {
        const node = nodeAtPath(section.doc.contents, ['$schema']);
        const [s, e] = node?.range ? [node.range[0], node.range[1]] : [section.start, section.start + 1];
        raws.push({ code: 'unknown-kind', severity: Severity.Information, message: `aml-yaml does not know the kind named by "${unknown}"; only YAML syntax is checked.`, start: s, end: e });
        for (const p of section.problems) if (!leftToRedHat(analysis.config, section, p)) raws.push({ code: p.code, severity: p.severity === 'error' ? Severity.Error : Severity.Warning, message: p.message, start: p.start, end: p.end });
      }
      continue;
    }
    for (const p of section.problems) {
      if (leftToRedHat(analysis.config, section, p)) continue;
      raws.push({ code: p.code, severity: p.severity === 'error' ? Severity.Error : Severity.Warning, message: p.message, start: p.start, end: p.end });
    }
    const kind = detection.kind;
    const docsUrl = service.store.docsUrl(kind);
    if (service.store.hasKind(kind)) {
      for (const p of validateSection(service.store, kind, section, file)) {
        raws.push({
          code: p.code,
          severity: p.severity,
          message: p.message,
          start: p.start,
          end: p.end,
          href: docsUrl,
          fixes: p.replacement
            ? [{ title: p.replacement.title, edits: [{ start: p.replacement.start, end: p.replacement.end, newText: p.replacement.newText }], isPreferred: p.replacement.preferred !== false, code: p.code }]
            : undefined,
        });
      }
    }
    const value = section.value;
    if (value === null || typeof value !== 'object' || Array.isArray(value)) continue;
    for (const rule of rulesFor(kind)) {
      if (rule.crossFile && !service.workspaceView) continue;
      runRule(rule, service, analysis, section, kind, value as Record<string, unknown>, raws);
    }
    raws.push(...referenceDiagnostics(service, analysis, section, kind));
    raws.push(...bindingDiagnostics(service, analysis, section, kind));
  }
  raws.push(...associationDiagnostics(service, analysis));

  // Red Hat YAML cannot download the $schema of these documents (editor only).
  raws.push(...conflictProblems(analysis));

  // A rule's diagnostic explains its field better than the schema's: drop schema
  // findings on the same range, inside it or starting with it (for example
  // identity-type-invalid over invalid-enum on identity.type, step-name-invalid
  // over the pattern of a step's name). A rule never hides a more severe schema
  // finding (a warning about a secret must not hide the CLI's rejection of its type).
  const ruleRanges = raws.filter((r) => r.fromRule).map((r) => [r.start, r.end, r.severity] as const);
  if (ruleRanges.length) {
    for (let i = raws.length - 1; i >= 0; i--) {
      const r = raws[i];
      if (r.fromRule || !SCHEMA_CODES.has(r.code)) continue;
      if (ruleRanges.some(([s, e, severity]) => ((r.start >= s && r.end <= e) || r.start === s) && r.severity >= severity)) raws.splice(i, 1);
    }
  }

  // Suppression comments, then configured severities.
  const suppressions = parseSuppressions(file.text, (o) => file.lines.positionAt(o).line, insideScalar(file));
  const known = new Set<string>([...RULES_BY_ID.keys(), ...BUILTIN_CODES, CONFLICT_CODE, 'all']);
  if (anyAml) {
    for (const m of suppressions.mentioned) {
      if (!known.has(m.id)) {
        raws.push({ code: 'unknown-rule-id', severity: Severity.Warning, message: `"${m.id}" is not an aml-yaml rule id; this suppression has no effect.`, start: m.start, end: m.end });
      }
    }
  }
  const config = analysis.config;
  for (const raw of raws) {
    const line = file.lines.positionAt(raw.start).line;
    if (raw.code !== 'unknown-rule-id' && isSuppressed(suppressions, raw.code, line)) continue;
    let severity: Severity | undefined = raw.severity;
    const configured = config.rules[raw.code];
    if (configured) severity = severityOf(configured);
    if (severity === undefined) continue;
    const range = file.lines.range(raw.start, Math.max(raw.end, raw.start));
    const d: Diagnostic = { range, severity, code: raw.code, source: 'aml-yaml', message: raw.message };
    if (raw.href) d.codeDescription = { href: raw.href };
    analysis.diagnostics.push(d);
    if (raw.fixes?.length) {
      const key = fixKey(raw.code, range);
      const list = analysis.fixes.get(key) ?? [];
      list.push(...raw.fixes);
      analysis.fixes.set(key, list);
    }
  }
  analysis.diagnostics.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}

function runRule(
  rule: Rule,
  service: AmlLanguageService,
  analysis: Analysis,
  section: Analysis['docs'][number]['section'],
  kind: string,
  value: Record<string, unknown>,
  raws: Raw[],
): void {
  const root = section.doc.contents;
  const ctx: RuleContext = {
    kind,
    uri: analysis.uri,
    value,
    section,
    file: analysis.file,
    workspace: service.workspaceView,
    edits: new Edits(analysis.file, section),
    schemas: service.store,
    node: (path: YamlPath) => nodeAtPath(root, path),
    keyRange: (path: YamlPath) => {
      const k = pairAtPath(root, path)?.key as YamlNode | undefined;
      return k?.range ? [k.range[0], k.range[1]] : undefined;
    },
    valueRange: (path: YamlPath) => {
      const n = nodeAtPath(root, path);
      return n?.range ? [n.range[0], n.range[1]] : undefined;
    },
    report: (r: RuleReport) => {
      const severityName = r.severity ?? rule.defaultSeverity;
      const severity = severityOf(severityName);
      if (severity === undefined) return;
      raws.push({
        code: rule.id,
        severity,
        message: r.message,
        start: r.start,
        end: Math.max(r.end, r.start + 1),
        href: rule.article?.url,
        fromRule: true,
        fixes: r.fixes?.map((f) => ({ ...f, code: rule.id })),
      });
    },
  };
  try {
    if (isMap(root)) rule.check(ctx);
  } catch (err) {
    analysis.ruleFailures.push({ rule: rule.id, error: (err as Error)?.stack ?? String(err) });
  }
}

/** Whether an offset lies inside a scalar of the file (a `#` in a string or block scalar is text, not a comment). */
function insideScalar(file: ParsedFile): (offset: number) => boolean {
  let ranges: Array<[number, number]> | undefined;
  const collect = (n: unknown, depth: number, out: Array<[number, number]>): void => {
    if (!n || depth > LIMITS.maxDepth) return;
    if (isScalar(n)) {
      if (n.range) out.push([n.range[0], n.range[1]]);
    } else if (isMap(n) || isSeq(n)) {
      for (const item of n.items as unknown[]) {
        if (isPair(item)) {
          collect(item.key, depth + 1, out);
          collect(item.value, depth + 1, out);
        } else collect(item, depth + 1, out);
      }
    }
  };
  return (offset) => {
    if (!ranges) {
      ranges = [];
      for (const section of file.sections) collect(section.doc.contents, 0, ranges);
    }
    return ranges.some(([start, end]) => offset >= start && offset < end);
  };
}

function unknownAmlSchema(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const s = (value as Record<string, unknown>).$schema;
  if (typeof s !== 'string' || !/azureml/i.test(s)) return undefined;
  return kindFromSchemaUrl(s) ? undefined : s;
}

function looksAml(text: string): boolean {
  return /\$schema\s*:\s*\S*azureml/i.test(text.slice(0, 4096));
}
