import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { openFixture } from './harness';

/**
 * Editing a related spec in memory (an open, unsaved document) changes the
 * diagnostics of the specs that depend on it, without touching those files.
 */
describe('updates: dependents follow in-memory edits of related specs', () => {
  const WS = 'private/workspace.yml';
  const FAR = 'private/compute/far-cluster.yml';
  const codes = (fx: Awaited<ReturnType<typeof openFixture>>, rel: string) => fx.service.diagnostics(fx.source(rel)).map((d) => d.code);

  test('making the workspace public removes compute-region-mismatch from a compute; making it private again brings it back', async () => {
    const fx = await openFixture('rules');
    const original = fx.text(WS);
    assert.ok(codes(fx, FAR).includes('compute-region-mismatch'));
    const deps = fx.edit(WS, original.replace('public_network_access: Disabled', 'public_network_access: Enabled'), [
      fx.uri(FAR),
      fx.uri('private/compute/cpu-cluster.yml'),
      fx.uri('orphan/far-cluster.yml'),
    ]);
    assert.deepEqual(deps, [fx.uri(FAR), fx.uri('private/compute/cpu-cluster.yml')], 'only files under the workspace folder depend on it');
    assert.ok(!codes(fx, FAR).includes('compute-region-mismatch'));
    fx.edit(WS, original, [fx.uri(FAR)]);
    assert.ok(codes(fx, FAR).includes('compute-region-mismatch'));
  });

  test('removing customer_managed_key from the workspace clears batch-deployment-cmk-workspace', async () => {
    const fx = await openFixture('rules');
    const dep = 'private/endpoints/batch-deployment.yml';
    assert.ok(codes(fx, dep).includes('batch-deployment-cmk-workspace'));
    const ws = fx.text(WS);
    fx.edit(WS, ws.slice(0, ws.indexOf('customer_managed_key:')), [fx.uri(dep)]);
    assert.ok(!codes(fx, dep).includes('batch-deployment-cmk-workspace'));
  });

  test('a second workspace spec in the same folder makes the workspace ambiguous: the rules go silent', async () => {
    const fx = await openFixture('rules');
    assert.ok(codes(fx, FAR).includes('compute-region-mismatch'));
    const deps = fx.edit('private/workspace-copy.yml', fx.text(WS).replace('mlw-private', 'mlw-private-2'), [fx.uri(FAR)]);
    assert.deepEqual(deps, [fx.uri(FAR)]);
    assert.equal(fx.index.workspaceFor(fx.uri(FAR)), undefined);
    assert.ok(!codes(fx, FAR).includes('compute-region-mismatch'));
  });

  test('moving a compute to the workspace region in memory updates the workspace spec (image-build-compute-unknown)', async () => {
    const fx = await openFixture('rules');
    const ws = fx.text(WS).replace('image_build_compute: cpu-cluster', 'image_build_compute: gpu-cluster');
    fx.edit(WS, ws);
    assert.ok(codes(fx, WS).includes('image-build-compute-unknown'));
    const deps = fx.edit('private/compute/far-cluster.yml', fx.text(FAR).replace('name: far-cluster', 'name: gpu-cluster'), [fx.uri(WS)]);
    assert.deepEqual(deps, [fx.uri(WS)], 'a workspace spec depends on the computes of its folder tree');
    assert.ok(!codes(fx, WS).includes('image-build-compute-unknown'));
  });

  test('a datastore losing its credentials clears job-user-identity-cached-credentials on the job', async () => {
    const fx = await openFixture('rules');
    const job = 'private/jobs/user-identity.yml';
    assert.equal(codes(fx, job).filter((c) => c === 'job-user-identity-cached-credentials').length, 2);
    const ds = fx.text('private/datastores/keyed.yml');
    const deps = fx.edit('private/datastores/keyed.yml', ds.slice(0, ds.indexOf('credentials:')), [
      fx.uri(job),
      fx.uri('private/jobs/pipeline.yml'),
      fx.uri('private/compute/cpu-cluster.yml'),
    ]);
    assert.deepEqual(deps, [fx.uri(job), fx.uri('private/jobs/pipeline.yml')], 'the jobs that name the datastore depend on it');
    assert.ok(!codes(fx, job).includes('job-user-identity-cached-credentials'));
  });

  test('an edit that changes nothing the index keeps republishes nothing', async () => {
    const fx = await openFixture('rules');
    const deps = fx.edit(WS, fx.text(WS) + '# a comment\n', [fx.uri(FAR)]);
    assert.deepEqual(deps, []);
  });
});
