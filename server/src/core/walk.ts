import { isMap, isPair, isSeq, type Node as YamlNode, type YAMLMap, type YAMLSeq } from 'yaml';

/** What a visitor returns: nothing to go on, 'skip' to leave out the node's children, 'stop' to end the walk. */
export type WalkControl = void | 'skip' | 'stop';

/**
 * The one walk over a parsed YAML tree: every node under root (mappings,
 * sequences, scalars, aliases; the key and the value of each pair) in
 * document order, with its depth (the number of collections around it).
 * Iterative, so that 10,000-deep input cannot overflow the stack. Returns
 * whether a visitor stopped it.
 */
export function walkYaml(root: unknown, visit: (node: YamlNode, depth: number) => WalkControl): boolean {
  const stack: Array<[unknown, number]> = [[root, 0]];
  while (stack.length) {
    const [n, depth] = stack.pop()!;
    if (!n || typeof n !== 'object') continue;
    const control = visit(n as YamlNode, depth);
    if (control === 'stop') return true;
    if (control === 'skip' || !(isMap(n) || isSeq(n))) continue;
    const items = (n as YAMLMap | YAMLSeq).items as unknown[];
    for (let i = items.length - 1; i >= 0; i--) {
      const item = items[i];
      if (isPair(item)) stack.push([item.value, depth + 1], [item.key, depth + 1]);
      else stack.push([item, depth + 1]);
    }
  }
  return false;
}

/** Applies f to every offset of every node's range under root (after an edit moved the text). */
export function shiftRanges(root: unknown, f: (offset: number) => number): void {
  walkYaml(root, (n) => {
    const r = (n as { range?: number[] | null }).range;
    if (Array.isArray(r)) for (let i = 0; i < r.length; i++) r[i] = f(r[i]);
  });
}
