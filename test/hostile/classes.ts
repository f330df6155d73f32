/**
 * The hostile inputs of issue 15, one generator per class, at the sizes the
 * adversarial pass used. Shared by the tests (test/hostile/, test/fuzz/) and
 * by `bench/hostile.mjs`, which measures each over LSP (time to diagnostics,
 * and how long requests on another file wait meanwhile).
 */

export const schemaLine = (kind: string) => `$schema: https://azuremlschemas.azureedge.net/latest/${kind}.schema.json\n`;
const workspaceHead = `${schemaLine('workspace')}name: ws\nlocation: eastus\n`;

export interface HostileCase {
  name: string;
  /** What the case stresses, for reports. */
  what: string;
  /** A file name for the document (some cases need a particular one). */
  file: string;
  text: () => string;
  /** Requests to send on the hostile document itself once it is open (position in the text). */
  probes?: Array<{ method: 'textDocument/completion' | 'textDocument/hover'; at: (text: string) => { line: number; character: number } }>;
  /** Repository configuration to write beside it (fileKinds globs). */
  config?: Record<string, unknown>;
}

const endOf = (text: string, needle: string) => {
  const at = text.indexOf(needle) + needle.length;
  const before = text.slice(0, at);
  const line = before.split('\n').length - 1;
  return { line, character: at - (before.lastIndexOf('\n') + 1) };
};

/** `count` aliases of one anchored empty list, in one flow sequence (the alias counter multiplies by zero). */
export function emptyCollectionAliases(count = 66_000): string {
  return `${workspaceHead}tags:\n  a: &a []\n  b: [${Array(count).fill('*a').join(',')}]\n`;
}

/** `anchors` anchored scalars, each aliased `each` times (every anchor under a per-anchor limit). */
export function manyAnchorsAliased(anchors = 1_250, each = 150): string {
  const lines = [`${workspaceHead}tags:`];
  for (let i = 0; i < anchors; i++) lines.push(`  k${i}: &a${i} v`);
  lines.push('list:');
  for (let i = 0; i < anchors; i++) lines.push(`  - [${Array(each).fill(`*a${i}`).join(', ')}]`);
  return lines.join('\n') + '\n';
}

/** `count` keys in one mapping that the schema does not know. */
export function unknownKeys(count = 10_000): string {
  const lines = [workspaceHead.trimEnd()];
  for (let i = 0; i < count; i++) lines.push(`unknown_key_${i}: ${i}`);
  return lines.join('\n') + '\n';
}

/** One key repeated `count` times. */
export function duplicateKeys(count = 20_000): string {
  const lines = [workspaceHead.trimEnd()];
  for (let i = 0; i < count; i++) lines.push(`description: d${i}`);
  return lines.join('\n') + '\n';
}

/** Flow collections nested `depth` deep (under the depth limit), repeated to about `size` characters. */
export function nestedFlow(depth = 190, size = 195_000): string {
  const parts = [`${workspaceHead}tags:\n`];
  let length = parts[0].length;
  for (let i = 0; length < size; i++) {
    const line = `  k${i}: ${'[{a: '.repeat(depth / 2)}1${'}]'.repeat(depth / 2)}\n`;
    parts.push(line);
    length += line.length;
  }
  return parts.join('');
}

/** A key line of `length` characters (completion and line regexes run over it). */
export function longKeyLine(length = 150_000): string {
  return `${workspaceHead}description: x\n${'k'.repeat(length)} ${' '.repeat(length)}x\n`;
}

/** A plain scalar of `length` characters with runs of spaces, and a block scalar. */
export function longScalars(length = 150_000): string {
  const chunk = 'word' + ' '.repeat(40);
  const plain = chunk.repeat(Math.ceil(length / chunk.length / 2)).slice(0, length / 2);
  return `${workspaceHead}description: ${plain}x\ntags:\n  notes: |\n    ${'a: '.repeat(length / 6)}\n`;
}

/** A document that does not parse into a mapping, with long runs of blank lines (the `$schema:` line regex). */
export function schemaLineScan(lines = 150_000): string {
  return `- item\n${'\n'.repeat(lines)}${' '.repeat(lines / 4)}\n$schema https://azuremlschemas.azureedge.net/latest/workspace.schema.json\n`;
}

/** A backtracking glob from `.aml-yaml.json` meeting a long file name. */
export const BACKTRACKING_GLOB = '**/*a*a*a*a*a*a*a*a*b.yml';
export const longFileName = (length = 200) => `${'a'.repeat(length)}.yml`;

/** 4 MB of unknown keys (the worker's heaviest case before limits). */
export function hugeUnknownKeys(size = 3_900_000): string {
  const lines = [workspaceHead.trimEnd()];
  let length = lines[0].length;
  for (let i = 0; length < size; i++) {
    const line = `unknown_key_number_${i}: value ${i}`;
    lines.push(line);
    length += line.length + 1;
  }
  return lines.join('\n') + '\n';
}

export const HOSTILE_CASES: HostileCase[] = [
  {
    name: 'aliases-of-empty-list',
    what: '66,000 aliases of `&a []` (198 KB)',
    file: 'aliases-empty.yml',
    text: () => emptyCollectionAliases(),
  },
  {
    name: 'scalar-anchors-aliased',
    what: '1,250 scalar anchors aliased 150 times each',
    file: 'aliases-scalars.yml',
    text: () => manyAnchorsAliased(),
  },
  { name: 'unknown-keys', what: '10,000 unknown keys in one mapping', file: 'unknown-keys.yml', text: () => unknownKeys() },
  { name: 'duplicate-keys', what: '20,000 duplicate keys', file: 'duplicate-keys.yml', text: () => duplicateKeys() },
  { name: 'nested-flow', what: 'flow collections 190 deep, 195 KB', file: 'nested-flow.yml', text: () => nestedFlow() },
  {
    name: 'long-key-line',
    what: 'a 300,000-character key line, completion on it',
    file: 'long-line.yml',
    text: () => longKeyLine(),
    probes: [{ method: 'textDocument/completion', at: (t) => endOf(t, 'kkkk') }],
  },
  {
    name: 'long-scalars',
    what: 'long plain and block scalars, completion inside',
    file: 'long-scalars.yml',
    text: () => longScalars(),
    probes: [
      { method: 'textDocument/completion', at: (t) => endOf(t, 'description: word ') },
      { method: 'textDocument/completion', at: (t) => endOf(t, 'a: a: a: ') },
    ],
  },
  {
    name: 'schema-line-scan',
    what: 'a non-mapping document with 150,000 blank lines before `$schema`',
    file: 'schema-scan.yml',
    text: () => schemaLineScan(),
  },
  {
    name: 'backtracking-glob',
    what: '`fileKinds` glob `**/*a*a*a*a*a*a*a*a*b.yml` and a 200-character file name',
    file: longFileName(),
    text: () => 'name: x\ndescription: a spec only a fileKinds glob can identify\n',
    config: { fileKinds: { [BACKTRACKING_GLOB]: 'amlCompute' } },
  },
];
