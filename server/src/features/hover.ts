import { nodeAtOffset, sectionAt, valueAtPath, type YamlPath } from '../core/document';
import { kindFromSchemaUrl, kindInfo } from '../core/kinds';
import type { Hover, Position } from '../core/types';
import { caveatsFor, type Caveat } from '../rules/caveats';
import { childSchemas, expand, factsOf, schemasAtPath, type FieldFacts } from '../schema/navigate';
import type { Analysis, ServiceContext } from './analysis';
import { referenceHover } from './references';

const fmt = (v: unknown) => '`' + (typeof v === 'string' ? v : JSON.stringify(v)) + '`';

/** Markdown for one field: name, type, description, allowed values, default. */
export function renderFieldDocs(name: string, facts: FieldFacts): string {
  const lines: string[] = [];
  const types = facts.types.filter((t) => t !== 'null');
  lines.push(
    `**${name}**${types.length ? ` · ${types.map((t) => '`' + t + '`').join(' | ')}` : ''}${facts.deprecated ? ' · *deprecated*' : ''}`,
  );
  if (facts.description) lines.push('', facts.description);
  if (facts.enumValues.length) {
    const strings = facts.enumValues.every((v) => typeof v === 'string');
    const casing =
      facts.casing === 'lower' || facts.casing === 'snakeToPascal'
        ? ' (the CLI accepts any casing of these)'
        : facts.casing === 'camelToSnake'
          ? ' (the CLI also accepts their CamelCase spelling, such as `SystemAssigned` for `system_assigned`)'
          : strings
            ? ' (case-sensitive: the CLI compares them exactly)'
            : '';
    lines.push('', `Allowed values: ${facts.enumValues.map(fmt).join(', ')}${casing}`);
  }
  if (facts.hasDefault) lines.push('', `Default: ${fmt(facts.defaultValue)}`);
  if (facts.secret) lines.push('', 'Holds a secret: keep it out of the file (use an identity or a secret store).');
  if (facts.cliSupplied)
    lines.push(
      '',
      `Usually supplied on the command line (\`${facts.cliSupplied}\`), so the file may leave it out; \`az ml\` fails when neither gives it.`,
    );
  return lines.join('\n');
}

/** Markdown for quoted caveats, each with its article link. */
export function renderCaveats(caveats: Caveat[]): string {
  // Quotes from the same article share one link, after the last of them.
  const groups: Array<{ article: Caveat['article']; quotes: string[] }> = [];
  for (const c of caveats) {
    const group = groups.find((g) => g.article.url === c.article.url);
    if (group) group.quotes.push(c.quote);
    else groups.push({ article: c.article, quotes: [c.quote] });
  }
  return groups.map((g) => `${g.quotes.map((q) => `> ${q}`).join('\n>\n')}\n\n— [${g.article.title}](${g.article.url})`).join('\n\n');
}

export function doHover(service: ServiceContext, analysis: Analysis, position: Position): Hover | null {
  const { file } = analysis;
  const offset = file.lines.offsetAt(position);
  const section = sectionAt(file, offset);
  if (!section) return null;
  const detection = analysis.docs.find((d) => d.section === section)?.detection;
  if (!detection) return null;
  const hit = nodeAtOffset(section, offset);
  if (!hit || hit.path.length === 0) return null;
  const node = hit.node;
  const range = node.range ? file.lines.range(node.range[0], node.range[1]) : undefined;

  // Hovering a list item explains the list's key.
  let keyPath: YamlPath = hit.path;
  while (keyPath.length && typeof keyPath[keyPath.length - 1] === 'number') keyPath = keyPath.slice(0, -1);
  if (!keyPath.length) return null;
  const name = String(keyPath[keyPath.length - 1]);
  const kind = detection.kind;
  const root = service.store.root(kind);
  const docsUrl = service.store.docsUrl(kind);
  const title = kindInfo(kind)?.title ?? kind;

  if (keyPath.length === 1 && name === '$schema') {
    const url = valueAtPath(section.value, ['$schema']);
    const k = typeof url === 'string' ? kindFromSchemaUrl(url) : undefined;
    const lines = [
      `**$schema** · ${k ? `${k.title} (\`${k.id}\`)` : 'unknown kind'}`,
      '',
      `aml-yaml reads the kind from this URL's last segment and validates with the schema shipped in the extension; the URL is never downloaded.`,
      '',
      `Kind detected: \`${kind}\` (${detection.reason}).`,
    ];
    if (docsUrl) lines.push('', `[${title} YAML reference](${docsUrl})`);
    return { contents: { kind: 'markdown', value: lines.join('\n') }, range };
  }

  const parts: string[] = [];
  if (root) {
    const parents = schemasAtPath(service.store, root, keyPath.slice(0, -1), section.value);
    const own = expand(service.store, childSchemas(parents, name), valueAtPath(section.value, keyPath));
    const facts = factsOf(own);
    if (own.length) parts.push(renderFieldDocs(name, facts));
  }
  const ref = referenceHover(service, analysis, section, hit.path, kind);
  if (ref) parts.push(ref);
  const caveats = caveatsFor(kind, keyPath);
  if (caveats.length) parts.push(renderCaveats(caveats));
  if (!parts.length) return null;
  if (docsUrl) parts.push(`[${title} YAML reference](${docsUrl})`);
  return { contents: { kind: 'markdown', value: parts.join('\n\n---\n\n') }, range };
}
