import type { YamlPath } from '../core/document';
import { ARTICLES, type Article } from './api';
import { RULES } from './registry';

/** A documented caveat about a field, quoted exactly from a source article. */
export interface Caveat {
  /** The exact sentence (a substring of the seed article). */
  quote: string;
  article: Article;
}

export interface CaveatEntry {
  kinds: readonly string[];
  /** Path of the field; `*` matches any one segment (a map key or list index). */
  path: readonly (string | number)[];
  caveats: Caveat[];
}

const q = (article: Article, quote: string): Caveat => ({ quote, article });

/** One entry per path, all with the same kinds and caveats. */
function on(kinds: readonly string[], paths: ReadonlyArray<readonly (string | number)[]>, caveats: Caveat[]): CaveatEntry[] {
  return paths.map((path) => ({ kinds, path, caveats }));
}

const JOB_KINDS = ['commandJob', 'sweepJob', 'pipelineJob'] as const;

const USER_IDENTITY: Caveat[] = [
  q(
    ARTICLES.identity,
    'Feature is supported for experiments submitted via the Azure Machine Learning CLI and Python SDK V2, but not via ML Studio.',
  ),
  q(ARTICLES.identity, 'User identity and compute managed identity cannot be used for authentication within same job.'),
  q(
    ARTICLES.identity,
    'If the identity property is left unspecified and datastore does not have cached credentials, then compute managed identity becomes the fallback option.',
  ),
];

const KUBERNETES_OUTBOUND: Caveat[] = [
  q(
    ARTICLES.inferencing,
    "If you don't want to use the default outbound rules and you do want to limit the outbound access of your virtual network, you must allow access to Azure Container Registry.",
  ),
  q(
    ARTICLES.inferencing,
    'make sure that your Network Security Groups (NSG) contains a rule that allows access to the AzureContainerRegistry.RegionName service tag',
  ),
];

const KUBERNETES_REGION = q(
  ARTICLES.privateLink,
  'When you attach an Azure Kubernetes Service cluster to a workspace with a private endpoint, the cluster must be in the same region as the workspace.',
);

const KUBERNETES_SERVICE_PRINCIPAL = q(
  ARTICLES.identity,
  'If you bring your own AKS cluster, the cluster must have service principal enabled instead of managed identity.',
);

/**
 * The hover caveats of the rule catalogue: fields whose documentation carries
 * a network-isolation or identity warning. Filled from the catalogue's rules
 * and its "Hover caveats" list.
 */
export const CAVEATS: CaveatEntry[] = [
  // Workspace: Private Link and public access (004).
  ...on(
    ['workspace'],
    [['public_network_access']],
    [
      q(
        ARTICLES.privateLink,
        'If you enable or disable Private Link for an Azure Machine Learning workspace after creating compute resources, those existing computes will not automatically update to reflect the new Private Link configuration.',
      ),
      q(ARTICLES.privateLink, 'you must recreate the compute resources after making any changes to the workspace’s private link setting.'),
      q(ARTICLES.privateLink, "Enabling public access doesn't remove any private endpoints that exist."),
      q(ARTICLES.privateLink, "Removing the private endpoints for a workspace doesn't make it publicly accessible."),
      q(ARTICLES.privateLink, 'Each property overrides the other.'),
    ],
  ),
  ...on(['workspace'], [['allow_public_access_when_behind_vnet']], [q(ARTICLES.privateLink, 'Each property overrides the other.')]),
  // Workspace identity (003).
  ...on(
    ['workspace'],
    [['identity'], ['identity', 'type']],
    [
      q(
        ARTICLES.identity,
        'Once a workspace is created with SAI identity type, it can be updated to SAI+UAI, but not back from SAI+UAI to SAI.',
      ),
    ],
  ),
  ...on(
    ['workspace'],
    [['identity'], ['identity', 'user_assigned_identities']],
    [
      q(ARTICLES.identity, "it's required to pass all the existing UAI IDs."),
      q(
        ARTICLES.identity,
        'you can put the UAI IDs which needs to be preserved under the section user_assigned_identities, the rest UAI IDs would be deleted.',
      ),
    ],
  ),
  // Workspace container registry (003, 001).
  ...on(
    ['workspace'],
    [['container_registry']],
    [
      q(ARTICLES.identity, 'If you allow Azure Machine Learning to automatically create ACR, it will enable the admin account.'),
      q(ARTICLES.batch, "Azure Container Registries with the Quarantine feature enabled aren't currently supported."),
    ],
  ),
  // Job identity: user_identity (003).
  ...on(JOB_KINDS, [['identity'], ['identity', 'type']], USER_IDENTITY),
  ...on(
    ['pipelineJob'],
    [
      ['jobs', '*', 'identity'],
      ['jobs', '*', 'identity', 'type'],
    ],
    USER_IDENTITY,
  ),
  // Compute public IP and network settings (001).
  ...on(
    ['amlCompute', 'computeInstance'],
    [['enable_node_public_ip'], ['network_settings']],
    [
      q(ARTICLES.batch, 'Compute cluster and compute instance can be created with or without a public IP address.'),
      q(
        ARTICLES.batch,
        'If created with a public IP address, you get a load balancer with a public IP to accept the inbound access from Azure batch service and Azure Machine Learning service.',
      ),
      q(ARTICLES.batch, 'You need to configure User Defined Routing (UDR) if you use a firewall.'),
      q(
        ARTICLES.batch,
        'If created without a public IP, you get a private link service to accept the inbound access from Azure batch service and Azure Machine Learning service without a public IP.',
      ),
    ],
  ),
  // Environment image from a private registry (003).
  ...on(
    ['environment'],
    [['image']],
    [
      q(ARTICLES.identity, 'Connecting to a private ACR using user-assigned managed identity is not currently supported.'),
      q(ARTICLES.identity, 'Admin key is the only auth type supported for private ACR.'),
    ],
  ),
  // Kubernetes compute and Kubernetes online endpoints (002, 004, 003).
  ...on(['kubernetesCompute'], [['name'], ['resource_id'], ['location']], [...KUBERNETES_OUTBOUND, KUBERNETES_REGION]),
  ...on(['kubernetesCompute'], [['identity'], ['resource_id']], [KUBERNETES_SERVICE_PRINCIPAL]),
  ...on(['kubernetesOnlineEndpoint'], [['name'], ['compute']], [...KUBERNETES_OUTBOUND, KUBERNETES_REGION]),
  // Batch endpoints (001).
  ...on(
    ['batchEndpoint'],
    [['name']],
    [
      q(ARTICLES.batch, "Batch endpoints inherit the networking configuration from the workspace where they're deployed."),
      q(ARTICLES.batch, 'Batch endpoints rely on the configuration of the workspace at the time of creation.'),
      q(
        ARTICLES.batch,
        "When working on a private link-enabled workspace, batch endpoints can be created and managed using Azure Machine Learning studio. However, they can't be invoked from the UI in studio.",
      ),
    ],
  ),
  // Synapse Spark pools (000).
  ...on(
    ['synapseSparkCompute'],
    [['name'], ['resource_id']],
    [
      q(
        ARTICLES.synapse,
        'The Azure Machine Learning integration is not currently supported in Synapse Workspaces with data exfiltration protection.',
      ),
    ],
  ),
];

function matches(pattern: readonly (string | number)[], path: YamlPath): boolean {
  if (pattern.length !== path.length) return false;
  return pattern.every((p, i) => p === '*' || String(p) === String(path[i]));
}

/** The caveats to show on the field at path of a document of this kind. */
export function caveatsFor(kind: string, path: YamlPath): Caveat[] {
  const out: Caveat[] = [];
  const seen = new Set<string>();
  const entries: CaveatEntry[] = [...CAVEATS];
  for (const rule of RULES) {
    if (!rule.article || !rule.quotes?.length || !rule.hoverFields) continue;
    for (const path of rule.hoverFields)
      entries.push({ kinds: rule.kinds, path, caveats: rule.quotes.map((quote) => ({ quote, article: rule.article! })) });
  }
  for (const entry of entries) {
    if (!entry.kinds.includes(kind) && !entry.kinds.includes('*')) continue;
    if (!matches(entry.path, path)) continue;
    for (const c of entry.caveats) {
      if (seen.has(c.quote)) continue;
      seen.add(c.quote);
      out.push(c);
    }
  }
  return out;
}
