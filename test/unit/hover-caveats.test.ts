import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ARTICLES, type Article } from '../../server/src/rules/api';
import { CAVEATS } from '../../server/src/rules/caveats';
import { schemaLine, service, withCursor } from '../helpers';

/**
 * Hover caveats: a `$0` cursor on a field, the field name whose docs come
 * first, and quotes (with their article) the hover must show after them.
 */
interface Case {
  name: string;
  fixture: string;
  field: string;
  quotes: Array<[Article, string]>;
  /** Quotes that must not appear (another kind or field). */
  absent?: string[];
}

const ws = (rest: string) => `${schemaLine('workspace')}\nname: mlw-private\nlocation: eastus\n${rest}`;
const USER_IDENTITY = 'User identity and compute managed identity cannot be used for authentication within same job.';
const AKS_REGION =
  'When you attach an Azure Kubernetes Service cluster to a workspace with a private endpoint, the cluster must be in the same region as the workspace.';

const CASES: Case[] = [
  {
    name: 'workspace public_network_access',
    fixture: ws('public_net$0work_access: Disabled\n'),
    field: 'public_network_access',
    quotes: [
      [ARTICLES.privateLink, 'those existing computes will not automatically update to reflect the new Private Link configuration.'],
      [ARTICLES.privateLink, 'you must recreate the compute resources after making any changes to the workspace’s private link setting.'],
      [ARTICLES.privateLink, "Enabling public access doesn't remove any private endpoints that exist."],
      [ARTICLES.privateLink, "Removing the private endpoints for a workspace doesn't make it publicly accessible."],
      [ARTICLES.privateLink, 'Each property overrides the other.'],
    ],
  },
  {
    name: 'workspace public_network_access, cursor on the value',
    fixture: ws('public_network_access: Disa$0bled\n'),
    field: 'public_network_access',
    quotes: [[ARTICLES.privateLink, "Enabling public access doesn't remove any private endpoints that exist."]],
  },
  {
    name: 'workspace identity',
    fixture: ws('iden$0tity:\n  type: system_assigned\n'),
    field: 'identity',
    quotes: [
      [ARTICLES.identity, 'it can be updated to SAI+UAI, but not back from SAI+UAI to SAI.'],
      [ARTICLES.identity, "it's required to pass all the existing UAI IDs."],
      [ARTICLES.identity, 'the rest UAI IDs would be deleted.'],
    ],
  },
  {
    name: 'workspace identity.user_assigned_identities',
    fixture: ws(
      "identity:\n  type: user_assigned\n  user_assigned$0_identities:\n    '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/uai': {}\n",
    ),
    field: 'user_assigned_identities',
    quotes: [[ARTICLES.identity, "it's required to pass all the existing UAI IDs."]],
  },
  {
    name: 'workspace container_registry',
    fixture: ws(
      'container_reg$0istry: /subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/acr\n',
    ),
    field: 'container_registry',
    quotes: [
      [ARTICLES.identity, 'If you allow Azure Machine Learning to automatically create ACR, it will enable the admin account.'],
      [ARTICLES.batch, "Azure Container Registries with the Quarantine feature enabled aren't currently supported."],
    ],
  },
  {
    name: 'command job identity',
    fixture: `${schemaLine('commandJob')}\ncommand: python train.py\nenvironment: azureml:AzureML-sklearn-1.0-ubuntu20.04-py38-cpu@latest\ncompute: azureml:cpu-cluster\nident$0ity:\n  type: user_identity\n`,
    field: 'identity',
    quotes: [
      [
        ARTICLES.identity,
        'Feature is supported for experiments submitted via the Azure Machine Learning CLI and Python SDK V2, but not via ML Studio.',
      ],
      [ARTICLES.identity, USER_IDENTITY],
      [
        ARTICLES.identity,
        'If the identity property is left unspecified and datastore does not have cached credentials, then compute managed identity becomes the fallback option.',
      ],
    ],
  },
  {
    name: 'command job identity.type',
    fixture: `${schemaLine('commandJob')}\ncommand: python train.py\nenvironment: azureml:env:1\nidentity:\n  ty$0pe: user_identity\n`,
    field: 'type',
    quotes: [[ARTICLES.identity, USER_IDENTITY]],
  },
  {
    name: 'sweep job identity',
    fixture: `${schemaLine('sweepJob')}\nident$0ity:\n  type: user_identity\n`,
    field: 'identity',
    quotes: [[ARTICLES.identity, USER_IDENTITY]],
  },
  {
    name: 'pipeline step identity',
    fixture: `${schemaLine('pipelineJob')}\njobs:\n  train:\n    type: command\n    command: python train.py\n    environment: azureml:env:1\n    identi$0ty:\n      type: user_identity\n`,
    field: 'identity',
    quotes: [[ARTICLES.identity, USER_IDENTITY]],
  },
  {
    name: 'compute cluster enable_node_public_ip',
    fixture: `${schemaLine('amlCompute')}\nname: cpu-cluster\ntype: amlcompute\nenable_node_pub$0lic_ip: false\n`,
    field: 'enable_node_public_ip',
    quotes: [
      [ARTICLES.batch, 'Compute cluster and compute instance can be created with or without a public IP address.'],
      [ARTICLES.batch, 'You need to configure User Defined Routing (UDR) if you use a firewall.'],
      [ARTICLES.batch, 'If created without a public IP, you get a private link service'],
    ],
  },
  {
    name: 'compute instance network_settings',
    fixture: `${schemaLine('computeInstance')}\nname: ci-dev\ntype: computeinstance\nnetwork_sett$0ings:\n  vnet_name: vnet\n  subnet: default\n`,
    field: 'network_settings',
    quotes: [[ARTICLES.batch, 'If created with a public IP address, you get a load balancer with a public IP']],
  },
  {
    name: 'environment image',
    fixture: `${schemaLine('environment')}\nname: docker-image-example\nima$0ge: contoso.azurecr.io/pytorch:latest\n`,
    field: 'image',
    quotes: [
      [ARTICLES.identity, 'Connecting to a private ACR using user-assigned managed identity is not currently supported.'],
      [ARTICLES.identity, 'Admin key is the only auth type supported for private ACR.'],
    ],
  },
  {
    name: 'kubernetes compute resource_id',
    fixture: `${schemaLine('kubernetesCompute')}\nname: k8s-compute\ntype: kubernetes\nresource_$0id: /subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks\nnamespace: default\n`,
    field: 'resource_id',
    quotes: [
      [ARTICLES.inferencing, 'you must allow access to Azure Container Registry.'],
      [ARTICLES.inferencing, 'AzureContainerRegistry.RegionName service tag'],
      [ARTICLES.privateLink, AKS_REGION],
      [
        ARTICLES.identity,
        'If you bring your own AKS cluster, the cluster must have service principal enabled instead of managed identity.',
      ],
    ],
  },
  {
    name: 'kubernetes online endpoint compute',
    fixture: `${schemaLine('kubernetesOnlineEndpoint')}\nname: k8s-endpoint\ncomp$0ute: azureml:k8s-compute\nauth_mode: key\n`,
    field: 'compute',
    quotes: [
      [ARTICLES.inferencing, 'AzureContainerRegistry.RegionName service tag'],
      [ARTICLES.privateLink, AKS_REGION],
    ],
  },
  {
    name: 'batch endpoint name',
    fixture: `${schemaLine('batchEndpoint')}\nna$0me: my-batch-endpoint\nauth_mode: aad_token\n`,
    field: 'name',
    quotes: [
      [ARTICLES.batch, "Batch endpoints inherit the networking configuration from the workspace where they're deployed."],
      [ARTICLES.batch, 'Batch endpoints rely on the configuration of the workspace at the time of creation.'],
      [ARTICLES.batch, "However, they can't be invoked from the UI in studio."],
    ],
  },
  {
    name: 'synapse spark compute',
    fixture: `${schemaLine('synapseSparkCompute')}\nname: synapse-pool\ntype: synapsespark\nresource$0_id: /subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Synapse/workspaces/syn/bigDataPools/pool\n`,
    field: 'resource_id',
    quotes: [
      [
        ARTICLES.synapse,
        'The Azure Machine Learning integration is not currently supported in Synapse Workspaces with data exfiltration protection.',
      ],
    ],
  },
  {
    name: 'no caveat on an online endpoint name',
    fixture: `${schemaLine('managedOnlineEndpoint')}\nna$0me: ep\nauth_mode: key\n`,
    field: 'name',
    quotes: [],
    absent: ["Batch endpoints inherit the networking configuration from the workspace where they're deployed.", AKS_REGION],
  },
  {
    name: 'no caveat on a compute cluster name',
    fixture: `${schemaLine('amlCompute')}\nna$0me: cpu-cluster\ntype: amlcompute\n`,
    field: 'name',
    quotes: [],
    absent: ['Compute cluster and compute instance can be created with or without a public IP address.', AKS_REGION],
  },
];

function hoverText(fixture: string): string {
  const { source, position } = withCursor(fixture);
  const hover = service().hover(source, position);
  assert.ok(hover, 'no hover');
  return hover!.contents.value;
}

describe('hover caveats', () => {
  for (const c of CASES) {
    test(c.name, () => {
      const text = hoverText(c.fixture);
      assert.ok(text.startsWith(`**${c.field}**`), `hover does not start with the field docs:\n${text}`);
      const docsEnd = text.indexOf('\n\n---\n\n');
      for (const [article, quote] of c.quotes) {
        const at = text.indexOf(quote);
        assert.ok(at >= 0, `hover lacks the quote "${quote}":\n${text}`);
        assert.ok(docsEnd >= 0 && at > docsEnd, 'the field docs come before the caveats');
        const link = `[${article.title}](${article.url})`;
        const linkAt = text.indexOf(link, at);
        assert.ok(linkAt > at, `the quote "${quote}" is not followed by its article link ${link}:\n${text}`);
        // The link that follows the quote is the first link after it: the quote's own source.
        assert.equal(text.slice(at, linkAt).includes(']('), false, `another link sits between "${quote}" and its article`);
      }
      for (const quote of c.absent ?? []) assert.ok(!text.includes(quote), `hover should not show "${quote}"`);
      if (!c.quotes.length) assert.doesNotMatch(text, /^> /m, 'no quoted caveat at all');
    });
  }

  test('every caveat entry names a known article and a non-empty quote', () => {
    const urls = new Set<string>(Object.values(ARTICLES).map((a) => a.url));
    for (const entry of CAVEATS) {
      assert.ok(entry.kinds.length && entry.path.length);
      for (const c of entry.caveats) {
        assert.ok(urls.has(c.article.url), c.article.url);
        assert.ok(c.quote.trim().length > 10);
      }
    }
  });
});
