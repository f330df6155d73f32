import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { CAVEATS } from '../../server/src/rules/caveats';
import { RULES } from '../../server/src/rules/registry';
import { ROOT } from '../helpers';

/**
 * Every quote shown to users (rule quotes, hover caveats, `> ` lines of the
 * rule pages) is an exact substring of the source article it links, up to
 * whitespace; and every catalogue rule has its page.
 */

const SEEDS = path.join(ROOT, 'test', 'fixtures', 'seeds');
const DOCS = path.join(ROOT, 'docs', 'rules');

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

/** Seed text by canonical article URL, from the table of seeds/README.md. */
function loadSeeds(): Map<string, { file: string; text: string }> {
  const readme = fs.readFileSync(path.join(SEEDS, 'README.md'), 'utf8');
  const out = new Map<string, { file: string; text: string }>();
  for (const m of readme.matchAll(/^\|\s*(\S+\.txt)\s*\|[^|]*\|\s*(https:\/\/\S+?)\s*\|/gm)) {
    out.set(m[2], { file: m[1], text: squash(fs.readFileSync(path.join(SEEDS, m[1]), 'utf8')) });
  }
  return out;
}

const seeds = loadSeeds();

/** Where a quote is found: the seed files that contain it. */
function foundIn(quote: string): string[] {
  const q = squash(quote);
  return [...seeds].filter(([, s]) => s.text.includes(q)).map(([url]) => url);
}

function checkQuote(where: string, quote: string, url: string | undefined, problems: string[]): void {
  const urls = foundIn(quote);
  if (!urls.length) problems.push(`${where}: "${quote}" is not in any seed article`);
  else if (url && !urls.includes(url)) problems.push(`${where}: "${quote}" is quoted from ${urls.join(', ')} but links ${url}`);
}

/** The fixed rule ids of the catalogue (test/fixtures/catalogue-ids.txt). */
export function catalogueIds(): string[] {
  const text = fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'catalogue-ids.txt'), 'utf8');
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
}

describe('quotes', () => {
  test('the five seed articles are loaded', () => {
    assert.equal(seeds.size, 5);
  });

  test('every rule quote is an exact sentence of its article', () => {
    const problems: string[] = [];
    for (const rule of RULES) {
      for (const quote of rule.quotes ?? []) checkQuote(`rule ${rule.id}`, quote, rule.article?.url, problems);
      if (rule.quotes?.length && !rule.article) problems.push(`rule ${rule.id} has quotes but no article`);
    }
    assert.deepEqual(problems, []);
  });

  test('every hover caveat is an exact sentence of its article', () => {
    const problems: string[] = [];
    assert.ok(CAVEATS.length > 0);
    for (const entry of CAVEATS) {
      for (const c of entry.caveats)
        checkQuote(`caveat on ${entry.kinds.join('/')} ${entry.path.join('.')}`, c.quote, c.article.url, problems);
    }
    assert.deepEqual(problems, []);
  });

  test('every "> " line of docs/rules is an exact sentence of the article linked after it', () => {
    const problems: string[] = [];
    const files = fs.existsSync(DOCS) ? fs.readdirSync(DOCS).filter((f) => f.endsWith('.md')) : [];
    let count = 0;
    for (const file of files) {
      const lines = fs.readFileSync(path.join(DOCS, file), 'utf8').split(/\r?\n/);
      lines.forEach((line, i) => {
        if (!line.startsWith('> ')) return;
        count++;
        // The first link after the quote names its source.
        const next = lines.slice(i + 1).find((l) => /\]\(https:\/\//.test(l));
        const url = next ? /\]\((https:\/\/[^)\s]+)\)/.exec(next)?.[1] : undefined;
        if (!url || !seeds.has(url)) problems.push(`${file}:${i + 1}: the quote is not followed by a link to its article`);
        checkQuote(`${file}:${i + 1}`, line.slice(2), url, problems);
      });
    }
    assert.ok(count > 0, 'no quotes found in docs/rules');
    assert.deepEqual(problems, []);
  });
});

describe('rule pages', () => {
  test('the catalogue lists the rules', () => {
    assert.ok(catalogueIds().length >= 30, `only ${catalogueIds().length} catalogue ids`);
  });

  test('every catalogue rule has docs/rules/<id>.md', () => {
    const missing = catalogueIds().filter((id) => !fs.existsSync(path.join(DOCS, `${id}.md`)));
    assert.deepEqual(missing, []);
  });

  test('the index docs/rules/README.md links every catalogue rule', () => {
    const index = fs.readFileSync(path.join(DOCS, 'README.md'), 'utf8');
    const missing = catalogueIds().filter((id) => !index.includes(`](${id}.md)`));
    assert.deepEqual(missing, []);
  });
});
