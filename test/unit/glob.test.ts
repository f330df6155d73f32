import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { globMatches } from '../../server/src/core/detect';
import { Glob } from '../../server/src/core/glob';

describe('globs from configuration (core/glob.ts)', () => {
  const cases: Array<[string, string, boolean]> = [
    ['**/infra/*.yml', '/repo/infra/cluster.yml', true],
    ['**/infra/*.yml', '/repo/other/cluster.yml', false],
    ['infra/*.yml', '/repo/infra/a.yml', true],
    ['infra/*.yml', '/repo/infra/sub/a.yml', false],
    ['*.ws.yml', '/a/b/x.ws.yml', true],
    ['*.ws.yml', '/a/b/x.ws.yml.bak', false],
    ['**/*.{yml,yaml}', '/a/b.yaml', true],
    ['**/*.{yml,yaml}', '/a/b.json', false],
    ['deploy/{blue,green}/*.yml', '/x/deploy/green/d.yml', true],
    ['deploy/[a-c]*.yml', '/x/deploy/b1.yml', true],
    ['deploy/[!a-c]*.yml', '/x/deploy/b1.yml', false],
    ['deploy/[!a-c]*.yml', '/x/deploy/z1.yml', true],
    ['**/deploy/**/*.yml', '/x/deploy/a/b/c.yml', true],
    ['**/deploy/**/*.yml', '/x/deploy/c.yml', true],
    ['/abs/*.yml', '/abs/a.yml', true],
    ['/abs/*.yml', '/x/abs/a.yml', false],
    ['a?c.yml', '/abc.yml', true],
    ['*.YML', '/a/B.yml', true],
    ['jobs/*.yml', 'file:///repo/my%20jobs/jobs/a.yml', true],
    ['a\\*b.yml', '/a*b.yml', true],
    ['a\\*b.yml', '/axb.yml', false],
  ];
  for (const [glob, p, expected] of cases) {
    test(`${glob} ${expected ? 'matches' : 'does not match'} ${p}`, () => assert.equal(globMatches(glob, p), expected));
  }

  test('patterns that backtrack exponentially in a regular expression are matched in bounded steps', () => {
    // 86 s in picomatch's regular expression before; here a table over pattern and name.
    const glob = '**/*a*a*a*a*a*a*a*a*b.yml';
    const name = `/repo/${'a'.repeat(5000)}.yml`;
    assert.equal(globMatches(glob, name), false);
    assert.equal(globMatches(glob, name.replace('.yml', 'b.yml')), true);
    // Brace expansion is bounded too.
    assert.equal(new Glob('{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}.yml').matches('abababab.yml'), false);
  });
});
