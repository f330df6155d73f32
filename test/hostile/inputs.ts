/** Hostile inputs, shared by the service-level and LSP-level tests. */

export const schema = (kind: string) => `$schema: https://azuremlschemas.azureedge.net/latest/${kind}.schema.json\n`;

/** Billion laughs: nine levels of nine aliases each (387,420,489 strings when expanded). */
export function aliasBomb(): string {
  let text = `${schema('workspace')}name: bomb\nlocation: eastus\ntags:\n  a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n`;
  const names = 'abcdefghi';
  for (let i = 1; i < names.length; i++)
    text += `  ${names[i]}: &${names[i]} [${Array(9)
      .fill('*' + names[i - 1])
      .join(', ')}]\n`;
  return text;
}

/** A workspace spec with `tags` of `size` characters in total. */
export function bigSpec(size: number): string {
  const parts = [`${schema('workspace')}name: big\nlocation: eastus\ntags:\n`];
  let length = parts[0].length;
  for (let i = 0; length < size; i++) {
    const line = `  key_${i}: value number ${i} of a very large file\n`;
    parts.push(line);
    length += line.length;
  }
  return parts.join('');
}

/** 10,000 levels of nesting in each YAML style. */
export const deep = {
  flowSequence: () => `${schema('workspace')}tags: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`,
  flowMapping: () => `${schema('workspace')}tags: ${'{a: '.repeat(10_000)}1${'}'.repeat(10_000)}\n`,
  blockSequence: () => `${schema('workspace')}tags:\n  ${'- '.repeat(10_000)}x\n`,
  /** Block mappings indented one space per level (10,000 levels would be 50 MB: 2,500 keep it under the size limit). */
  blockMapping: () => {
    let text = `${schema('workspace')}tags:\n`;
    for (let d = 1; d <= 2_500; d++) text += `${' '.repeat(d)}a:\n`;
    return text;
  },
};

export const typoWorkspace = `${schema('workspace')}name: ws\nlocation: eastus\npublic_network_acess: Disabled\n`;

/** 1,000 compute specs in one file. */
export function thousandDocuments(): string {
  let text = '';
  for (let i = 0; i < 1_000; i++) text += `---\n${schema('amlCompute')}name: c${i}\ntype: amlcompute\n`;
  return text;
}
