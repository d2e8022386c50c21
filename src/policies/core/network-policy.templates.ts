import type { JsonValue, RenderWarning, TemplateParameter } from './policy-template.model.js';
import { SOURCE } from '../../common/core/sources.js';
import {
  type TemplateDefinition,
  calicoSelector,
  labelsParameter,
  matchLabels,
  namespaceParameter,
  namespacesNotIn,
  policyNameParameter,
} from './template.definition.js';

/**
 * Network policy templates: Kubernetes networking.k8s.io/v1 where it can say it, Calico
 * projectcalico.org/v3 where it adds something (cluster-wide scope, explicit Deny with an order).
 * Every rule uses positive matches and numeric ports only, so Felix on Windows enforces all of it
 * (projectcalico/calico felix/dataplane/windows/policysets/policysets.go).
 */

const K8S_API = 'networking.k8s.io/v1';
const CALICO_API = 'projectcalico.org/v3';
export const IMDS_CIDR = '169.254.169.254/32';

/** Namespaces a cluster-wide default deny must leave alone (EKS add-ons and Calico's own parts). */
export const SYSTEM_NAMESPACES = ['kube-system', 'kube-node-lease', 'kube-public', 'calico-system', 'calico-apiserver', 'tigera-operator'];

function networkPolicy(
  name: JsonValue | undefined,
  namespace: JsonValue | undefined,
  spec: Record<string, unknown>,
): Record<string, unknown> {
  return { apiVersion: K8S_API, kind: 'NetworkPolicy', metadata: { name, namespace }, spec };
}

/** Egress to CoreDNS (label k8s-app=kube-dns in kube-system) on UDP and TCP 53. */
function dnsEgressRule(): Record<string, unknown> {
  return {
    to: [
      {
        namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } },
        podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
      },
    ],
    ports: [
      { protocol: 'UDP', port: 53 },
      { protocol: 'TCP', port: 53 },
    ],
  };
}

const DSR_FOR_SERVICE_TRAFFIC: RenderWarning = {
  code: 'DSR_FOR_SERVICE_TRAFFIC',
  message:
    'DNS goes to the kube-dns Service IP. On Windows nodes Calico sees the backend pod IP of Service traffic only when kube-proxy ' +
    'runs with Direct Server Return; enable DSR (template windows-userdata-bootstrap-dsr or windows-userdata-dsr-patch) so this allow rule matches.',
  source: SOURCE.BPG_WINDOWS_NETWORKING_DSR,
};

const PODS_PARAMETER_DESCRIPTION = 'Labels of the pods the policy applies to (empty: every pod in the namespace).';

function podSelectorParameter(required: boolean, example: Record<string, string> = { app: 'web' }): TemplateParameter {
  return labelsParameter(
    'podLabels',
    required,
    required ? 'Labels of the pods the policy applies to.' : PODS_PARAMETER_DESCRIPTION,
    example,
  );
}

const protocolParameter: TemplateParameter = {
  name: 'protocol',
  type: 'string',
  enum: ['TCP', 'UDP'],
  required: false,
  default: 'TCP',
  example: 'TCP',
  description: 'Protocol of the ports (TCP or UDP; SCTP is not offered for Windows nodes).',
};

function ports(portNumbers: JsonValue | undefined, protocol: JsonValue | undefined): Record<string, unknown>[] {
  return ((portNumbers ?? []) as number[]).map((port) => ({ protocol, port }));
}

export const NETWORK_POLICY_TEMPLATES: TemplateDefinition[] = [
  {
    id: 'default-deny-ingress',
    title: 'Default-deny ingress for a namespace',
    kind: 'NetworkPolicy',
    apiVersion: K8S_API,
    mediaType: 'application/yaml',
    description: 'Selects every pod in the namespace and allows no ingress: only traffic other policies allow gets in.',
    windowsEnforced: true,
    source: `${SOURCE.RECIPES} 03-deny-all-non-whitelisted-traffic-in-the-namespace.md; ${SOURCE.K8S_NETPOL}`,
    parameters: [namespaceParameter(), policyNameParameter('default-deny-ingress')],
    render: (p) => ({
      objects: [networkPolicy(p.name, p.namespace, { podSelector: {}, policyTypes: ['Ingress'] })],
      warnings: [],
    }),
  },
  {
    id: 'default-deny-egress',
    title: 'Default-deny egress for a namespace',
    kind: 'NetworkPolicy',
    apiVersion: K8S_API,
    mediaType: 'application/yaml',
    description:
      'Selects every pod in the namespace and allows no egress, optionally except DNS to kube-dns. Without the DNS allow, name resolution fails too.',
    windowsEnforced: true,
    source: `${SOURCE.RECIPES} 12-deny-all-non-whitelisted-traffic-from-the-namespace.md; ${SOURCE.K8S_NETPOL}`,
    parameters: [
      namespaceParameter(),
      policyNameParameter('default-deny-egress'),
      {
        name: 'allowDns',
        type: 'boolean',
        required: false,
        default: true,
        example: true,
        description: 'Keep DNS to kube-dns (UDP/TCP 53) open.',
      },
    ],
    render: (p) => ({
      objects: [
        networkPolicy(p.name, p.namespace, { podSelector: {}, policyTypes: ['Egress'], egress: p.allowDns ? [dnsEgressRule()] : [] }),
      ],
      warnings: p.allowDns ? [DSR_FOR_SERVICE_TRAFFIC] : [],
    }),
  },
  {
    id: 'calico-global-default-deny',
    title: 'Global default-deny for non-system namespaces, DNS allowed (Calico)',
    kind: 'GlobalNetworkPolicy',
    apiVersion: CALICO_API,
    mediaType: 'application/yaml',
    description:
      'One cluster-wide Calico GlobalNetworkPolicy: every pod outside the system namespaces gets default-deny ingress and egress, ' +
      'with egress DNS to kube-dns allowed. The namespace exclusion is in spec.namespaceSelector (evaluated when Calico picks endpoints, ' +
      'not a rule match), so Windows enforces it; no rule uses a negative match.',
    windowsEnforced: true,
    source: `${SOURCE.CALICO_DEFAULT_DENY}; ${SOURCE.CALICO_GNP}; ${SOURCE.FELIX_WINDOWS}`,
    parameters: [
      policyNameParameter('default-deny'),
      {
        name: 'excludedNamespaces',
        type: 'string[]',
        format: 'dns-label',
        required: false,
        default: SYSTEM_NAMESPACES,
        example: SYSTEM_NAMESPACES,
        maxItems: 100,
        description: 'Namespaces left out of the default deny (system and Calico namespaces).',
      },
      {
        name: 'order',
        type: 'integer',
        required: false,
        default: null,
        example: 2000,
        minimum: 0,
        maximum: 1_000_000,
        description: 'Calico order; omitted means "last" in the tier, so every other policy is evaluated first.',
      },
    ],
    render: (p) => {
      const spec: Record<string, unknown> = {};
      if (p.order !== undefined) spec.order = p.order;
      spec.namespaceSelector = namespacesNotIn(p.excludedNamespaces as string[]);
      spec.types = ['Ingress', 'Egress'];
      spec.egress = ['UDP', 'TCP'].map((protocol) => ({
        action: 'Allow',
        protocol,
        destination: {
          selector: 'k8s-app == "kube-dns"',
          namespaceSelector: 'projectcalico.org/name == "kube-system"',
          ports: [53],
        },
      }));
      return {
        objects: [{ apiVersion: CALICO_API, kind: 'GlobalNetworkPolicy', metadata: { name: p.name }, spec }],
        warnings: [DSR_FOR_SERVICE_TRAFFIC],
      };
    },
  },
  {
    id: 'allow-dns-to-kube-dns',
    title: 'Allow DNS to kube-dns',
    kind: 'NetworkPolicy',
    apiVersion: K8S_API,
    mediaType: 'application/yaml',
    description: 'Allows the selected pods egress to CoreDNS (kube-system pods labelled k8s-app=kube-dns) on UDP and TCP 53.',
    windowsEnforced: true,
    source: `${SOURCE.RECIPES} 11-deny-egress-traffic-from-an-application.md (DNS allow); ${SOURCE.K8S_NETPOL}`,
    parameters: [namespaceParameter(), policyNameParameter('allow-dns'), podSelectorParameter(false)],
    render: (p) => ({
      objects: [
        networkPolicy(p.name, p.namespace, { podSelector: matchLabels(p.podLabels), policyTypes: ['Egress'], egress: [dnsEgressRule()] }),
      ],
      warnings: [DSR_FOR_SERVICE_TRAFFIC],
    }),
  },
  {
    id: 'allow-within-namespace',
    title: 'Allow traffic from pods in the same namespace',
    kind: 'NetworkPolicy',
    apiVersion: K8S_API,
    mediaType: 'application/yaml',
    description: 'The selected pods accept ingress from every pod of their own namespace and nothing else.',
    windowsEnforced: true,
    source: `${SOURCE.RECIPES} 04-deny-traffic-from-other-namespaces.md; ${SOURCE.K8S_NETPOL}`,
    parameters: [namespaceParameter(), policyNameParameter('allow-same-namespace'), podSelectorParameter(false)],
    render: (p) => ({
      objects: [
        networkPolicy(p.name, p.namespace, {
          podSelector: matchLabels(p.podLabels),
          policyTypes: ['Ingress'],
          ingress: [{ from: [{ podSelector: {} }] }],
        }),
      ],
      warnings: [],
    }),
  },
  {
    id: 'allow-from-namespace',
    title: 'Allow traffic from a labelled namespace',
    kind: 'NetworkPolicy',
    apiVersion: K8S_API,
    mediaType: 'application/yaml',
    description: 'The selected pods accept ingress from every pod in namespaces carrying the given labels.',
    windowsEnforced: true,
    source: `${SOURCE.RECIPES} 06-allow-traffic-from-a-namespace.md; ${SOURCE.K8S_NETPOL}`,
    parameters: [
      namespaceParameter(),
      policyNameParameter('allow-from-namespace'),
      podSelectorParameter(true),
      labelsParameter(
        'fromNamespaceLabels',
        true,
        'Labels of the namespaces allowed in (e.g. kubernetes.io/metadata.name or a team label).',
        { purpose: 'production' },
      ),
    ],
    render: (p) => ({
      objects: [
        networkPolicy(p.name, p.namespace, {
          podSelector: matchLabels(p.podLabels),
          policyTypes: ['Ingress'],
          ingress: [{ from: [{ namespaceSelector: matchLabels(p.fromNamespaceLabels) }] }],
        }),
      ],
      warnings: [],
    }),
  },
  {
    id: 'allow-from-pods-in-namespace',
    title: 'Allow traffic from some pods in a labelled namespace',
    kind: 'NetworkPolicy',
    apiVersion: K8S_API,
    mediaType: 'application/yaml',
    description:
      'The selected pods accept ingress only from pods with the given labels in namespaces with the given labels (one peer carrying both selectors: AND, not OR).',
    windowsEnforced: true,
    source: `${SOURCE.RECIPES} 07-allow-traffic-from-some-pods-in-another-namespace.md; ${SOURCE.K8S_NETPOL}`,
    parameters: [
      namespaceParameter(),
      policyNameParameter('allow-from-pods-in-namespace'),
      podSelectorParameter(true),
      labelsParameter('fromNamespaceLabels', true, 'Labels of the namespaces the clients run in.', { team: 'operations' }),
      labelsParameter('fromPodLabels', true, 'Labels of the client pods in those namespaces.', { type: 'monitoring' }),
    ],
    render: (p) => ({
      objects: [
        networkPolicy(p.name, p.namespace, {
          podSelector: matchLabels(p.podLabels),
          policyTypes: ['Ingress'],
          ingress: [{ from: [{ namespaceSelector: matchLabels(p.fromNamespaceLabels), podSelector: matchLabels(p.fromPodLabels) }] }],
        }),
      ],
      warnings: [],
    }),
  },
  {
    id: 'allow-only-ports',
    title: 'Allow traffic only to given ports',
    kind: 'NetworkPolicy',
    apiVersion: K8S_API,
    mediaType: 'application/yaml',
    description:
      'The selected pods accept ingress only on the given numeric ports (named ports are skipped by Felix on Windows, so only numbers are offered), optionally only from some pods.',
    windowsEnforced: true,
    source: `${SOURCE.RECIPES} 09-allow-traffic-only-to-a-port.md; ${SOURCE.FELIX_WINDOWS} (named ports skipped)`,
    parameters: [
      namespaceParameter(),
      policyNameParameter('allow-only-ports'),
      podSelectorParameter(true, { app: 'api' }),
      {
        name: 'ports',
        type: 'integer[]',
        format: 'port',
        required: true,
        default: null,
        example: [8080],
        minItems: 1,
        maxItems: 50,
        description: 'Numeric container ports (1-65535).',
      },
      protocolParameter,
      labelsParameter('fromPodLabels', false, 'Labels of the pods allowed in, in the same namespace (empty: any source).', {
        role: 'monitoring',
      }),
    ],
    render: (p) => {
      const rule: Record<string, unknown> = { ports: ports(p.ports, p.protocol) };
      const from = p.fromPodLabels as Record<string, string> | undefined;
      if (from && Object.keys(from).length > 0) rule.from = [{ podSelector: matchLabels(from) }];
      return {
        objects: [networkPolicy(p.name, p.namespace, { podSelector: matchLabels(p.podLabels), policyTypes: ['Ingress'], ingress: [rule] })],
        warnings: [],
      };
    },
  },
  {
    id: 'allow-from-selectors',
    title: 'Allow traffic from several pod selectors',
    kind: 'NetworkPolicy',
    apiVersion: K8S_API,
    mediaType: 'application/yaml',
    description: 'The selected pods accept ingress from pods matching any of the given label sets (peers are ORed).',
    windowsEnforced: true,
    source: `${SOURCE.RECIPES} 10-allowing-traffic-with-multiple-selectors.md; ${SOURCE.K8S_NETPOL}`,
    parameters: [
      namespaceParameter(),
      policyNameParameter('allow-from-selectors'),
      podSelectorParameter(true, { app: 'bookstore', role: 'db' }),
      {
        name: 'fromPodSelectors',
        type: 'object[]',
        format: 'labels',
        required: true,
        default: null,
        example: [
          { app: 'bookstore', role: 'search' },
          { app: 'bookstore', role: 'api' },
          { app: 'inventory', role: 'web' },
        ],
        minItems: 1,
        maxItems: 50,
        description: 'Label sets; a pod matching any one of them is allowed in. An empty set matches every pod in the namespace.',
      },
    ],
    render: (p) => ({
      objects: [
        networkPolicy(p.name, p.namespace, {
          podSelector: matchLabels(p.podLabels),
          policyTypes: ['Ingress'],
          ingress: [{ from: (p.fromPodSelectors as Record<string, string>[]).map((labels) => ({ podSelector: matchLabels(labels) })) }],
        }),
      ],
      warnings: [],
    }),
  },
  ...(['deny-egress-from-app', 'deny-egress-from-app-allow-dns'] as const).map((id): TemplateDefinition => ({
    id,
    title: id === 'deny-egress-from-app' ? 'Deny all egress from an application' : 'Deny egress from an application except DNS',
    kind: 'NetworkPolicy',
    apiVersion: K8S_API,
    mediaType: 'application/yaml',
    description:
      id === 'deny-egress-from-app'
        ? 'The selected pods may not send anything, name lookups included.'
        : 'The selected pods may only resolve names through kube-dns (UDP/TCP 53); all other egress is denied.',
    windowsEnforced: true,
    source: `${SOURCE.RECIPES} 11-deny-egress-traffic-from-an-application.md; ${SOURCE.K8S_NETPOL}`,
    parameters: [
      namespaceParameter(),
      policyNameParameter(id === 'deny-egress-from-app' ? 'deny-egress' : 'deny-egress-allow-dns'),
      podSelectorParameter(true, { app: 'foo' }),
    ],
    render: (p) => ({
      objects: [
        networkPolicy(p.name, p.namespace, {
          podSelector: matchLabels(p.podLabels),
          policyTypes: ['Egress'],
          egress: id === 'deny-egress-from-app' ? [] : [dnsEgressRule()],
        }),
      ],
      warnings: id === 'deny-egress-from-app' ? [] : [DSR_FOR_SERVICE_TRAFFIC],
    }),
  })),
  {
    id: 'allow-egress-to-cidrs',
    title: 'Allow egress to given IPv4 CIDRs',
    kind: 'NetworkPolicy',
    apiVersion: K8S_API,
    mediaType: 'application/yaml',
    description:
      'The selected pods may send to the given IPv4 CIDRs (optionally only to some ports). No ipBlock.except is offered: Calico turns it into notNets, which Felix on Windows skips; deny sub-ranges with explicit Calico Deny rules at a lower order instead (as calico-deny-egress-to-imds does).',
    windowsEnforced: true,
    source: `${SOURCE.K8S_NETPOL}; ${SOURCE.FELIX_WINDOWS} (ipBlock.except -> notNets skipped)`,
    parameters: [
      namespaceParameter(),
      policyNameParameter('allow-egress-to-cidrs'),
      podSelectorParameter(false),
      {
        name: 'cidrs',
        type: 'string[]',
        format: 'ipv4-cidr',
        required: true,
        default: null,
        example: ['10.20.0.0/16'],
        minItems: 1,
        maxItems: 100,
        description: 'Destination IPv4 CIDRs, network address form (10.20.0.0/16).',
      },
      {
        name: 'ports',
        type: 'integer[]',
        format: 'port',
        required: false,
        default: [],
        example: [443],
        maxItems: 50,
        description: 'Destination ports; empty means every port.',
      },
      protocolParameter,
      {
        name: 'allowDns',
        type: 'boolean',
        required: false,
        default: false,
        example: true,
        description: 'Also allow DNS to kube-dns (needed when the pods have a default-deny egress).',
      },
    ],
    render: (p) => {
      const rule: Record<string, unknown> = { to: (p.cidrs as string[]).map((cidr) => ({ ipBlock: { cidr } })) };
      if ((p.ports as number[]).length > 0) rule.ports = ports(p.ports, p.protocol);
      const egress = p.allowDns ? [rule, dnsEgressRule()] : [rule];
      const warnings: RenderWarning[] = p.allowDns ? [DSR_FOR_SERVICE_TRAFFIC] : [];
      if ((p.cidrs as string[]).includes('0.0.0.0/0')) {
        warnings.push({
          code: 'ALLOWS_EVERYWHERE',
          message:
            '0.0.0.0/0 allows every IPv4 destination, instance metadata (169.254.169.254) included; add calico-deny-egress-to-imds at a lower order to keep IMDS closed.',
          source: `${SOURCE.VPCCNI_861}`,
        });
      }
      return {
        objects: [networkPolicy(p.name, p.namespace, { podSelector: matchLabels(p.podLabels), policyTypes: ['Egress'], egress })],
        warnings,
      };
    },
  },
  {
    id: 'calico-deny-egress-to-imds',
    title: 'Deny pod egress to instance metadata 169.254.169.254 (Windows-safe, Calico)',
    kind: 'GlobalNetworkPolicy',
    apiVersion: CALICO_API,
    mediaType: 'application/yaml',
    description:
      'A Calico GlobalNetworkPolicy at a low order whose first egress rule is an explicit Deny to 169.254.169.254/32, optionally followed by an Allow for everything else. ' +
      'The usual form (Allow with destination.notNets: [169.254.169.254/32]) is enforced on Linux but silently skipped on Windows, which then leaves IMDS open or blocks everything. ' +
      'Pods with hostNetwork (HostProcess) are not workload endpoints and are not affected.',
    windowsEnforced: true,
    source: `${SOURCE.FELIX_WINDOWS}; ${SOURCE.VPCCNI_861}; ${SOURCE.CALICO_POLICY_ORDER}`,
    parameters: [
      policyNameParameter('deny-egress-to-imds'),
      {
        name: 'order',
        type: 'integer',
        required: false,
        default: 10,
        example: 10,
        minimum: 0,
        maximum: 1_000_000,
        description: 'Calico order; lower than every policy that allows egress, so the Deny is evaluated first.',
      },
      {
        name: 'excludedNamespaces',
        type: 'string[]',
        format: 'dns-label',
        required: false,
        default: ['kube-system'],
        example: ['kube-system'],
        maxItems: 100,
        description: 'Namespaces whose pods keep IMDS access (add-ons that need node credentials).',
      },
      {
        name: 'allowOtherEgress',
        type: 'boolean',
        required: false,
        default: true,
        example: true,
        description:
          'Follow the Deny with an Allow for all other egress: choose between ending evaluation with Allow (true) or leaving the rest to later policies and the end-of-tier deny (false). A Pass rule is no middle way for Windows pods: it skips the rest of the tier, Calico before 3.29 skips Pass rules on Windows, and from 3.29 a Pass in the last (default) tier is enforced as Deny on Windows.',
      },
    ],
    render: (p) => {
      const egress: Record<string, unknown>[] = [{ action: 'Deny', destination: { nets: [IMDS_CIDR] } }];
      const warnings: RenderWarning[] = [];
      if (p.allowOtherEgress) {
        egress.push({ action: 'Allow' });
        warnings.push({
          code: 'ALLOW_ENDS_EVALUATION',
          message:
            'The final Allow ends policy evaluation for every other egress packet of the selected pods in this tier, so egress restrictions in later (higher order) policies of the same tier no longer apply to them. ' +
            'Set allowOtherEgress=false if later policies must still decide; then pods need another policy allowing their egress, or the end-of-tier deny drops it.',
          source: SOURCE.CALICO_POLICY_ORDER,
        });
      } else {
        warnings.push({
          code: 'END_OF_TIER_DENY',
          message:
            'Without the trailing Allow, every selected pod now has an egress policy: traffic no later policy allows is dropped at the end of the tier.',
          source: SOURCE.CALICO_POLICY_ORDER,
        });
      }
      return {
        objects: [
          {
            apiVersion: CALICO_API,
            kind: 'GlobalNetworkPolicy',
            metadata: { name: p.name },
            spec: {
              order: p.order,
              namespaceSelector: namespacesNotIn(p.excludedNamespaces as string[]),
              selector: calicoSelector({}),
              types: ['Egress'],
              egress,
            },
          },
        ],
        warnings,
      };
    },
  },
];
