import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { resolveTargets } from '../../server/src/features/references';
import { runCli } from '../cli/helpers';
import { openFixture } from './harness';
import { expectedFindings, findings, LAYOUTS, layoutFiles, layoutRoot } from './layouts';

/**
 * The five cross-file rules over repositories laid out as real ones are: each
 * fires where its workspace is known and stays silent where nothing chooses
 * one. The language service (over the workspace index, as in the editor) and
 * the CLI give the same findings; test/lsp/layouts.test.ts checks the LSP
 * server on the same table.
 */
describe('repository layouts: cross-file rules and workspace association', () => {
  for (const [name, layout] of Object.entries(LAYOUTS)) {
    test(`${name} (language service over the index): ${layout.about}`, async () => {
      const fx = await openFixture(`layouts/${name}`);
      const got = findings(layoutFiles(name).map((rel) => [rel, fx.service.diagnostics(fx.source(rel))]));
      // Configuration files are checked by the server and the CLI (no document to analyse).
      const want = Object.fromEntries(Object.entries(expectedFindings(name)).filter(([f]) => f.endsWith('.yml')));
      assert.deepEqual(got, want);
    });

    test(`${name} (aml-yaml check --format json): the same findings`, async () => {
      const r = await runCli(['check', '--format', 'json'], { cwd: layoutRoot(name) });
      assert.ok(r.status === 0 || r.status === 1, r.stderr);
      const report = JSON.parse(r.stdout) as { files: Array<{ path: string; diagnostics: any[] }> };
      assert.deepEqual(findings(report.files.map((f) => [f.path, f.diagnostics])), expectedFindings(name));
      // Every file is an Azure ML spec the CLI accepts: the findings above are the only problems worth a warning.
      const specs = report.files.filter((f) => f.path.endsWith('.yml'));
      assert.deepEqual(specs.map((f) => f.path).sort(), layoutFiles(name));
      assert.deepEqual(
        specs.flatMap((f) => f.diagnostics.filter((d) => d.severity === 1).map((d) => `${f.path}: ${d.message}`)),
        [],
      );
    });
  }

  test('--verbose says which workspace each file belongs to and why, or why none', async () => {
    const r = await runCli(['check', '--verbose', '--format', 'json'], { cwd: layoutRoot('comment') });
    const line = (file: string) => {
      const lines = r.stderr.split('\n');
      const i = lines.findIndex((l) => l.includes(`checked  ${file}:`));
      assert.ok(i >= 0, r.stderr);
      return lines[i + 1];
    };
    assert.match(
      line('compute/far.yml'),
      /workspace: workspaces\/secure\.yml \(comment\): \.\.\/workspaces\/secure\.yml is named by the "# aml-yaml-workspace" comment on line 1\./,
    );
    assert.match(
      line('endpoints/no-comment.yml'),
      /workspace: none \(ambiguous\): 2 workspace specs under \.\.\/ \(\.\.\/workspaces\/open\.yml, \.\.\/workspaces\/secure\.yml\) and nothing chooses between them/,
    );
    assert.match(
      line('endpoints/wrong-comment.yml'),
      /workspace: none \(invalid\): The "# aml-yaml-workspace" comment on line 1 names \.\.\/compute\/far\.yml, which is a compute cluster spec, not a workspace spec; no workspace applies\./,
    );
    const infra = await runCli(['check', '--verbose', '--format', 'json'], { cwd: layoutRoot('sibling-infra') });
    assert.match(
      infra.stderr,
      /checked {2}jobs\/train\.yml: commandJob[^\n]*\n {11}workspace: infra\/workspace\.yml \(tree\): \.\.\/infra\/workspace\.yml is the only workspace spec under \.\.\/, the nearest folder above this file that holds one\./,
    );
    const devProd = await runCli(['check', '--verbose', '--format', 'json'], { cwd: layoutRoot('dev-prod') });
    assert.match(
      devProd.stderr,
      /checked {2}prod\/jobs\/train\.yml: commandJob[^\n]*\n {11}workspace: infra\/prod\/workspace\.yml \(config\): \.\.\/\.\.\/infra\/prod\/workspace\.yml is named by "workspace" in \.\.\/\.aml-yaml\.json\./,
    );
    assert.match(
      devProd.stderr,
      /checked {2}staging\/jobs\/train\.yml: commandJob[^\n]*\n {11}workspace: none \(invalid\): "workspace" in \.\.\/\.aml-yaml\.json names \.\.\/infra\/staging\/workspace\.yml, which does not exist; no workspace applies\./,
    );
  });

  test('the CLI reads a workspace spec named explicitly outside the checked folder (as context, not reported)', async () => {
    const r = await runCli(['check', 'prod', '--format', 'json'], { cwd: layoutRoot('dev-prod') });
    const report = JSON.parse(r.stdout) as { files: Array<{ path: string; diagnostics: any[] }> };
    assert.ok(!report.files.some((f) => f.path.startsWith('infra/')), 'the workspace spec read as context is not reported on');
    const got = findings(report.files.map((f) => [f.path, f.diagnostics]));
    assert.deepEqual(Object.keys(got), [
      'prod/compute/cluster.yml',
      'prod/endpoints/batch-deployment.yml',
      'prod/endpoints/endpoint.yml',
      'prod/jobs/train.yml',
    ]);
  });

  test('without a workspace, the compute a job names is still resolved in the repository (definition, no unresolved-reference)', async () => {
    const fx = await openFixture('layouts/examples');
    const job = 'cli/jobs/single-step/user-identity/job.yml';
    assert.equal(fx.index.workspaceFor(fx.uri(job)), undefined, 'the job has no workspace (many example workspace specs)');
    const targets = resolveTargets(fx.index, fx.uri(job), 'commandJob', { category: 'compute', name: 'cpu-cluster' });
    assert.deepEqual(
      targets.map((s) => s.uri),
      [fx.uri('cli/resources/compute/cluster-minimal.yml')],
    );
    const hints = fx.service.diagnostics(fx.source(job)).filter((d) => d.code === 'unresolved-reference');
    assert.deepEqual(
      hints.map((d) => d.range.start.line + 1),
      [],
      'the compute resolves; the curated environment is not a repository reference',
    );
  });

  test('association explanations through the index (hover of the status bar kind)', async () => {
    const fx = await openFixture('layouts/monorepo');
    const a = (rel: string) => fx.index.association(fx.uri(rel));
    assert.equal(a('projects/vision/jobs/train.yml').workspace?.name, 'mlw-vision');
    assert.equal(a('projects/vision/jobs/train.yml').how, 'tree');
    assert.equal(a('projects/nlp/jobs/train.yml').how, 'folder');
    assert.equal(
      a('projects/nlp/jobs/train.yml').reason,
      '../workspace.yml is the workspace spec in ../, the nearest folder above this file with one.',
    );
    assert.equal(a('projects/nlp/workspace.yml').reason, "workspace.yml is the workspace spec in this file's folder.");
    const shared = a('shared/endpoints/endpoint.yml');
    assert.equal(shared.how, 'ambiguous');
    assert.deepEqual(shared.candidates?.map((s) => s.name).sort(), ['mlw-nlp', 'mlw-vision']);
    assert.match(
      shared.reason,
      /^2 workspace specs under \.\.\/\.\.\/ \(\.\.\/\.\.\/projects\/nlp\/workspace\.yml, \.\.\/\.\.\/projects\/vision\/infra\/workspace\.yml\) and nothing chooses between them: add "# aml-yaml-workspace: <path>" to this file, or "workspace": "<path>" to an \.aml-yaml\.json above it\.$/,
    );
    assert.equal(fx.index.workspaceFor(fx.uri('shared/endpoints/endpoint.yml')), undefined);
  });
});
