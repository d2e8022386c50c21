import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Deployment } from 'kubernetes-models/apps/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { ConfigMap, Namespace, Secret, Service, ServiceAccount } from 'kubernetes-models/v1';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { projectPath } from '../src/common/project-path.js';

// The deployment files (Dockerfile, docker-compose.yml, deploy/) are checked as data: no Docker
// engine or cluster runs here, so their important properties are asserted by parsing them.
const K8S_DIR = projectPath('deploy', 'kubernetes');
const read = (...p: string[]) => readFileSync(projectPath(...p), 'utf8');

type Obj = Record<string, any>;

function loadManifests(): Obj[] {
  const out: Obj[] = [];
  for (const file of readdirSync(K8S_DIR)
    .filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml')
    .sort()) {
    for (const doc of parseAllDocuments(readFileSync(join(K8S_DIR, file), 'utf8'))) {
      expect(doc.errors, file).toEqual([]);
      const obj = doc.toJS() as Obj | null;
      if (obj) out.push({ ...obj, __file: file });
    }
  }
  return out;
}

const manifests = loadManifests();
const strip = ({ __file: _f, ...obj }: Obj) => obj;
function one(kind: string): Obj {
  const found = manifests.filter((m) => m.kind === kind);
  expect(found, `exactly one ${kind}`).toHaveLength(1);
  return strip(found[0]);
}

/** The service's HTTP routes, read from its controllers' decorators (no app needed). */
function declaredHttpPaths(): Set<string> {
  const paths = new Set<string>();
  const controllers = ['src/health/health.controller.ts', 'src/metrics/metrics.controller.ts'];
  for (const file of controllers) {
    const src = read(file);
    const base = /@Controller\('([^']*)'\)/.exec(src)?.[1] ?? '';
    for (const m of src.matchAll(/@Get\((?:'([^']*)')?\)/g)) paths.add(`/${[base, m[1]].filter(Boolean).join('/')}`);
  }
  return paths;
}

describe('Kubernetes manifests (deploy/kubernetes)', () => {
  const VALIDATORS: Record<string, (o: Obj) => { validate(): void }> = {
    Namespace: (o) => new Namespace(o as any),
    ServiceAccount: (o) => new ServiceAccount(o as any),
    ConfigMap: (o) => new ConfigMap(o as any),
    Secret: (o) => new Secret(o as any),
    Deployment: (o) => new Deployment(o as any),
    Service: (o) => new Service(o as any),
    PodDisruptionBudget: (o) => new PodDisruptionBudget(o as any),
  };

  it('has every kind, each valid against the Kubernetes schema, all in one namespace', () => {
    expect(manifests.map((m) => m.kind).sort()).toEqual(
      ['ConfigMap', 'Deployment', 'Namespace', 'PodDisruptionBudget', 'Secret', 'Service', 'ServiceAccount'].sort(),
    );
    for (const m of manifests) {
      const validator = VALIDATORS[m.kind];
      expect(validator, `${m.__file}: unexpected kind ${m.kind}`).toBeDefined();
      expect(() => validator(strip(m)).validate(), m.__file).not.toThrow();
    }
    const ns = one('Namespace').metadata.name;
    for (const m of manifests.filter((x) => x.kind !== 'Namespace')) expect(m.metadata.namespace, m.__file).toBe(ns);
  });

  it('the kustomization lists every manifest file', () => {
    const kustomization = parse(read('deploy', 'kubernetes', 'kustomization.yaml')) as { resources: string[] };
    const files = readdirSync(K8S_DIR).filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml');
    expect([...kustomization.resources].sort()).toEqual(files.sort());
  });

  const deployment = one('Deployment');
  const pod = deployment.spec.template.spec;
  const container = pod.containers[0];

  it('runs several replicas, spread over zones, never all down in a rollout', () => {
    expect(deployment.spec.replicas).toBeGreaterThanOrEqual(2);
    expect(deployment.spec.replicas).toBe(3);
    expect(deployment.spec.strategy.rollingUpdate.maxUnavailable).toBe(0);
    const keys = pod.topologySpreadConstraints.map((c: Obj) => c.topologyKey);
    expect(keys).toContain('topology.kubernetes.io/zone');
    for (const c of pod.topologySpreadConstraints) expect(c.labelSelector.matchLabels).toEqual(deployment.spec.selector.matchLabels);
    expect(pod.terminationGracePeriodSeconds).toBeGreaterThanOrEqual(30);
  });

  it('selects its own pods', () => {
    const labels = deployment.spec.template.metadata.labels;
    for (const [k, v] of Object.entries(deployment.spec.selector.matchLabels)) expect(labels[k]).toBe(v);
  });

  it('probes routes the service has: liveness and startup on /health/live, readiness on /health/ready', () => {
    const paths = declaredHttpPaths();
    expect(paths).toContain('/health/live');
    expect(paths).toContain('/health/ready');
    expect(container.livenessProbe.httpGet.path).toBe('/health/live');
    expect(container.readinessProbe.httpGet.path).toBe('/health/ready');
    expect(container.startupProbe.httpGet.path).toBe('/health/live');
    for (const probe of [container.livenessProbe, container.readinessProbe, container.startupProbe]) {
      expect(paths).toContain(probe.httpGet.path);
      expect(container.ports.map((p: Obj) => p.name)).toContain(probe.httpGet.port);
    }
    expect(container.ports[0].containerPort).toBe(3000);
    // the startup probe covers migrations and the first catalog load (minutes, not seconds)
    expect(container.startupProbe.periodSeconds * container.startupProbe.failureThreshold).toBeGreaterThanOrEqual(120);
  });

  it('runs as non-root on a read-only root filesystem, with /tmp an emptyDir', () => {
    expect(pod.securityContext.runAsNonRoot).toBe(true);
    expect(pod.securityContext.runAsUser).toBeGreaterThan(0);
    expect(container.securityContext).toMatchObject({
      runAsNonRoot: true,
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
    });
    const tmp = container.volumeMounts.find((m: Obj) => m.mountPath === '/tmp');
    expect(tmp).toBeDefined();
    expect(pod.volumes.find((v: Obj) => v.name === tmp.name).emptyDir).toBeDefined();
    expect(container.resources.requests.cpu).toBeDefined();
    expect(container.resources.requests.memory).toBeDefined();
    expect(container.resources.limits.memory).toBeDefined();
  });

  it('takes config from the ConfigMap and secrets from the Secret, through the IRSA service account', () => {
    const refs = container.envFrom.map((e: Obj) => e.configMapRef?.name ?? e.secretRef?.name);
    expect(refs).toEqual([one('ConfigMap').metadata.name, one('Secret').metadata.name]);
    expect(pod.serviceAccountName).toBe(one('ServiceAccount').metadata.name);
    expect(one('ServiceAccount').metadata.annotations['eks.amazonaws.com/role-arn']).toMatch(/^arn:aws:iam::\d{12}:role\/\S+$/);
    const config = one('ConfigMap').data as Record<string, string>;
    expect(config).not.toHaveProperty('DATABASE_URL');
    expect(config).not.toHaveProperty('ADMIN_API_KEY');
    expect(config.NODE_ENV).toBe('production');
  });

  it('the Secret holds placeholders only', () => {
    const secret = one('Secret');
    expect(Object.keys(secret.stringData).sort()).toEqual(['ADMIN_API_KEY', 'DATABASE_URL']);
    expect(secret.data).toBeUndefined();
    for (const value of Object.values(secret.stringData) as string[]) expect(value).toMatch(/REPLACE/);
  });

  it("the PodDisruptionBudget and the Service select exactly the Deployment's pods", () => {
    const pdb = one('PodDisruptionBudget');
    expect(pdb.spec.selector.matchLabels).toEqual(deployment.spec.selector.matchLabels);
    const budget = pdb.spec.minAvailable !== undefined ? deployment.spec.replicas - pdb.spec.minAvailable : pdb.spec.maxUnavailable;
    expect(budget).toBe(1);
    const service = one('Service');
    expect(service.spec.selector).toEqual(deployment.spec.selector.matchLabels);
    expect(container.ports.map((p: Obj) => p.name)).toContain(service.spec.ports[0].targetPort);
  });
});

describe('IAM policy (deploy/iam/eks-net-planner-policy.json)', () => {
  it('allows exactly the three EC2 reads and the Price List read the refresh makes, on any resource', () => {
    const policy = JSON.parse(read('deploy', 'iam', 'eks-net-planner-policy.json')) as {
      Version: string;
      Statement: Array<{ Effect: string; Action: string | string[]; Resource: string | string[] }>;
    };
    expect(policy.Version).toBe('2012-10-17');
    expect(policy.Statement.every((s) => s.Effect === 'Allow' && s.Resource === '*')).toBe(true);
    const actions = policy.Statement.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));
    expect([...actions].sort()).toEqual([
      'ec2:DescribeInstanceTypeOfferings',
      'ec2:DescribeInstanceTypes',
      'ec2:DescribeRegions',
      'pricing:GetProducts',
    ]);
  });

  it('names every Price List action the source calls', () => {
    const source = read('src', 'catalog', 'pricing', 'price-list-source.ts');
    const commands = new Set([...source.matchAll(/\bpaginate(\w+)\(|\b(\w+)Command\b/g)].map((m) => `pricing:${m[1] ?? m[2]}`));
    expect([...commands].sort()).toEqual(['pricing:GetProducts']);
  });

  it('names every EC2 action the source calls', () => {
    const source = readdirSync(projectPath('src', 'catalog', 'ec2'))
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts'))
      .map((f) => read('src', 'catalog', 'ec2', f))
      .join('\n');
    // SDK commands (DescribeRegionsCommand) and paginators (paginateDescribeInstanceTypeOfferings)
    const commands = new Set(
      [...source.matchAll(/\b(?:(\w+)Command|paginate(\w+))\b/g)].map((m) => `ec2:${m[1] ?? m[2]}`).filter((a) => a !== 'ec2:'),
    );
    expect([...commands].sort()).toEqual(['ec2:DescribeInstanceTypeOfferings', 'ec2:DescribeInstanceTypes', 'ec2:DescribeRegions']);
  });
});

describe('docker-compose.yml', () => {
  const compose = parse(read('docker-compose.yml')) as { services: Record<string, Obj>; volumes: Obj };
  const postgres = compose.services.postgres;
  const planner = compose.services.planner;

  it('runs PostgreSQL 16 with pg_isready and a volume', () => {
    expect(postgres.image).toMatch(/^postgres:16\b/);
    expect(postgres.healthcheck.test.join(' ')).toContain('pg_isready');
    const volume = postgres.volumes[0].split(':')[0];
    expect(compose.volumes).toHaveProperty(volume);
  });

  it('starts the service once PostgreSQL is healthy, checks /health/ready, and has no default admin key', () => {
    expect(planner.build).toBeDefined();
    expect(planner.depends_on.postgres.condition).toBe('service_healthy');
    expect(planner.healthcheck.test.join(' ')).toContain('/health/ready');
    expect(planner.environment.DATABASE_URL).toMatch(/^postgres:\/\/.*@postgres:5432\//);
    expect(planner.environment.ADMIN_API_KEY).toMatch(/^\$\{ADMIN_API_KEY(:-|:\?[^}]*)?\}$/);
    expect(read('docker-compose.yml')).toMatch(/migrations/i);
  });
});

describe('Dockerfile', () => {
  const dockerfile = read('Dockerfile');
  const lines = dockerfile.split('\n').filter((l) => l.trim() && !l.trim().startsWith('#'));
  const stages = dockerfile.split(/^FROM /m).slice(1);
  const runtime = stages[stages.length - 1];

  it('builds in one stage and runs production dependencies in a node:22-bookworm-slim runtime', () => {
    expect(dockerfile).toMatch(/ARG NODE_IMAGE=node:22-bookworm-slim/);
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(dockerfile).toMatch(/RUN npm ci\b(?!.*--omit=dev)/);
    expect(dockerfile).toMatch(/RUN npm run build/);
    expect(dockerfile).toMatch(/npm ci --omit=dev/);
    expect(runtime).not.toMatch(/npm ci(?! --omit=dev)/);
  });

  it('ships dist/, package.json (the project root marker) and the bundled snapshot the service reads at run time', () => {
    expect(runtime).toMatch(/COPY --from=build \S* ?\/app\/dist \.\/dist/);
    expect(runtime).toMatch(/COPY \S* ?package\.json \.\//);
    expect(runtime).toMatch(/COPY \S* ?src\/catalog\/snapshot \.\/src\/catalog\/snapshot/);
    expect(read('src', 'catalog', 'bundled-catalog.ts')).toContain("projectPath('src', 'catalog', 'snapshot')");
    // migrations are compiled into dist by the build config
    expect(parse(read('tsconfig.build.json')).include).toContain('migrations/**/*.ts');
  });

  it('runs as the node user on port 3000, in production, with a liveness healthcheck', () => {
    expect(runtime).toMatch(/^USER node$/m);
    expect(runtime).toMatch(/^EXPOSE 3000$/m);
    expect(runtime).toMatch(/NODE_ENV=production/);
    expect(runtime).toMatch(/HEALTHCHECK[\s\S]*\/health\/live/);
    expect(lines.at(-1)).toBe('CMD ["node", "--max-old-space-size=256", "dist/src/main.js"]');
  });

  it('.dockerignore keeps node_modules, dist, local data and secrets out of the build context', () => {
    const ignored = read('.dockerignore')
      .split('\n')
      .map((l) => l.trim());
    for (const entry of ['node_modules', 'dist', '.data', '.git', '.env']) expect(ignored).toContain(entry);
    expect(ignored).not.toContain('src');
    expect(ignored).not.toContain('migrations');
  });
});
