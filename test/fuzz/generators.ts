/**
 * Grammar-aware generators of hostile YAML, one per class of issue 15: each
 * builds a document from YAML's grammar (anchors and aliases, merge keys,
 * flow and block nesting, long scalars and keys, secrets written in odd
 * shapes, YAML 1.1 words, directives and tags) at random sizes and shapes
 * from a seeded PRNG, so that a failure is reproducible from its seed.
 */

export type Rnd = () => number;
const int = (rnd: Rnd, n: number) => Math.floor(rnd() * n);
const pick = <T>(rnd: Rnd, a: readonly T[]): T => a[int(rnd, a.length)];

export const SCHEMA = (kind: string) => `$schema: https://azuremlschemas.azureedge.net/latest/${kind}.schema.json`;
const KINDS = ['workspace', 'amlCompute', 'commandJob', 'pipelineJob', 'azureBlob', 'connection', 'managedOnlineDeployment'];

/** A marker secret: generators plant it; no output may repeat it (or twelve characters of it). */
export const PLANTED_SECRET = 'Pl4ntedS3cretValueNeverShown';

export interface Generated {
  generator: string;
  text: string;
  /** A `.aml-yaml.json` to use with it (globs). */
  config?: { fileKinds: Record<string, string> };
  /** The file name to give it. */
  file?: string;
}

type Generator = (rnd: Rnd, size: number) => Omit<Generated, 'generator'>;

const head = (rnd: Rnd) => `${SCHEMA(pick(rnd, KINDS))}\nname: fuzz\n`;
const word = (rnd: Rnd) => pick(rnd, ['a', 'b', 'name', 'type', 'compute', 'tags', 'k', 'x_y', 'on', 'yes', '<<', 'key', '0', '']);

/** Anchors and aliases: chains, fans, empty collections, merges, recursion, missing anchors, duplicates. */
const aliases: Generator = (rnd, size) => {
  const lines = [head(rnd).trimEnd(), 'defs:'];
  const anchors: string[] = [];
  while (lines.join('\n').length < size) {
    const k = rnd();
    const name = `a${int(rnd, 40)}`;
    if (k < 0.25 || !anchors.length) {
      const body = pick(rnd, [
        '[]',
        '{}',
        'x',
        `[${anchors
          .slice(-3)
          .map((a) => `*${a}`)
          .join(', ')}]`,
        '{k: v, j: [1, 2]}',
        `[${anchors.length ? `*${pick(rnd, anchors)}` : '1'}, ${anchors.length ? `*${pick(rnd, anchors)}` : '2'}]`,
      ]);
      lines.push(`  ${name}_${lines.length}: &${name} ${body}`);
      anchors.push(name);
    } else if (k < 0.55) {
      const n = 1 + int(rnd, 400);
      lines.push(`  u${lines.length}: [${Array.from({ length: n }, () => `*${pick(rnd, anchors)}`).join(',')}]`);
    } else if (k < 0.7)
      lines.push(
        `  m${lines.length}:\n    <<: ${
          rnd() < 0.5
            ? `*${pick(rnd, anchors)}`
            : `[${anchors
                .slice(-4)
                .map((a) => `*${a}`)
                .join(', ')}]`
        }\n    k: 1`,
      );
    else if (k < 0.8) lines.push(`  r${lines.length}: &${name} [*${name}]`);
    else if (k < 0.9) lines.push(`  missing${lines.length}: *nowhere${int(rnd, 5)}`);
    else lines.push(`  ${word(rnd)}${lines.length}: *${pick(rnd, anchors)}`);
  }
  return { text: lines.join('\n') + '\n' };
};

/** Large mappings: unknown keys, repeated keys, long keys. */
const bigMaps: Generator = (rnd, size) => {
  const lines = [head(rnd).trimEnd()];
  const repeat = rnd() < 0.5;
  for (let i = 0; lines.join('\n').length < size; i++) {
    const key =
      repeat && rnd() < 0.7
        ? pick(rnd, ['description', 'tags', 'name', 'display_name'])
        : rnd() < 0.02
          ? 'k'.repeat(1 + int(rnd, 5000))
          : `unknown_${i}`;
    lines.push(`${key}: ${pick(rnd, ['1', 'x', '{}', '[]', '"v"', 'yes'])}`);
  }
  return { text: lines.join('\n') + '\n' };
};

/** Flow and block collections nested close to the depth limit. */
const nesting: Generator = (rnd, size) => {
  const parts = [head(rnd), 'tags:\n'];
  let length = parts.join('').length;
  for (let i = 0; length < size; i++) {
    const depth = 150 + int(rnd, 55);
    const open = Array.from({ length: depth }, () => pick(rnd, ['[', '{a: ', '[{b: ']));
    const close = open.map((o) => (o === '[' ? ']' : o === '{a: ' ? '}' : '}]')).reverse();
    const line =
      rnd() < 0.8
        ? `  k${i}: ${open.join('')}1${close.join('')}\n`
        : `  k${i}:\n${Array.from({ length: 40 }, (_, d) => `${' '.repeat(4 + d)}- `).join('')}x\n`;
    parts.push(line);
    length += line.length;
  }
  return { text: parts.join('') };
};

/** Long lines and scalars built from characters regular expressions trip on. */
const longLines: Generator = (rnd, size) => {
  const unit = pick(rnd, [
    ' ',
    ': ',
    ':',
    '#',
    ' #',
    '${{',
    '}}',
    '{{',
    '<',
    '<x',
    '"',
    "'",
    '\\',
    '-',
    '- ',
    'a:b',
    '=',
    '&',
    '?',
    '-----BEGIN ',
    'password:',
    '%',
    '\t',
    '--api-key ',
  ]);
  const run = unit.repeat(Math.max(1, Math.floor(size / 2 / unit.length)));
  const shapes = [
    () => `${head(rnd)}description: ${run}x\n`,
    () => `${head(rnd)}${run.replace(/[\n:#]/g, 'k')}: 1\n`,
    () => `${head(rnd)}notes: |\n  ${run}\n`,
    () => `${head(rnd)}command: "${run}"\n`,
    () => `- item\n${'\n'.repeat(size / 4)}${run}\n$schema x\n`,
    () => `${head(rnd)}k: ${run}\n${run}\n`,
  ];
  return { text: pick(rnd, shapes)() };
};

/** The planted secret, written in every way a parser may read differently. */
const secrets: Generator = (rnd) => {
  const s = PLANTED_SECRET;
  const shapes = [
    `credentials:\n  account_key: ${s}`,
    `credentials:\n  account_key:${s}`,
    `credentials:\n  account_key: |-\n    ${s}`,
    `credentials:\n  account_key: !tag ${s}`,
    `{account_key: ${s}}: 1`,
    `tags:\n  "AccountKey=${s};": x`,
    `credentials:\n  account_key: "${s}\\x4`,
    `command: python x.py --password ${s}`,
    `command: export API_TOKEN=${s}`,
    `environment_variables:\n  MY_SECRET: ${s}`,
    `path: https://user:${s}@example.com/x`,
    `url: https://x.blob.core.windows.net/c?sv=1&sig=${s}`,
    `password: '${s}'`,
    `? password\n: ${s}`,
    `api_key: >\n  ${s}`,
  ];
  return { text: `${head(rnd)}${pick(rnd, shapes)}\n${rnd() < 0.5 ? 'extra: [unclosed\n' : ''}` };
};

/** YAML 1.1 words, directives and tags. */
const corners: Generator = (rnd) => {
  const lines = [];
  if (rnd() < 0.5) lines.push(pick(rnd, ['%YAML 1.1', '%YAML 1.2', '%TAG !e! tag:example.com,2000:', '%YAML 1.3']), '---');
  lines.push(head(rnd).trimEnd());
  for (let i = 0; i < 20; i++) {
    lines.push(
      `${pick(rnd, ['public_network_access', 'hbi_workspace', 'display_name', 'description', 'enable_node_public_ip', 'x'])}${i}: ${pick(rnd, ['on', 'off', 'yes', 'No', 'y', '!!str on', '!Ref x', '!e!foo 1', '!!binary aGk=', '!!set {a, b}', "'on'", '2024-01-01', '012', '1:30', '.inf'])}`,
    );
  }
  return { text: lines.join('\n') + '\n' };
};

/** A fileKinds glob with many stars and a long file name. */
const globs: Generator = (rnd) => {
  const stars = 4 + int(rnd, 12);
  const glob = `**/${Array.from({ length: stars }, () => `*${pick(rnd, ['a', 'b', '?', '[ab]', '{a,b}'])}`).join('')}*c.yml`;
  return {
    text: 'name: x\ndescription: only a glob can tell its kind\n',
    config: { fileKinds: { [glob]: 'amlCompute' } },
    file: `${'ab'[int(rnd, 2)].repeat(100 + int(rnd, 150))}.yml`,
  };
};

export const GENERATORS: Record<string, Generator> = { aliases, bigMaps, nesting, longLines, secrets, corners, globs };

export function generate(name: string, rnd: Rnd, size: number): Generated {
  return { generator: name, ...GENERATORS[name](rnd, size) };
}
