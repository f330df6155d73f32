import { schemaLine } from '../helpers';
import { bindingTester } from './tester';

/** A pipeline job with a default compute; `body` holds inputs, outputs and jobs. */
const pipeline = (body: string) =>
  `${schemaLine('pipelineJob')}\ntype: pipeline\nsettings:\n  default_compute: azureml:cpu-cluster\n${body}`;
/** A command component; `body` holds inputs, outputs and command. */
const component = (body: string) =>
  `${schemaLine('commandComponent')}\nname: train\ntype: command\nenvironment: azureml:AzureML-sklearn-1.5@latest\n${body}`;
const commandJob = (body: string) =>
  `${schemaLine('commandJob')}\ncode: ./src\nenvironment: azureml:AzureML-sklearn-1.5@latest\ncompute: azureml:cpu-cluster\n${body}`;

/** Two inline command steps: prep writes clean, train reads it. */
const twoSteps = (prepInput: string, trainInput: string) =>
  pipeline(`inputs:
  raw:
    type: uri_folder
    path: azureml:iris:1
outputs:
  model:
jobs:
  prep:
    type: command
    command: python prep.py --in \${{inputs.raw}} --out \${{outputs.clean}}
    environment: azureml:AzureML-sklearn-1.5@latest
    inputs:
      raw: ${prepInput}
    outputs:
      clean:
  train:
    type: command
    command: python train.py --data \${{inputs.data}} --model \${{outputs.model}}
    environment: azureml:AzureML-sklearn-1.5@latest
    inputs:
      data: ${trainInput}
    outputs:
      model: \${{parent.outputs.model}}
`);

bindingTester('binding-unresolved', {
  valid: [
    {
      name: 'pipeline inputs, step outputs and pipeline outputs that exist',
      text: twoSteps('${{parent.inputs.raw}}', '${{parent.jobs.prep.outputs.clean}}'),
    },
    { name: 'spaces inside the braces', text: twoSteps('${{ parent.inputs.raw }}', '${{  parent.jobs.prep.outputs.clean  }}') },
    {
      name: 'service values in an output path',
      text: pipeline(
        `outputs:\n  model:\n    type: uri_folder\n    path: azureml://datastores/\${{default_datastore}}/paths/\${{name}}/\${{output_name}}\njobs:\n  a:\n    type: command\n    command: echo\n    environment: azureml:env@latest\n    outputs:\n      out: \${{parent.outputs.model}}\n`,
      ),
    },
    {
      name: 'outputs of a step whose component is registered (not known offline)',
      text: pipeline(
        `jobs:\n  a:\n    type: command\n    component: azureml:train:1\n  b:\n    type: command\n    component: azureml:score:1\n    inputs:\n      model: \${{parent.jobs.a.outputs.anything}}\n`,
      ),
    },
    {
      name: 'a do_while body names a step',
      text: pipeline(
        `jobs:\n  body:\n    type: command\n    component: azureml:train:1\n  loop:\n    type: do_while\n    body: \${{parent.jobs.body}}\n    condition: done\n    limits:\n      max_iteration_count: 3\n`,
      ),
    },
    {
      name: 'a sweep job reads its search space',
      text: `${schemaLine('sweepJob')}\ntype: sweep\ntrial:\n  command: python t.py --lr \${{search_space.lr}}\n  environment: azureml:env@latest\nsearch_space:\n  lr:\n    type: uniform\n    min_value: 0.01\n    max_value: 0.1\nsampling_algorithm: random\nobjective:\n  goal: maximize\n  primary_metric: acc\nlimits:\n  max_total_trials: 2\n`,
    },
  ],
  invalid: [
    {
      name: 'a pipeline input that does not exist, with did-you-mean',
      text: twoSteps('${{parent.inputs.«raww»}}', '${{parent.jobs.prep.outputs.clean}}'),
      messages: ['The pipeline has no input "raww"; did you mean "raw"?'],
      fix: { title: 'Change to "raw"', output: twoSteps('${{parent.inputs.raw}}', '${{parent.jobs.prep.outputs.clean}}') },
    },
    {
      name: 'a step that does not exist',
      text: twoSteps('${{parent.inputs.raw}}', '${{parent.jobs.«perp».outputs.clean}}'),
      messages: ['The pipeline has no step named "perp"; did you mean "prep"?'],
      fix: { title: 'Change to "prep"', output: twoSteps('${{parent.inputs.raw}}', '${{parent.jobs.prep.outputs.clean}}') },
    },
    {
      name: 'an output a step does not have',
      text: twoSteps('${{parent.inputs.raw}}', '${{parent.jobs.prep.outputs.«cleaned»}}'),
      messages: ['Step "prep" has no output "cleaned"; did you mean "clean"?'],
    },
    {
      name: 'a misspelt member of parent and of a step',
      text: twoSteps('${{parent.«input».raw}}', '${{parent.jobs.prep.«output».clean}}'),
      messages: [
        '"input" is not a member of parent ("inputs", "outputs", "jobs"); did you mean "inputs"?',
        '"output" is not a member of step "prep" ("outputs", "inputs"); did you mean "outputs"?',
      ],
    },
    {
      name: 'a search space parameter that does not exist',
      text: `${schemaLine('sweepJob')}\ntype: sweep\ntrial:\n  command: python t.py --lr \${{search_space.«learning_rte»}}\n  environment: azureml:env@latest\nsearch_space:\n  learning_rate:\n    type: uniform\n    min_value: 0.01\n    max_value: 0.1\nsampling_algorithm: random\nobjective:\n  goal: maximize\n  primary_metric: acc\nlimits:\n  max_total_trials: 2\n`,
      messages: ['search_space has no parameter "learning_rte"; did you mean "learning_rate"?'],
    },
    {
      name: "a parallel step's input_data names an input the step does not have",
      text: pipeline(
        `jobs:\n  score:\n    type: parallel\n    inputs:\n      job_data: \${{parent.inputs.raw}}\n    input_data: \${{inputs.«job_dat»}}\n    task:\n      type: run_function\n      code: ./src\n      entry_script: score.py\n      environment: azureml:env@latest\ninputs:\n  raw:\n    type: uri_folder\n    path: azureml:iris:1\n`,
      ),
      messages: ['Step "score" has no input "job_dat"; did you mean "job_data"?'],
    },
  ],
});

bindingTester('command-binding-undeclared', {
  valid: [
    {
      name: 'every input and output a component command uses is declared',
      text: component(
        `inputs:\n  data:\n    type: uri_folder\noutputs:\n  model:\n    type: uri_folder\ncommand: python t.py --data \${{inputs.data}} --model \${{ outputs.model }}\n`,
      ),
    },
    {
      name: "a job's command drops an input it does not have inside $[[ ]]",
      text: commandJob(`inputs:\n  lr: 0.1\ncommand: python t.py --lr \${{inputs.lr}} $[[--resume \${{inputs.resume}}]]\n`),
    },
    {
      name: 'a sweep trial reads its job inputs',
      text: `${schemaLine('sweepJob')}\ntype: sweep\ntrial:\n  command: python t.py --a \${{inputs.A}} --b \${{search_space.B}}\n  environment: azureml:env@latest\ninputs:\n  A: 1\nsearch_space:\n  B:\n    type: choice\n    values: [1, 2]\nsampling_algorithm: random\nobjective:\n  goal: maximize\n  primary_metric: acc\nlimits:\n  max_total_trials: 2\n`,
    },
  ],
  invalid: [
    {
      name: 'a component command uses an input it does not declare',
      text: component(
        `inputs:\n  data:\n    type: uri_folder\ncommand: python t.py --data \${{inputs.data}} --lr \${{inputs.«learning_rate»}}\n`,
      ),
      messages: ['The command uses input "learning_rate", which the component does not declare under inputs.'],
    },
    {
      name: 'inside $[[ ]] too (the SDK validates every binding of a component command)',
      text: component(
        `inputs:\n  data:\n    type: uri_folder\ncommand: python t.py --data \${{inputs.data}} $[[--x \${{inputs.«extra»}}]]\n`,
      ),
    },
    {
      name: 'a misspelt output of a component, in a folded block',
      text: component(
        `outputs:\n  model_output:\n    type: uri_folder\ncommand: >-\n  python t.py\n  --model \${{outputs.«model_ouput»}}\n`,
      ),
      messages: ['which the component does not declare under outputs; did you mean "model_output"?'],
      fix: {
        title: 'Change to "model_output"',
        output: component(
          `outputs:\n  model_output:\n    type: uri_folder\ncommand: >-\n  python t.py\n  --model \${{outputs.model_output}}\n`,
        ),
      },
    },
    {
      name: "a command job's input",
      text: commandJob(`inputs:\n  lr: 0.1\ncommand: python t.py --lr \${{inputs.«lrr»}}\n`),
      messages: ['which the job does not declare under inputs; did you mean "lr"?'],
    },
    {
      name: 'a sweep trial names a search space parameter as an input (the CLI rejects it)',
      text: `${schemaLine('sweepJob')}\ntype: sweep\ntrial:\n  command: python t.py --b \${{inputs.«B»}}\n  environment: azureml:env@latest\nsearch_space:\n  B:\n    type: choice\n    values: [1, 2]\nsampling_algorithm: random\nobjective:\n  goal: maximize\n  primary_metric: acc\nlimits:\n  max_total_trials: 2\n`,
    },
    {
      name: 'an inline command step names an input it does not list',
      text: pipeline(
        `jobs:\n  a:\n    type: command\n    command: echo \${{inputs.x}} \${{inputs.«y»}}\n    environment: azureml:env@latest\n    inputs:\n      x: 1\n`,
      ),
      messages: ['which step "a" does not declare under inputs'],
    },
    {
      name: 'an inline component of a step',
      text: pipeline(
        `jobs:\n  a:\n    type: command\n    component:\n      type: command\n      command: echo \${{inputs.«n»}}\n      environment: azureml:env@latest\n      inputs:\n        num:\n          type: integer\n    inputs:\n      num: 1\n`,
      ),
    },
  ],
});

const optional = (cmd: string) =>
  component(`inputs:\n  data:\n    type: uri_folder\n  resume:\n    type: boolean\n    optional: true\ncommand: ${cmd}\n`);

bindingTester('optional-input-unbracketed', {
  valid: [
    { name: 'inside $[[ ]]', text: optional('python t.py --data ${{inputs.data}} $[[--resume ${{inputs.resume}}]]') },
    { name: 'a required input outside', text: optional('python t.py --data ${{inputs.data}}') },
    {
      name: 'a command job has no optional inputs',
      text: commandJob(`inputs:\n  resume: true\ncommand: python t.py --resume \${{inputs.resume}}\n`),
    },
  ],
  invalid: [
    {
      name: 'after a flag',
      text: optional('python t.py --data ${{inputs.data}} --resume «${{inputs.resume}}»'),
      messages: ['Input "resume" is optional, so the command must wrap it in $[[ ]]'],
      fix: { title: 'Wrap in $[[ ]]', output: optional('python t.py --data ${{inputs.data}} $[[--resume ${{inputs.resume}}]]') },
    },
    {
      name: 'as --flag=value',
      text: optional('python t.py --resume=«${{inputs.resume}}» --data ${{inputs.data}}'),
      fix: { title: 'Wrap in $[[ ]]', output: optional('python t.py $[[--resume=${{inputs.resume}}]] --data ${{inputs.data}}') },
    },
    {
      name: 'the older [ ] form',
      text: optional('python t.py [--resume «${{inputs.resume}}»]'),
      messages: ['(the older [ ] form is no longer accepted)'],
      fix: { title: 'Wrap in $[[ ]]', output: optional('python t.py $[[--resume ${{inputs.resume}}]]') },
    },
  ],
});

bindingTester('pipeline-output-undeclared', {
  valid: [{ name: 'a declared pipeline output', text: twoSteps('${{parent.inputs.raw}}', '${{parent.jobs.prep.outputs.clean}}') }],
  invalid: [
    {
      name: 'a misspelt pipeline output',
      text: twoSteps('${{parent.inputs.raw}}', '${{parent.jobs.prep.outputs.clean}}').replace(
        'model: ${{parent.outputs.model}}',
        'model: ${{parent.outputs.«modle»}}',
      ),
      messages: [
        'The step output is bound to pipeline output "modle", which the pipeline does not declare under outputs; did you mean "model"?',
      ],
    },
    {
      name: 'a pipeline without outputs: the fix declares it',
      text: pipeline(
        `jobs:\n  a:\n    type: command\n    command: echo \${{outputs.out}}\n    environment: azureml:env@latest\n    outputs:\n      out: \${{parent.outputs.«final»}}\n`,
      ),
      fix: {
        title: 'Declare pipeline output "final"',
        output: pipeline(
          `jobs:\n  a:\n    type: command\n    command: echo \${{outputs.out}}\n    environment: azureml:env@latest\n    outputs:\n      out: \${{parent.outputs.final}}\noutputs:\n  final:\n`,
        ),
      },
    },
  ],
});

const stepNamed = (name: string, ref: string) =>
  pipeline(
    `jobs:\n  ${name}:\n    type: command\n    command: echo \${{outputs.out}}\n    environment: azureml:env@latest\n    outputs:\n      out:\n  after:\n    type: command\n    command: echo \${{inputs.x}}\n    environment: azureml:env@latest\n    inputs:\n      x: \${{parent.jobs.${ref}.outputs.out}}\n`,
  );

bindingTester('step-name-invalid', {
  valid: [
    { name: 'lower case with digits and underscores', text: stepNamed('prep_step2', 'prep_step2') },
    { name: 'a leading underscore', text: stepNamed('_prep', '_prep') },
  ],
  invalid: [
    {
      name: 'an upper-case letter (the schema allows it, the loader does not)',
      text: stepNamed('«Prep»', 'Prep'),
      messages: ['Step name "Prep" must be lower-case letters, digits and underscores'],
      fix: { title: 'Rename step to "prep"', output: stepNamed('prep', 'prep') },
    },
    {
      name: 'a hyphen',
      text: stepNamed('«prep-data»', 'prep-data'),
      fix: { title: 'Rename step to "prep_data"', output: stepNamed('prep_data', 'prep_data') },
    },
    {
      name: 'a leading digit',
      text: stepNamed('«1st»', '1st'),
      fix: { title: 'Rename step to "step_1st"', output: stepNamed('step_1st', 'step_1st') },
    },
  ],
});

const chain = (aIn: string, bIn: string) =>
  pipeline(
    `jobs:\n  a:\n    type: command\n    command: echo \${{inputs.x}} \${{outputs.out}}\n    environment: azureml:env@latest\n    inputs:\n      x: ${aIn}\n    outputs:\n      out:\n  b:\n    type: command\n    command: echo \${{inputs.x}} \${{outputs.out}}\n    environment: azureml:env@latest\n    inputs:\n      x: ${bIn}\n    outputs:\n      out:\n`,
  );

bindingTester('step-cycle', {
  valid: [{ name: 'b after a', text: chain('1', '${{parent.jobs.a.outputs.out}}') }],
  invalid: [
    {
      name: 'a and b wait for each other',
      text: chain('${{parent.jobs.«b».outputs.out}}', '${{parent.jobs.«a».outputs.out}}'),
      messages: ['Steps a → b → a bind to each other in a cycle', 'Steps b → a → b bind to each other in a cycle'],
    },
    {
      name: 'a step reads its own output',
      text: chain('${{parent.jobs.«a».outputs.out}}', '1'),
      messages: ['Step "a" binds to its own outputs'],
    },
  ],
});

/** A step running an inline component with a required, an optional and a defaulted input. */
const inlineStep = (stepInputs: string, markStep = false) =>
  pipeline(`inputs:
  req: 4
jobs:
  ${markStep ? '«s»' : 's'}:
    type: command
    component:
      type: command
      command: echo \${{inputs.req}} $[[\${{inputs.opt}}]] \${{inputs.level}} \${{inputs.mode}} \${{outputs.out}}
      environment: azureml:env@latest
      inputs:
        req:
          type: integer
          min: 1
          max: 10
        opt:
          type: integer
          optional: true
        level:
          type: number
          default: 0.5
        mode:
          type: string
          enum: [fast, slow]
          default: fast
      outputs:
        out:
          type: uri_folder
${stepInputs}`);

bindingTester('step-required-input-missing', {
  valid: [
    { name: 'given', text: inlineStep('    inputs:\n      req: 3\n') },
    { name: 'bound', text: inlineStep('    inputs:\n      req: ${{parent.inputs.req}}\n') },
    {
      name: 'a registered component is not known offline',
      text: pipeline('jobs:\n  s:\n    type: command\n    component: azureml:train:1\n'),
    },
  ],
  invalid: [
    {
      name: 'a required input not given (the fix binds the pipeline input of that name)',
      text: inlineStep('    inputs:\n      opt: 3\n', true),
      messages: ['Step "s" does not give required input "req" (integer) of its inline component'],
      fix: {
        title: 'Bind input "req" to the pipeline input "req"',
        output: inlineStep('    inputs:\n      opt: 3\n      req: ${{parent.inputs.req}}\n'),
      },
    },
    {
      name: 'given an empty value',
      text: inlineStep('    inputs:\n      req:\n', true),
      fix: { title: 'Bind input', output: inlineStep('    inputs:\n      req: ${{parent.inputs.req}}\n') },
    },
  ],
});

bindingTester('step-unknown-io', {
  valid: [
    {
      name: 'known names',
      text: inlineStep('    inputs:\n      req: 3\n      mode: slow\n    outputs:\n      out:\n        mode: upload\n'),
    },
  ],
  invalid: [
    {
      name: 'a misspelt input and an unknown output',
      text: inlineStep('    inputs:\n      req: 3\n      «levl»: 0.1\n    outputs:\n      «result»:\n'),
      messages: [
        'The inline component has no input "levl"; did you mean "level"?',
        'The inline component has no output "result" (outputs: "out").',
      ],
      fix: { title: 'Change to "level"', output: inlineStep('    inputs:\n      req: 3\n      level: 0.1\n    outputs:\n      result:\n') },
    },
  ],
});

bindingTester('step-input-value-invalid', {
  valid: [{ name: 'fitting literals', text: inlineStep('    inputs:\n      req: 3\n      level: 2\n      mode: slow\n      opt: "7"\n') }],
  invalid: [
    {
      name: 'wrong types, a value outside the enum and out of range',
      text: inlineStep('    inputs:\n      req: «12»\n      level: «high»\n      mode: «medium»\n      opt: «1.5»\n'),
      messages: [
        'Input "req" must be at most 10, not 12.',
        'Input "level" is a number, not "high".',
        'Input "mode" must be one of "fast", "slow", not "medium".',
        'Input "opt" is an integer, not 1.5.',
      ],
    },
  ],
});

bindingTester('step-io-mismatch', {
  valid: [{ name: 'data type given to a data input is accepted', text: inlineStep('    inputs:\n      req: 3\n') }],
  invalid: [
    {
      name: 'a folder for an integer input, and a mode on a literal input',
      text: inlineStep(
        '    inputs:\n      «req»:\n        type: uri_folder\n        path: azureml:iris:1\n      «level»:\n        type: number\n        mode: ro_mount\n',
      ),
      messages: [
        'Input "req" is declared as integer by the component, not uri_folder.',
        'Input "level" is a number value; a mode applies only to data and model inputs.',
      ],
    },
  ],
});

bindingTester('binding-context-unknown', {
  valid: [{ name: 'roots that exist here', text: twoSteps('${{parent.inputs.raw}}', '${{parent.jobs.prep.outputs.clean}}') }],
  invalid: [
    {
      name: 'a misspelt root',
      text: twoSteps('${{«parnet».inputs.raw}}', '${{parent.jobs.prep.outputs.clean}}'),
      messages: ['"parnet" is not something an Azure ML expression can read here'],
      fix: { title: 'Change to "parent"', output: twoSteps('${{parent.inputs.raw}}', '${{parent.jobs.prep.outputs.clean}}') },
    },
    {
      name: 'parent outside a pipeline',
      text: commandJob(`inputs:\n  x: \${{«parent».inputs.x}}\ncommand: echo \${{inputs.x}}\n`),
      messages: ['"parent" is only available in the steps of a pipeline'],
    },
    { name: 'search_space outside a sweep', text: component(`command: echo \${{«search_space».lr}}\n`) },
  ],
});

bindingTester('binding-syntax', {
  valid: [{ name: 'closed expressions', text: commandJob(`inputs:\n  x: 1\ncommand: echo \${{inputs.x}} $[[--y \${{inputs.y}}]]\n`) }],
  invalid: [
    { name: 'not closed', text: commandJob(`inputs:\n  x: 1\ncommand: echo «\${{»inputs.x\n`), messages: ['"${{" has no closing "}}"'] },
    { name: 'empty', text: commandJob(`command: echo «\${{ }}»\n`), messages: ['names no input, output, step or parameter'] },
    { name: 'an operator', text: commandJob(`inputs:\n  x: 1\ncommand: echo «\${{inputs.x + 1}}»\n`), messages: ['is not a dotted name'] },
    {
      name: '$[[ not closed',
      text: commandJob(`inputs:\n  x: 1\ncommand: echo «$[[»--x \${{inputs.x}}\n`),
      messages: ['"$[[" has no closing "]]"'],
    },
  ],
});

bindingTester('binding-single-brace', {
  valid: [
    { name: 'double braces', text: commandJob(`inputs:\n  lr: 0.1\ncommand: python train.py --lr \${{inputs.lr}} --home \${HOME} {x}\n`) },
    {
      name: 'a shell variable or a format string that names no binding root',
      text: commandJob(`inputs:\n  lr: 0.1\ncommand: echo \${{inputs.lr}} \${input.lr} {inputs} {params.lr}\n`),
    },
    {
      name: 'the brace-only form outside a command line, and prose',
      text: commandJob(
        `description: Pass \${inputs.lr} as in the old samples.\ninputs:\n  lr: 0.1\n  note: see {inputs.lr}\ncommand: echo \${{inputs.lr}}\n`,
      ),
    },
  ],
  invalid: [
    {
      name: '${inputs.x} in a command (the shell rejects it)',
      text: commandJob(`inputs:\n  lr: 0.1\ncommand: python train.py --lr «\${inputs.lr}»\n`),
      messages: [
        '"${inputs.lr}" is not an Azure ML binding: only ${{inputs.lr}} is replaced. Azure ML passes it to the command unchanged, and the shell that runs the command stops at it with "bad substitution".',
      ],
      fix: { title: 'Change to ${{inputs.lr}}', output: commandJob(`inputs:\n  lr: 0.1\ncommand: python train.py --lr \${{inputs.lr}}\n`) },
    },
    {
      name: '{outputs.x}, the preview syntax, in a component command',
      text: component(`outputs:\n  model:\n    type: uri_folder\ncommand: python train.py --out «{outputs.model}»\n`),
      messages: ['passes the text "{outputs.model}" to the command unchanged (this was the preview syntax of CLI v2)'],
      fix: {
        title: 'Change to ${{outputs.model}}',
        output: component(`outputs:\n  model:\n    type: uri_folder\ncommand: python train.py --out \${{outputs.model}}\n`),
      },
    },
    {
      name: '${parent.inputs.x} as a step input value',
      text: twoSteps('«${parent.inputs.raw}»', '${{parent.jobs.prep.outputs.clean}}'),
      messages: ['Azure ML keeps the text "${parent.inputs.raw}" as the value'],
      fix: { title: 'Change to ${{parent.inputs.raw}}', output: twoSteps('${{parent.inputs.raw}}', '${{parent.jobs.prep.outputs.clean}}') },
    },
    {
      name: 'in a block scalar, two on one line',
      text: commandJob(`inputs:\n  a: 1\n  b: 2\ncommand: >-\n  python x.py\n  --a «\${inputs.a}» --b=«\${inputs.b}»\n`),
    },
  ],
});
