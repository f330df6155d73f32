import {
  isMap,
  isScalar,
  LIMITS,
  nodeAtPath,
  pairAtPath,
  type ParsedFile,
  type YamlNode,
  type YamlPath,
  type YamlSection,
} from '../core/document';
import { kindFromSchemaUrl } from '../core/kinds';
import { walkYaml } from '../core/walk';
import { isSuppressed, parseSuppressions } from '../core/suppress';
import { Severity, type Diagnostic, type SeverityName } from '../core/types';
import { Budget } from '../core/limits';
import type { CatalogRule, RuleContext, RuleReport, RuleTarget } from '../rules/api';
import { Edits } from '../core/yamlEdits';
import { RULES_BY_ID, rulesFor } from '../rules/registry';
import { associationDiagnostics } from './association';
import { referenceDiagnostics } from './references';
import { CONFLICT_CODE, conflictProblems, leftToRedHat } from './redHat';
import { bindingDiagnostics } from './bindings';
import { BINDING_CODE_IDS } from '../bindings/codes';
import { SCHEMA_FINDING_CODES, validateSection } from '../schema/validate';
import { CHECK_CODES } from '../schema/checks';
import { fixKey, type Analysis, type FixEntry, type ServiceContext } from './analysis';

/** Codes of the diagnostics that do not come from catalogue rules. */
export const BUILTIN_CODES = [
  'yaml-syntax',
  'duplicate-key',
  'file-too-large',
  'binary-content',
  'too-many-documents',
  'too-deep',
  'alias-limit',
  'too-many-nodes',
  'too-many-keys',
  'analysis-stopped',
  'too-many-problems',
  ...SCHEMA_FINDING_CODES,
  'unknown-kind',
  'unknown-rule-id',
  'unresolved-reference',
  'missing-file',
  'invalid-workspace-association',
  ...CHECK_CODES,
  ...BINDING_CODE_IDS,
] as const;

/** Codes of what the schema reports: a rule's finding on the same range replaces these. */
const SCHEMA_CODES = new Set<string>([...SCHEMA_FINDING_CODES, ...CHECK_CODES]);

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
  /** Schema findings inside its range are dropped (they would repeat it). */
  covers?: boolean;
}

/** Fills analysis.diagnostics and analysis.fixes for an analysed document. */
export function computeDiagnostics(service: ServiceContext, analysis: Analysis, budget: Budget = Budget.unlimited()): void {
  const raws = collectFindings(service, analysis, budget);
  publish(analysis, hideSchemaFindingsUnderRules(raws));
  analysis.diagnostics.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}

/** Every finding of the file before suppressions and configured severities: syntax, schema, rules, references, bindings, Red Hat YAML. */
function collectFindings(service: ServiceContext, analysis: Analysis, budget: Budget): Raw[] {
  const { file } = analysis;
  const raws: Raw[] = [];
  const anyAml = analysis.docs.some((d) => d.detection);
  if (file.fatal && (anyAml || file.fatal.code === 'file-too-large' || looksAml(file.text))) {
    raws.push({ ...file.fatal, severity: file.fatal.severity === 'error' ? Severity.Error : Severity.Warning });
  }
  for (const { section, detection } of analysis.docs) {
    if (!detection) unknownKindFindings(analysis, section, raws);
    else if (!sectionFindings(service, analysis, section, detection.kind, budget, raws)) break;
  }
  if (budget.stoppedAt) {
    analysis.stopped = budget.stoppedAt;
    const at = analysis.docs.find((d) => d.detection)?.section.start ?? 0;
    raws.push({
      code: 'analysis-stopped',
      severity: Severity.Warning,
      message: `aml-yaml stopped analysing this file after ${Math.round(budget.ms)} ms (its time limit): ${budget.stoppedAt} and what follows were skipped.`,
      start: at,
      end: Math.max(at + 1, Math.min(file.text.length, file.lines.lineEnd(file.lines.positionAt(at).line))),
    });
  }
  raws.push(...associationDiagnostics(service, analysis));

  // Red Hat YAML cannot download the $schema of these documents (editor only).
  for (const r of conflictProblems(analysis)) raws.push(r);
  return raws;
}

/** A document whose `$schema` names a kind aml-yaml does not know: that, and its YAML problems. */
function unknownKindFindings(analysis: Analysis, section: YamlSection, raws: Raw[]): void {
  const unknown = unknownAmlSchema(section.value);
  if (!unknown) return;
  const node = nodeAtPath(section.doc.contents, ['$schema']);
  const [s, e] = node?.range ? [node.range[0], node.range[1]] : [section.start, section.start + 1];
  raws.push({
    code: 'unknown-kind',
    severity: Severity.Information,
    message: `aml-yaml does not know the kind named by "${unknown}"; only YAML syntax is checked.`,
    start: s,
    end: e,
  });
  parseFindings(analysis, section, raws);
}

/** The parse's own problems of a document (syntax, duplicate keys, limits), unless left to Red Hat YAML. */
function parseFindings(analysis: Analysis, section: YamlSection, raws: Raw[]): void {
  for (const p of section.problems) {
    if (leftToRedHat(analysis.config, section, p)) continue;
    raws.push({
      code: p.code,
      severity: p.severity === 'error' ? Severity.Error : Severity.Warning,
      message: p.message,
      start: p.start,
      end: p.end,
      covers: p.covers,
    });
  }
}

/** The findings of one Azure ML document; false when the time budget ran out. */
function sectionFindings(
  service: ServiceContext,
  analysis: Analysis,
  section: YamlSection,
  kind: string,
  budget: Budget,
  raws: Raw[],
): boolean {
  const { file } = analysis;
  parseFindings(analysis, section, raws);
  const docsUrl = service.store.docsUrl(kind);
  if (budget.spent('schema validation')) return false;
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
          ? [
              {
                title: p.replacement.title,
                edits: [{ start: p.replacement.start, end: p.replacement.end, newText: p.replacement.newText }],
                isPreferred: p.replacement.preferred !== false,
                code: p.code,
              },
            ]
          : undefined,
      });
    }
  }
  const value = section.value;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return true;
  for (const rule of rulesFor(kind)) {
    if (rule.crossFile && !service.workspaceView) continue;
    if (budget.spent(`the rule ${rule.id}`)) break;
    runRule(rule, service, analysis, section, kind, value as Record<string, unknown>, raws);
  }
  if (budget.spent('references')) return false;
  for (const r of referenceDiagnostics(service, analysis, section, kind)) raws.push(r);
  for (const r of bindingDiagnostics(service, analysis, section, kind)) raws.push(r);
  return true;
}

/**
 * A rule's diagnostic explains its field better than the schema's: drop schema
 * findings on the same range, inside it or starting with it (for example
 * identity-type-invalid over invalid-enum on identity.type, step-name-invalid
 * over the pattern of a step's name). A rule never hides a more severe schema
 * finding (a warning about a secret must not hide the CLI's rejection of its type).
 */
function hideSchemaFindingsUnderRules(raws: Raw[]): Raw[] {
  const hiders = raws.filter((r) => r.fromRule || r.covers);
  if (hiders.length) {
    // Per severity, the hiding ranges at least that severe, sorted by start, with the furthest end among
    // each prefix: a range contains [start, end] when one starting at or before start reaches end
    // (a binary search per finding, not a scan).
    const levels = new Map<number, { ranges: Array<readonly [number, number]>; reach: number[] }>();
    const levelOf = (severity: number) => {
      let l = levels.get(severity);
      if (!l) {
        const ranges = hiders
          .filter((h) => h.severity <= severity)
          .map((h) => [h.start, h.end] as const)
          .sort((a, b) => a[0] - b[0]);
        const reach: number[] = [];
        for (const [, e] of ranges) reach.push(Math.max(e, reach.length ? reach[reach.length - 1] : e));
        levels.set(severity, (l = { ranges, reach }));
      }
      return l;
    };
    const covered = (start: number, end: number, severity: number) => {
      const { ranges, reach } = levelOf(severity);
      let lo = 0;
      let hi = ranges.length - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (ranges[mid][0] <= start) lo = mid + 1;
        else hi = mid - 1;
      }
      return hi >= 0 && reach[hi] >= end;
    };
    const startSeverity = new Map<number, number>();
    for (const h of hiders) if (h.fromRule) startSeverity.set(h.start, Math.min(h.severity, startSeverity.get(h.start) ?? Infinity));
    const hidden = (r: Raw) => covered(r.start, r.end, r.severity) || (startSeverity.get(r.start) ?? Infinity) <= r.severity;
    const kept = raws.filter((r) => r.fromRule || r.covers || !SCHEMA_CODES.has(r.code) || !hidden(r));
    raws.length = 0;
    for (const r of kept) raws.push(r);
  }
  return raws;
}

/** Suppression comments, then configured severities: the findings become the analysis' diagnostics and fixes. */
function publish(analysis: Analysis, raws: Raw[]): void {
  const { file } = analysis;
  const anyAml = analysis.docs.some((d) => d.detection);
  const suppressions = parseSuppressions(file.text, (o) => file.lines.positionAt(o).line, insideScalar(file));
  const known = new Set<string>([...RULES_BY_ID.keys(), ...BUILTIN_CODES, CONFLICT_CODE, 'all']);
  if (anyAml) {
    for (const m of suppressions.mentioned) {
      if (!known.has(m.id)) {
        raws.push({
          code: 'unknown-rule-id',
          severity: Severity.Warning,
          message: `"${m.id}" is not an aml-yaml rule id; this suppression has no effect.`,
          start: m.start,
          end: m.end,
        });
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
    // Never repeat a secret, whatever produced the message (a parser error quoting the text, a rule).
    const d: Diagnostic = {
      range,
      severity,
      code: raw.code,
      source: 'aml-yaml',
      message: clipMessage(analysis.redactor.redact(clipMessage(raw.message, 4 * MAX_MESSAGE))),
    };
    if (raw.href) d.codeDescription = { href: raw.href };
    analysis.diagnostics.push(d);
    if (raw.fixes?.length) {
      const key = fixKey(raw.code, range);
      const list = analysis.fixes.get(key) ?? [];
      list.push(...raw.fixes);
      analysis.fixes.set(key, list);
    }
  }
}

function runRule(
  rule: CatalogRule,
  service: ServiceContext,
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
    keyRange: (path: YamlPath) => targetRange(root, { key: path }),
    valueRange: (path: YamlPath) => targetRange(root, { value: path }),
    report: (r: RuleReport) => {
      const severityName = r.severity ?? rule.defaultSeverity;
      const severity = severityOf(severityName);
      if (severity === undefined) return;
      const span = r.at ? targetRange(root, r.at) : [r.start, r.end];
      if (!span) return;
      raws.push({
        code: rule.id,
        severity,
        message: r.message,
        start: span[0],
        end: Math.max(span[1], span[0] + 1),
        href: rule.article?.url,
        fromRule: true,
        fixes: r.fixes?.map((f) => ({ ...f, code: rule.id })),
      });
    },
  };
  try {
    if (isMap(root)) rule.check(ctx);
  } catch (err) {
    analysis.ruleFailures.push({ rule: rule.id, error: analysis.redactor.redact((err as Error)?.stack ?? String(err)) });
  }
}

/** The range of a rule's target in the document, or undefined when it is not there. */
function targetRange(root: unknown, at: RuleTarget): [number, number] | undefined {
  const node = 'node' in at ? at.node : 'key' in at ? (pairAtPath(root, at.key)?.key as YamlNode | undefined) : nodeAtPath(root, at.value);
  return node?.range ? [node.range[0], node.range[1]] : undefined;
}

/** Whether an offset lies inside a scalar of the file (a `#` in a string or block scalar is text, not a comment). */
function insideScalar(file: ParsedFile): (offset: number) => boolean {
  let ranges: Array<[number, number]> | undefined;
  const collect = (root: unknown, out: Array<[number, number]>): void => {
    walkYaml(root, (n, depth) => {
      if (depth > LIMITS.maxDepth) return 'skip';
      if (isScalar(n) && n.range) out.push([n.range[0], n.range[1]]);
    });
  };
  return (offset) => {
    if (!ranges) {
      ranges = [];
      for (const section of file.sections) collect(section.doc.contents, ranges);
      ranges.sort((a, b) => a[0] - b[0]);
    }
    // Scalars do not overlap: the last one starting at or before offset is the only candidate.
    let lo = 0;
    let hi = ranges.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (ranges[mid][0] <= offset) lo = mid + 1;
      else hi = mid - 1;
    }
    return hi >= 0 && offset < ranges[hi][1];
  };
}

/** Messages quote keys and values of the file: they stay short whatever the file holds. */
const MAX_MESSAGE = 1000;
function clipMessage(message: string, max = MAX_MESSAGE): string {
  return message.length <= max ? message : `${message.slice(0, max - 1)}…`;
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
