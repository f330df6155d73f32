import { schemaLine } from '../helpers';
import { ruleTester } from './tester';

const ci = (body: string) => `${schemaLine('computeInstance')}\nname: ci\ntype: computeinstance\nsize: STANDARD_DS3_v2\n${body}`;

ruleTester('compute-instance-idle-shutdown-identity', {
  valid: [
    { name: 'identity without idle shutdown', text: ci('identity:\n  type: system_assigned\n') },
    { name: 'idle shutdown without identity', text: ci('idle_time_before_shutdown_minutes: 30\n') },
    { name: 'identity type none', text: ci('identity:\n  type: None\nidle_time_before_shutdown_minutes: 30\n') },
    {
      name: 'idle value given as an expression',
      text: ci('identity:\n  type: system_assigned\nidle_time_before_shutdown_minutes: ${{inputs.idle}}\n'),
    },
    { name: 'empty idle value', text: ci("identity:\n  type: system_assigned\nidle_time_before_shutdown: ''\n") },
    {
      name: 'a compute cluster scales down instead',
      text: `${schemaLine('amlCompute')}\nname: c\ntype: amlcompute\nidle_time_before_scale_down: 120\nidentity:\n  type: system_assigned\n`,
    },
  ],
  invalid: [
    {
      name: 'system-assigned identity and idle_time_before_shutdown_minutes',
      text: ci('identity:\n  type: system_assigned\n«idle_time_before_shutdown_minutes»: 30\n'),
      errors: [
        {
          message:
            'This compute instance has a managed identity, so "idle_time_before_shutdown_minutes" only shuts it down if that identity has Contributor access to the workspace.',
          severity: 'info',
        },
      ],
    },
    {
      name: 'identity with no type and the ISO duration form',
      text: ci('«idle_time_before_shutdown»: PT30M\nidentity:\n  user_assigned_identities: []\n'),
      errors: [{ message: '"idle_time_before_shutdown"' }],
    },
  ],
});
