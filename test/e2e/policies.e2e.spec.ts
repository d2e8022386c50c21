import type { Response as SuperagentResponse } from 'superagent';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { listTemplates, type JsonValue, type PolicyTemplate } from '../../src/policies/core/index.js';
import { loadSchemaValidators, type SchemaValidators } from '../../src/policies/core/manifest-schemas.testing.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

// Policy templates, rendering and the Windows policy check as users reach them: GraphQL and REST on
// the whole service (Calico on Windows skips what felix/dataplane/windows/policysets/policysets.go does not program).

const TEMPLATE_FIELDS = `id title kind apiVersion mediaType description windowsEnforced source
  parameters { name type format enum minimum maximum minItems maxItems maxLength required default example description derivedBy }`;
const RENDER_FIELDS = 'templateId content mediaType warnings { code message source } parameters objects';
const CHECK_FIELDS = 'documents clean findings { path line rule message source rewrite { description yaml } }';

const RENDER = `query($id: String!, $p: JSON) { renderTemplate(id: $id, parameters: $p) { ${RENDER_FIELDS} } }`;
const CHECK = `query($m: String!) { checkPolicyForWindows(manifest: $m) { ${CHECK_FIELDS} } }`;

const templates = listTemplates();

function requiredExamples(template: PolicyTemplate): Record<string, JsonValue> {
  return Object.fromEntries(template.parameters.filter((p) => p.required).map((p) => [p.name, p.example]));
}

/** The required examples of a template, for tests that then break one parameter. */
function examplesOf(id: string): Record<string, JsonValue> {
  return requiredExamples(templates.find((t) => t.id === id)!);
}

/** Reads any response body as text (superagent only buffers text/* and JSON on its own). */
function asText(res: SuperagentResponse, callback: (err: Error | null, body: string) => void): void {
  let text = '';
  res.setEncoding('utf8');
  res.on('data', (chunk: string) => (text += chunk));
  res.on('end', () => callback(null, text));
}

// Windows check inputs. Every flagged rule is one Felix on Windows skips
// (projectcalico/calico felix/dataplane/windows/policysets/policysets.go).
const K8S_EXCEPT_AND_NAMED_PORT = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: web-egress, namespace: web}
spec:
  podSelector:
    matchLabels: {app: web}
  policyTypes: [Ingress, Egress]
  ingress:
    - ports:
        - {port: http}
  egress:
    - to:
        - ipBlock:
            cidr: 0.0.0.0/0
            except: [169.254.169.254/32]
      ports:
        - {protocol: TCP, port: 443}
`;
const CALICO_NOTNETS_AND_LOG = `apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata: {name: log-and-notnets, namespace: web}
spec:
  selector: app == "web"
  types: [Egress]
  egress:
    - action: Log
    - action: Allow
      destination:
        notNets: [169.254.169.254/32]
`;
const CLEAN = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: clean, namespace: web}
spec:
  podSelector: {matchLabels: {app: web}}
  ingress:
    - from: [{podSelector: {matchLabels: {app: client}}}]
      ports: [{protocol: TCP, port: 8080}]
`;
const CALICO_CLEAN = `apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata: {name: ok, namespace: web}
spec:
  order: 10
  selector: app == "web"
  types: [Egress]
  egress:
    - action: Deny
      destination: {nets: [169.254.169.254/32]}
    - action: Allow
      protocol: TCP
      destination: {ports: [443]}
`;
const SEVERAL = `${K8S_EXCEPT_AND_NAMED_PORT}---\n${CLEAN}---\n${CALICO_NOTNETS_AND_LOG}`;

function lineOf(text: string, needle: string): number {
  return text.split('\n').findIndex((l) => l.includes(needle)) + 1;
}

describe('policy templates and the Windows policy check', () => {
  let app: TestApp;
  let schemas: SchemaValidators;
  beforeAll(async () => {
    schemas = loadSchemaValidators();
    app = await startTestApp();
    // The eksctl template derives max-pods from the in-memory catalog: wait until it is loaded.
    await app.http.get('/health/ready').expect(200);
  });
  afterAll(async () => {
    await app?.close();
  });

  const gqlRender = (id: string, parameters?: unknown) => app.gql(RENDER, { id, p: parameters }).expect(200);
  const restRender = (id: string, parameters?: unknown) =>
    app.http.post(`/api/v1/templates/${encodeURIComponent(id)}/render`).send(parameters as object);

  describe('browse', () => {
    it('lists the whole catalogue the same way through GraphQL and REST', async () => {
      const gql = await app.gql(`{ policyTemplates { ${TEMPLATE_FIELDS} } }`).expect(200);
      expect(gql.body.errors).toBeUndefined();
      const rest = await app.http.get('/api/v1/templates').expect(200);
      expect(rest.body).toEqual(gql.body.data.policyTemplates);
      expect(rest.body.map((t: { id: string }) => t.id)).toEqual(templates.map((t) => t.id));
      expect(rest.body).toHaveLength(21);
      for (const [index, listed] of rest.body.entries()) {
        const core = templates[index]!;
        expect(listed).toMatchObject({
          id: core.id,
          title: core.title,
          kind: core.kind,
          description: core.description,
          windowsEnforced: core.windowsEnforced,
          source: core.source,
        });
        expect(listed.parameters.map((p: { name: string }) => p.name)).toEqual(core.parameters.map((p) => p.name));
        core.parameters.forEach((p, i) => {
          // default and example are JSON values, unchanged (arrays, label maps, null).
          expect(listed.parameters[i]).toMatchObject({
            name: p.name,
            type: p.type,
            required: p.required,
            default: p.default,
            example: p.example,
            description: p.description,
          });
          expect(listed.parameters[i].format).toBe(p.format ?? null);
          expect(listed.parameters[i].derivedBy).toBe(p.derivedBy ?? null);
        });
      }
    });

    it('shows one template by id; an unknown id is a 404 NOT_FOUND in REST and null in GraphQL', async () => {
      const rest = await app.http.get('/api/v1/templates/eksctl-windows-cluster').expect(200);
      const gql = await app.gql(`{ policyTemplate(id: "eksctl-windows-cluster") { ${TEMPLATE_FIELDS} } }`).expect(200);
      expect(rest.body).toEqual(gql.body.data.policyTemplate);
      const maxPods = rest.body.parameters.find((p: { name: string }) => p.name === 'maxPodsPerNode');
      expect(maxPods).toMatchObject({ type: 'integer', required: false, default: null, example: 9, minimum: 1, maximum: 250 });
      expect(maxPods.derivedBy).toContain('computeMaxPods');
      const ipMode = rest.body.parameters.find((p: { name: string }) => p.name === 'ipMode');
      expect(ipMode.enum).toEqual(['secondary-ip', 'prefix-delegation']);

      const missing = await app.http.get('/api/v1/templates/no-such-template').expect(404);
      expect(missing.body.error).toMatchObject({ code: 'NOT_FOUND', details: { templateId: 'no-such-template' } });
      expect(missing.body.error.details.known).toContain('default-deny-ingress');
      const gqlMissing = await app.gql('{ policyTemplate(id: "no-such-template") { id } }').expect(200);
      expect(gqlMissing.body).toEqual({ data: { policyTemplate: null } });
    });

    it('publishes the longest string each parameter takes, and a longer one is refused naming it, in both doors', async () => {
      const maxLengths = async (id: string) => {
        const rest = await app.http.get(`/api/v1/templates/${id}`).expect(200);
        const gql = await app.gql(`query($id: String!) { policyTemplate(id: $id) { ${TEMPLATE_FIELDS} } }`, { id }).expect(200);
        expect(rest.body).toEqual(gql.body.data.policyTemplate);
        return Object.fromEntries(rest.body.parameters.map((p: { name: string; maxLength: number | null }) => [p.name, p.maxLength]));
      };
      expect(await maxLengths('allow-dns-to-kube-dns')).toEqual({ namespace: 63, name: 253, podLabels: 63 });
      expect(await maxLengths('allow-from-selectors')).toMatchObject({ fromPodSelectors: 63 });
      const userdata = await maxLengths('windows-userdata-bootstrap-dsr');
      expect(userdata).toMatchObject({
        clusterName: 100,
        kubernetesVersion: 4,
        base64ClusterCA: 8192,
        instanceType: 64,
        kubeletExtraArgs: 1024,
        maxPods: null,
      });
      expect(userdata.ipMode).toBeNull(); // a closed set: its enum says it all

      // A cluster's real CA (EKS certificateAuthority.data: 1,424 characters for a 2048-bit RSA CA) renders;
      // it was refused as "at most 1024".
      const base = {
        clusterName: 'shop',
        kubernetesVersion: '1.33',
        apiServerEndpoint: 'https://ABCDEF0123456789.gr7.us-west-2.eks.amazonaws.com',
        dnsClusterIP: '172.20.0.10',
        serviceCIDR: '172.20.0.0/16',
        instanceType: 'm5.large',
      };
      const ca = 'QUJD'.repeat(356);
      const rendered = await restRender('windows-userdata-bootstrap-dsr', { ...base, base64ClusterCA: ca }).expect(200);
      expect(rendered.body.content).toContain(`-Base64ClusterCA '${ca}'`);
      const tooLong = { ...base, base64ClusterCA: 'QUJD'.repeat(2049) };
      const message = 'Parameter "base64ClusterCA": is 8196 characters long, at most 8192 allowed';
      const rest = await restRender('windows-userdata-bootstrap-dsr', tooLong).expect(400);
      expect(rest.body.error).toMatchObject({ code: 'VALIDATION_FAILED', message, details: { field: 'base64ClusterCA', rule: 'LENGTH' } });
      const gql = await gqlRender('windows-userdata-bootstrap-dsr', tooLong);
      expect(gql.body.errors[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        details: { field: 'base64ClusterCA', rule: 'LENGTH' },
      });
      expect(gql.body.errors[0].message).toBe(message);
      // Any other string stops at 1,024.
      const label = await restRender('windows-userdata-bootstrap-dsr', { ...base, kubeletExtraArgs: `--v=${'1'.repeat(1021)}` }).expect(
        400,
      );
      expect(label.body.error.message).toBe('Parameter "kubeletExtraArgs": is 1025 characters long, at most 1024 allowed');
    });
  });

  describe('render', () => {
    it.each(templates.map((t) => [t.id, t] as const))(
      '%s renders with only its required examples, the same through both doors, and validates',
      async (_id, template) => {
        const parameters = requiredExamples(template);
        const gql = await gqlRender(template.id, parameters);
        expect(gql.body.errors).toBeUndefined();
        const rendered = gql.body.data.renderTemplate;
        const rest = await restRender(template.id, parameters).expect(200);
        expect(rest.headers['content-type']).toMatch(/^application\/json/);
        expect(rest.body).toEqual(rendered);

        expect(rendered.templateId).toBe(template.id);
        expect(rendered.mediaType).toBe(template.mediaType);
        expect(rendered.parameters).toMatchObject(parameters);
        for (const warning of rendered.warnings) {
          expect(warning.code).toMatch(/^[A-Z][A-Z0-9_]+$/);
          expect(warning.message.length).toBeGreaterThan(0);
          expect(warning.source.length).toBeGreaterThan(0);
        }
        if (template.mediaType === 'application/yaml') {
          const documents = parseAllDocuments(rendered.content);
          const docs = Array.isArray(documents) ? documents : [];
          for (const doc of docs) expect(doc.errors).toEqual([]);
          const objects = docs.map((d) => d.toJS() as Record<string, unknown>);
          expect(objects).toEqual(rendered.objects);
          expect(objects[0]!.kind).toBe(template.kind);
          for (const object of objects) schemas.validate(object);
        } else if (template.mediaType === 'text/x-hcl') {
          expect(rendered.content).toContain('module "eks" {');
        } else {
          expect(template.mediaType).toBe('text/x-powershell');
          expect(rendered.content).toContain('enable-dsr=true');
        }

        // ?format=yaml (?format=hcl for Terraform): the bare content, as `kubectl apply -f -`, EC2 userdata or terraform reads it.
        const bare = await restRender(`${template.id}`, parameters)
          .query({ format: template.mediaType === 'text/x-hcl' ? 'hcl' : 'yaml' })
          .buffer(true)
          .parse(asText)
          .expect(200);
        expect(bare.body).toBe(rendered.content);
        const codes = rendered.warnings.map((w: { code: string }) => w.code).join(',');
        expect(bare.headers['x-render-warnings']).toBe(codes === '' ? undefined : codes);
        if (template.mediaType === 'application/yaml') {
          expect(bare.headers['content-type']).toBe('application/yaml; charset=utf-8');
          const documents = parseAllDocuments(bare.body as string);
          const docs = Array.isArray(documents) ? documents : [];
          expect(docs.length).toBeGreaterThan(0);
          for (const doc of docs) {
            expect(doc.errors).toEqual([]);
            const object = doc.toJS() as { apiVersion?: unknown; kind?: unknown };
            expect(typeof object.apiVersion).toBe('string');
            expect(typeof object.kind).toBe('string');
            schemas.validate(object as Record<string, unknown>);
          }
          expect((docs[0]!.toJS() as { apiVersion: string }).apiVersion).toBe(template.apiVersion);
        } else {
          expect(bare.headers['content-type']).toBe(`${template.mediaType}; charset=utf-8`);
        }
      },
    );

    it('?format=hcl is for the Terraform templates and ?format=yaml for the others: the wrong one is a 400 naming format', async () => {
      const tf = await restRender('terraform-eks-windows-managed-node-group', { clusterName: 'shop', kubernetesVersion: '1.33' })
        .query({ format: 'yaml' })
        .expect(400);
      expect(tf.body.error).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'format' } });
      expect(tf.body.error.message).toContain('format=hcl');
      const k8s = await restRender('karpenter-windows-nodepool', { clusterName: 'shop', kubernetesVersion: '1.33' })
        .query({ format: 'hcl' })
        .expect(400);
      expect(k8s.body.error.message).toContain('format=yaml');
    });

    function windowsNodeGroup(content: string): Record<string, unknown> {
      const config = parse(content.replace(/^#.*\n/, '')) as {
        nodeGroups?: Record<string, unknown>[];
        managedNodeGroups?: Record<string, unknown>[];
      };
      return (config.nodeGroups ?? config.managedNodeGroups)!.find((g) => g.name === 'windows-ng')!;
    }

    it.each([
      // aws/amazon-vpc-resource-controller-k8s: W = I - 1 in secondary-IP mode; (I - 1) * 16 with prefix delegation, then min(kubelet 110, W).
      ['m5.large', 'secondary-ip', 9],
      ['m5.large', 'prefix-delegation', 110], // W = 144, kubelet's Windows default 110 decides
      ['t3.xlarge', 'secondary-ip', 14],
      ['t3.xlarge', 'prefix-delegation', 110], // W = 224
    ])('eksctl: maxPodsPerNode for %s in %s mode comes from the capacity engine (%i)', async (instanceType, ipMode, expected) => {
      const parameters = {
        clusterName: 'windows-demo',
        region: 'us-west-2',
        kubernetesVersion: '1.33',
        windowsInstanceType: instanceType,
        ipMode,
      };
      const gql = await gqlRender('eksctl-windows-cluster', parameters);
      expect(gql.body.errors).toBeUndefined();
      const rendered = gql.body.data.renderTemplate;
      expect(rendered.parameters.maxPodsPerNode).toBe(expected);
      expect(windowsNodeGroup(rendered.content).maxPodsPerNode).toBe(expected);
      const rest = await restRender('eksctl-windows-cluster', parameters).expect(200);
      expect(rest.body).toEqual(rendered);
      const warnings = rendered.warnings.map((w: { code: string }) => w.code);
      expect(warnings).not.toContain('MAX_PODS_NOT_SET');
      if (ipMode === 'prefix-delegation') expect(warnings).toContain('EKSCTL_DOES_NOT_ENABLE_PD');
    });

    it('eksctl with only required parameters derives 9 for the default m5.large in secondary-IP mode', async () => {
      const rest = await restRender('eksctl-windows-cluster', {
        clusterName: 'windows-demo',
        region: 'us-west-2',
        kubernetesVersion: '1.33',
      }).expect(200);
      expect(rest.body.parameters).toMatchObject({ windowsInstanceType: 'm5.large', ipMode: 'secondary-ip', maxPodsPerNode: 9 });
    });

    it('an explicit maxPodsPerNode above capacity is kept, with a warning', async () => {
      const rest = await restRender('eksctl-windows-cluster', {
        clusterName: 'windows-demo',
        region: 'us-west-2',
        kubernetesVersion: '1.33',
        maxPodsPerNode: 20,
      }).expect(200);
      expect(windowsNodeGroup(rest.body.content).maxPodsPerNode).toBe(20);
      expect(rest.body.warnings.map((w: { code: string }) => w.code)).toContain('MAX_PODS_ABOVE_CAPACITY');
    });

    it('eksctl managed Windows group: the derived maxPodsPerNode is flagged as not applied by eksctl', async () => {
      const rest = await restRender('eksctl-windows-cluster', {
        clusterName: 'windows-demo',
        region: 'us-west-2',
        kubernetesVersion: '1.33',
        nodeGroupType: 'managed',
      }).expect(200);
      const warning = rest.body.warnings.find((w: { code: string }) => w.code === 'EKSCTL_MANAGED_WINDOWS_MAX_PODS_NOT_APPLIED');
      expect(warning.message).toMatch(/^eksctl does not apply maxPodsPerNode=9 to a managed Windows node group/);
    });

    it('the userdata bootstrap derives --max-pods from instanceType', async () => {
      const rest = await restRender('windows-userdata-bootstrap-dsr', {
        clusterName: 'windows-demo',
        kubernetesVersion: '1.33',
        instanceType: 'm5.large',
      }).expect(200);
      expect(rest.body.parameters.maxPods).toBe(9);
      expect(rest.body.content).toContain('--max-pods=9');
    });

    it('an instance type the catalog does not have is 404 INSTANCE_TYPE_NOT_FOUND in both doors', async () => {
      const parameters = {
        clusterName: 'windows-demo',
        region: 'us-west-2',
        kubernetesVersion: '1.33',
        windowsInstanceType: 'm5.gigantic',
      };
      const rest = await restRender('eksctl-windows-cluster', parameters).expect(404);
      expect(rest.body.error).toMatchObject({ code: 'INSTANCE_TYPE_NOT_FOUND', details: { instanceType: 'm5.gigantic' } });
      expect(rest.body.error.details.suggestions).toContain('m5.large');
      const gql = await gqlRender('eksctl-windows-cluster', parameters);
      expect(gql.body.data).toBeNull();
      expect(gql.body.errors[0].extensions).toMatchObject({ code: 'INSTANCE_TYPE_NOT_FOUND', details: { instanceType: 'm5.gigantic' } });
    });

    it('a type that can never be a Windows node is 400 naming the parameter, in both doors, not --max-pods=0', async () => {
      for (const [id, parameters, rule] of [
        [
          'eksctl-windows-cluster',
          { clusterName: 'demo', region: 'us-west-2', kubernetesVersion: '1.33', windowsInstanceType: 'm6g.large' },
          'WINDOWS_UNSUPPORTED_ARCHITECTURE',
        ],
        [
          'windows-userdata-bootstrap-dsr',
          { clusterName: 'demo', kubernetesVersion: '1.33', instanceType: 'p4d.24xlarge' },
          'EC2_REFUSES_WINDOWS',
        ],
      ] as const) {
        const field = Object.keys(parameters).at(-1)!;
        const rest = await restRender(id, parameters).expect(400);
        expect(rest.body.error).toMatchObject({ code: 'VALIDATION_FAILED', details: { field, rule } });
        const gql = await gqlRender(id, parameters);
        expect(gql.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', details: { field, rule } });
      }
    });

    const NS = { namespace: 'payments' };
    it.each([
      ['an unknown parameter', 'default-deny-ingress', { ...NS, bogus: 1 }, 'bogus', 'UNKNOWN_PARAMETER'],
      ['a wrong type', 'default-deny-ingress', { namespace: 5 }, 'namespace', 'TYPE'],
      ['a missing required parameter', 'default-deny-ingress', {}, 'namespace', 'REQUIRED'],
      ['a namespace that is not an RFC 1123 label', 'default-deny-ingress', { namespace: 'Payments_NS' }, 'namespace', 'RFC1123_LABEL'],
      ['a malformed CIDR', 'allow-egress-to-cidrs', { ...examplesOf('allow-egress-to-cidrs'), cidrs: ['10.0.0/16'] }, 'cidrs', 'IPV4_CIDR'],
      [
        'a CIDR with host bits',
        'allow-egress-to-cidrs',
        { ...examplesOf('allow-egress-to-cidrs'), cidrs: ['10.20.0.1/16'] },
        'cidrs',
        'CIDR_HOST_BITS',
      ],
      ['an IPv6 CIDR', 'allow-egress-to-cidrs', { ...examplesOf('allow-egress-to-cidrs'), cidrs: ['fd00::/8'] }, 'cidrs', 'IPV4_CIDR'],
      ['a port out of range', 'allow-only-ports', { ...examplesOf('allow-only-ports'), ports: [70000] }, 'ports', 'PORT_RANGE'],
      [
        'an ipMode outside its enum',
        'eksctl-windows-cluster',
        { clusterName: 'a', region: 'us-west-2', kubernetesVersion: '1.33', ipMode: 'overlay' },
        'ipMode',
        'ENUM',
      ],
      ['parameters that are not an object', 'default-deny-ingress', ['payments'], 'parameters', 'NOT_AN_OBJECT'],
    ])('%s is a 400 naming the parameter and the rule in both doors', async (_name, id, parameters, field, rule) => {
      const rest = await restRender(id, parameters).expect(400);
      expect(rest.body.error).toMatchObject({ code: 'VALIDATION_FAILED', details: { field, rule } });
      expect(rest.body.error.message).toContain(field);
      const gql = await gqlRender(id, parameters);
      expect(gql.body.data).toBeNull();
      expect(gql.body.errors[0].message).toBe(rest.body.error.message);
      expect(gql.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', details: { field, rule } });
    });

    it('a REST body that is not a JSON object is a 400 (415 when it is not JSON at all)', async () => {
      const text = await app.http
        .post('/api/v1/templates/default-deny-ingress/render')
        .set('content-type', 'text/plain')
        .send('namespace: payments')
        .expect(415);
      expect(text.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
      const array = await app.http
        .post('/api/v1/templates/default-deny-ingress/render')
        .set('content-type', 'application/json')
        .send('["payments"]')
        .expect(400);
      expect(array.body.error).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'parameters', rule: 'NOT_AN_OBJECT' } });
      const scalar = await app.http
        .post('/api/v1/templates/default-deny-ingress/render')
        .set('content-type', 'application/json')
        .send('"payments"')
        .expect(400);
      expect(scalar.body.error.code).toBe('VALIDATION_FAILED');
      const malformed = await app.http
        .post('/api/v1/templates/default-deny-ingress/render')
        .set('content-type', 'application/json')
        .send('{"namespace":')
        .expect(400);
      expect(malformed.body.error.code).toBe('VALIDATION_FAILED');
    });

    it('an unknown format is a 400 naming format', async () => {
      const res = await restRender('default-deny-ingress', NS).query({ format: 'xml' }).expect(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(res.body.error.details.violations[0]).toMatchObject({ field: 'format' });
    });

    it('an unknown template is 404 NOT_FOUND in REST and NOT_FOUND in GraphQL', async () => {
      const rest = await restRender('no-such-template', NS).expect(404);
      expect(rest.body.error).toMatchObject({ code: 'NOT_FOUND', details: { templateId: 'no-such-template' } });
      const gql = await gqlRender('no-such-template', NS);
      expect(gql.body.errors[0].extensions).toMatchObject({ code: 'NOT_FOUND', details: { templateId: 'no-such-template' } });
    });

    it('an over-long value is refused in both doors with a short message quoting its start and length, not the value whole', async () => {
      const cases: Array<{ id: string; parameters: Record<string, unknown>; status: number; code: string; message: string }> = [
        {
          id: 'allow-dns-to-kube-dns',
          parameters: { namespace: 'payments', podLabels: { app: 'x'.repeat(100_000) } },
          status: 400,
          code: 'VALIDATION_FAILED',
          message: `Parameter "podLabels": label value "${'x'.repeat(64)}…" (100000 characters) of "app" is not a valid label value (at most 63 alphanumerics, "-", "_", ".", starting and ending alphanumeric)`,
        },
        {
          id: 'allow-dns-to-kube-dns',
          parameters: { namespace: 'payments', podLabels: { ['k'.repeat(10_000)]: 'web' } },
          status: 400,
          code: 'VALIDATION_FAILED',
          message: `Parameter "podLabels": label key "${'k'.repeat(64)}…" (10000 characters) is not a valid label key ([prefix/]name, name at most 63 alphanumerics, "-", "_", ".")`,
        },
        {
          id: 'vpc-cni-windows-ipam-configmap',
          parameters: { keyFamily: 'w'.repeat(1000) },
          status: 400,
          code: 'VALIDATION_FAILED',
          message: `Parameter "keyFamily": "${'w'.repeat(64)}…" (1000 characters) is not one of "windows", "shared"`,
        },
        {
          id: 'default-deny-ingress',
          parameters: { namespace: 'payments', ['p'.repeat(10_000)]: 1 },
          status: 400,
          code: 'VALIDATION_FAILED',
          message: `Parameter "${'p'.repeat(64)}…" (10000 characters) is not declared by this template (known: namespace, name)`,
        },
        {
          id: 't'.repeat(10_000),
          parameters: NS,
          status: 404,
          code: 'NOT_FOUND',
          message: `No policy template with id "${'t'.repeat(64)}…" (10000 characters)`,
        },
      ];
      for (const { id, parameters, status, code, message } of cases) {
        const rest = await restRender(id, parameters).expect(status);
        expect(rest.body.error.code).toBe(code);
        expect(rest.body.error.message).toBe(message);
        expect(JSON.stringify(rest.body).length).toBeLessThan(2000);
        const gql = await gqlRender(id, parameters);
        expect(gql.body.errors[0].extensions.code).toBe(code === 'VALIDATION_FAILED' ? 'BAD_USER_INPUT' : code);
        expect(gql.body.errors[0].message).toBe(message);
        expect(JSON.stringify(gql.body).length).toBeLessThan(2000);
      }
      const shown = await app.http.get(`/api/v1/templates/${'t'.repeat(10_000)}`).expect(404);
      expect(shown.body.error.message).toBe(`No policy template with id "${'t'.repeat(64)}…" (10000 characters)`);
      expect(shown.body.error.details.templateId).toBe(`${'t'.repeat(64)}…`);
    });
  });

  describe('Windows policy check', () => {
    const check = (manifest: string) => app.http.post('/api/v1/policies/windows-check').send({ manifest });

    it('finds every skipped rule of a multi-document manifest with paths, lines and rewrites, the same in every door', async () => {
      const gql = await app.gql(CHECK, { m: SEVERAL }).expect(200);
      expect(gql.body.errors).toBeUndefined();
      const result = gql.body.data.checkPolicyForWindows;
      const json = await check(SEVERAL).expect(200);
      expect(json.body).toEqual(result);
      for (const type of ['application/yaml', 'text/yaml']) {
        const raw = await app.http.post('/api/v1/policies/windows-check').set('content-type', type).send(SEVERAL).expect(200);
        expect(raw.body).toEqual(result);
      }

      expect(result.documents).toBe(3);
      expect(result.clean).toBe(false);
      expect(result.findings.map((f: { path: string; rule: string }) => [f.path, f.rule])).toEqual([
        ['documents[0].spec.ingress[0].ports[0].port', 'NAMED_PORT'],
        ['documents[0].spec.egress[0].to[0].ipBlock.except', 'NEGATIVE_MATCH'],
        ['documents[2].spec.egress[0].action', 'LOG_ACTION'],
        ['documents[2].spec.egress[1].destination.notNets', 'NEGATIVE_MATCH'],
      ]);
      const [namedPort, except, log, notNets] = result.findings;
      expect(namedPort.line).toBe(lineOf(SEVERAL, '{port: http}'));
      expect(except.line).toBe(lineOf(SEVERAL, 'except:'));
      expect(log.line).toBe(lineOf(SEVERAL, 'action: Log'));
      expect(notNets.line).toBe(lineOf(SEVERAL, 'notNets:'));
      for (const finding of result.findings) {
        expect(finding.source).toContain('felix/dataplane/windows/policysets/policysets.go');
        expect(finding.message).toContain('skips the whole rule');
        expect(finding.rewrite.description.length).toBeGreaterThan(0);
      }
      expect(namedPort.rewrite.yaml).toBeNull();
      expect(parse(except.rewrite.yaml)).toEqual([
        { action: 'Deny', destination: { nets: ['169.254.169.254/32'] } },
        { action: 'Allow', destination: { nets: ['0.0.0.0/0'] } },
      ]);
      expect(parse(notNets.rewrite.yaml)).toEqual([{ action: 'Deny', destination: { nets: ['169.254.169.254/32'] } }, { action: 'Allow' }]);
    });

    it('the WindowsPolicyRule values say what each finding means, which is not always a skipped rule (GraphQL and OpenAPI)', async () => {
      const calico = (spec: string) =>
        `apiVersion: projectcalico.org/v3\nkind: NetworkPolicy\nmetadata: {name: p, namespace: web}\nspec:\n  selector: all()\n${spec}`;
      const egress = (rule: string) => calico(`  types: [Egress]\n  egress:\n    - ${rule}\n`);
      const k8s = (spec: string) =>
        `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p, namespace: web}\nspec:\n  podSelector: {}\n${spec}`;
      // One policy per finding the check gives, and the phrase that says its effect, in the finding's
      // message and in its value's description alike.
      const samples: Array<{ rule: string; manifest: string; effect: string }> = [
        {
          rule: 'NEGATIVE_MATCH',
          manifest: egress('{action: Allow, destination: {notNets: [10.0.0.0/8]}}'),
          effect: 'skips the whole rule',
        },
        { rule: 'NAMED_PORT', manifest: k8s('  ingress:\n    - ports: [{port: http}]\n'), effect: 'skips the whole rule' },
        { rule: 'ICMP_TYPE_CODE', manifest: egress('{action: Allow, protocol: ICMP, icmp: {type: 8}}'), effect: 'skips the whole rule' },
        { rule: 'LOG_ACTION', manifest: egress('{action: Log}'), effect: 'skips the whole rule' },
        { rule: 'PASS_ACTION', manifest: egress('{action: Pass}'), effect: 'Calico 3.29' },
        { rule: 'HTTP_MATCH', manifest: egress('{action: Allow, http: {methods: [GET]}}'), effect: 'plain L4 rule' },
        { rule: 'IPV6', manifest: egress('{action: Allow, ipVersion: 6}'), effect: 'skips the whole rule' },
        { rule: 'IPV6', manifest: egress('{action: Allow, protocol: ICMPv6}'), effect: 'never matches' },
        { rule: 'IPV6', manifest: egress('{action: Allow, destination: {nets: [10.0.0.0/8, "fd00::/8"]}}'), effect: 'drops IPv6 CIDRs' },
        { rule: 'IPV6', manifest: k8s('  egress:\n    - to: [{ipBlock: {cidr: "::/0"}}]\n'), effect: 'never matches' },
        {
          rule: 'HOST_ENDPOINT_FIELD',
          manifest: calico('  doNotTrack: true\n  types: [Ingress]\n  ingress: [{action: Allow}]\n'),
          effect: 'ignore',
        },
      ];
      const type = await app.gql('{ __type(name: "WindowsPolicyRule") { description enumValues { name description } } }').expect(200);
      const described = new Map<string, string>(
        type.body.data.__type.enumValues.map((v: { name: string; description: string | null }) => [v.name, v.description ?? '']),
      );
      expect(type.body.data.__type.description).not.toMatch(/skips a rule/);
      const doc = (await app.http.get('/api/docs-json').expect(200)).body;
      const openApi: string = doc.components.schemas.WindowsPolicyFinding.properties.rule.description ?? '';
      expect([...new Set(samples.map((s) => s.rule))].sort()).toEqual([...described.keys()].sort());
      for (const { rule, manifest, effect } of samples) {
        const res = await check(manifest).expect(200);
        const found = res.body.findings.filter((f: { rule: string }) => f.rule === rule);
        expect(found, manifest).toHaveLength(1);
        expect(found[0].message, rule).toContain(effect);
        expect(described.get(rule), rule).toContain(effect);
        expect(openApi).toContain(`${rule}: ${described.get(rule)}`);
      }
    });

    it('a clean multi-document manifest (Kubernetes and Calico) has no findings', async () => {
      const manifest = `${CLEAN}---\n${CALICO_CLEAN}`;
      const expected = { documents: 2, clean: true, findings: [] };
      await check(manifest).expect(200, expected);
      const gql = await app.gql(CHECK, { m: manifest }).expect(200);
      expect(gql.body.data.checkPolicyForWindows).toEqual(expected);
    });

    it('the rendered Windows-enforced policy templates pass the check', async () => {
      for (const template of templates.filter((t) => t.windowsEnforced && t.kind.endsWith('NetworkPolicy'))) {
        const rendered = await restRender(template.id, requiredExamples(template)).expect(200);
        const res = await check(rendered.body.content).expect(200);
        expect([template.id, res.body.findings]).toEqual([template.id, []]);
      }
    });

    it.each([
      ['malformed YAML', `${CLEAN}---\nkind: NetworkPolicy\nspec: [unclosed\n`, { reason: 'MALFORMED_YAML', documentIndex: 1 }],
      [
        'an unknown kind',
        `${CLEAN}---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: x}\n`,
        { reason: 'UNKNOWN_KIND', documentIndex: 1, kind: 'Deployment' },
      ],
      ['an empty manifest', '', { reason: 'EMPTY' }],
      ['a scalar document', 'just text\n', { reason: 'NOT_AN_OBJECT' }],
    ])('%s is 422 UNPROCESSABLE_DOCUMENT in both doors', async (_name, manifest, details) => {
      const rest = await check(manifest).expect(422);
      expect(rest.body.error).toMatchObject({ code: 'UNPROCESSABLE_DOCUMENT', details });
      const raw = await app.http.post('/api/v1/policies/windows-check').set('content-type', 'application/yaml').send(manifest).expect(422);
      expect(raw.body.error).toEqual({ ...rest.body.error, requestId: raw.body.error.requestId });
      const gql = await app.gql(CHECK, { m: manifest }).expect(200);
      expect(gql.body.data).toBeNull();
      expect(gql.body.errors[0].message).toBe(rest.body.error.message);
      expect(gql.body.errors[0].extensions).toMatchObject({ code: 'UNPROCESSABLE_DOCUMENT', details });
    });

    it.each([
      ['manifest missing', {}],
      ['manifest not a string', { manifest: 5 }],
      ['an unknown field', { manifest: CLEAN, strict: true }],
      ['an array body', [CLEAN]],
    ])('%s is a 400', async (_name, body) => {
      const res = await app.http.post('/api/v1/policies/windows-check').send(body).expect(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    });

    it('a JSON body that is not JSON at all is a 400, and GraphQL requires manifest', async () => {
      const res = await app.http
        .post('/api/v1/policies/windows-check')
        .set('content-type', 'application/json')
        .send('manifest: x')
        .expect(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      const gql = await app.gql(`{ checkPolicyForWindows { clean } }`);
      expect(gql.status).toBe(400);
      expect(gql.body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    });

    it('more than 100 documents is 413 PAYLOAD_TOO_LARGE', async () => {
      const manifest = Array.from({ length: 101 }, () => CLEAN).join('---\n');
      const res = await check(manifest).expect(413);
      expect(res.body.error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', details: { documents: 101, limit: 100 } });
    });
  });

  it('documents the routes in OpenAPI under the templates and policies tags', async () => {
    const json = await app.http.get('/api/docs-json').expect(200);
    const paths = json.body.paths;
    expect(paths['/api/v1/templates'].get.tags).toEqual(['templates']);
    expect(paths['/api/v1/templates/{id}'].get.tags).toEqual(['templates']);
    const render = paths['/api/v1/templates/{id}/render'].post;
    expect(render.tags).toEqual(['templates']);
    expect(render.summary).toBeTruthy();
    expect(Object.keys(render.responses['200'].content)).toEqual([
      'application/json',
      'application/yaml',
      'text/x-powershell',
      'text/x-hcl',
    ]);
    expect(render.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['id', 'format']));
    const check = paths['/api/v1/policies/windows-check'].post;
    expect(check.tags).toEqual(['policies']);
    expect(Object.keys(check.requestBody.content)).toEqual(['application/json', 'application/yaml', 'text/yaml']);
    expect(check.responses['200'].content['application/json'].schema.$ref).toBe('#/components/schemas/WindowsPolicyCheck');
    expect(json.body.components.schemas.RenderedTemplate.properties).toHaveProperty('content');
  });
});
