import fs from 'node:fs';
import path from 'node:path';
import { crossFileRuleTester, WORKSPACES } from '../workspace/harness';

const WS = 'private/workspace.yml';
const original = fs.readFileSync(path.join(WORKSPACES, 'rules', WS), 'utf8');
const TEAM_B = 'private/team-b/workspace.yml';
const teamB = fs.readFileSync(path.join(WORKSPACES, 'rules', TEAM_B), 'utf8');
const withCompute = (name: string) => original.replace('image_build_compute: cpu-cluster', `image_build_compute: ${name}`);

crossFileRuleTester('image-build-compute-unknown', {
  valid: [
    { name: 'names a compute cluster of the workspace', fixture: 'rules', file: WS },
    { name: 'the azureml: form of a known cluster', fixture: 'rules', file: WS, edits: { [WS]: withCompute('azureml:cpu-cluster') } },
    {
      name: 'no compute spec belongs to the workspace (the repository does not model its computes)',
      fixture: 'rules',
      file: 'bare/workspace.yml',
    },
    {
      name: 'two workspace specs in one folder: no way to tell which computes belong to which',
      fixture: 'rules',
      file: 'ambiguous/workspace-a.yml',
    },
    {
      name: 'the nearest workspace spec (team-b) owns its subtree and its cluster',
      fixture: 'rules',
      file: TEAM_B,
      edits: { [TEAM_B]: teamB + 'image_build_compute: team-b-cluster\n' },
    },
    { name: 'an expression is not judged', fixture: 'rules', file: WS, edits: { [WS]: withCompute('${{compute}}') } },
    { name: 'no image_build_compute', fixture: 'rules', file: 'private/team-b/workspace.yml' },
  ],
  invalid: [
    {
      name: 'a name no compute spec of the workspace has',
      fixture: 'rules',
      file: WS,
      edits: { [WS]: withCompute('gpu-cluster') },
      errors: [
        {
          at: 'image_build_compute: «gpu-cluster»',
          message: 'No compute spec named "gpu-cluster" belongs to this workspace (compute clusters: cpu-cluster, far-cluster)',
          severity: 'info',
        },
      ],
      fix: { title: 'Use the compute cluster "cpu-cluster"', output: withCompute('cpu-cluster') },
    },
    {
      name: 'a cluster of another workspace (team-b) does not count',
      fixture: 'rules',
      file: WS,
      edits: { [WS]: withCompute('team-b-cluster') },
      errors: [{ at: 'image_build_compute: «team-b-cluster»', message: 'No compute spec named "team-b-cluster"', severity: 'info' }],
    },
    {
      name: "team-b cannot use the root workspace's cluster",
      fixture: 'rules',
      file: TEAM_B,
      edits: { [TEAM_B]: teamB + 'image_build_compute: cpu-cluster\n' },
      errors: [
        {
          at: 'image_build_compute: «cpu-cluster»',
          message: 'No compute spec named "cpu-cluster" belongs to this workspace (compute clusters: team-b-cluster)',
        },
      ],
      fix: { title: 'Use the compute cluster "team-b-cluster"', output: teamB + 'image_build_compute: team-b-cluster\n' },
    },
    {
      name: 'a compute instance, not a cluster',
      fixture: 'rules',
      file: WS,
      edits: { [WS]: withCompute('my-ci') },
      errors: [
        {
          at: 'image_build_compute: «my-ci»',
          message: '"my-ci" is a compute instance (compute/my-ci.yml), not a compute cluster',
          severity: 'warning',
        },
      ],
      fix: { title: 'Use the compute cluster "far-cluster"', output: withCompute('far-cluster') },
    },
  ],
});
