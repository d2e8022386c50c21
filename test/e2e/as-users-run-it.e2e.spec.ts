import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApolloClient, HttpLink, InMemoryCache, gql } from '@apollo/client';
import { GraphQLClient, gql as gqlRequest } from 'graphql-request';
import createClient from 'openapi-fetch';
import openapiTS, { astToString } from 'openapi-typescript';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectPath } from '../../src/common/project-path.js';
import { launchBrowser } from '../support/browser.js';
import { startFakeEc2, type FakeEc2 } from '../support/fake-ec2/index.js';
import { copyProjectForStart } from '../support/project-copy.js';

/**
 * The curl commands of the README's shell blocks and inline code: each a whole command (backslash
 * continuations joined), without a pipe into other tools.
 */
function readmeCurlExamples(readme: string): string[] {
  const found: string[] = [];
  for (const block of readme.matchAll(/```sh\n([\s\S]*?)```/g)) {
    const lines = block[1]!.replace(/\\\n\s*/g, ' ').split('\n');
    for (const line of lines) if (/^curl\s/.test(line.trim())) found.push(line.replace(/\s+#.*$/, '').trim());
  }
  for (const inline of readme.matchAll(/`(curl\s[^`]+)`/g)) found.push(inline[1]!.split(' | ')[0]!.trim());
  return found;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

// The README's first command is `npm install && npm start`: this spec runs `npm start` itself, in a copy
// of the checkout, on a fresh embedded data directory (no DATABASE_URL, the bundled catalog), and talks to
// the process with the clients users have: Apollo Client, graphql-request, a REST client typed from the
// OpenAPI document the service serves, and a browser in the playground. What it starts is what the image
// runs (`node --max-old-space-size=256 dist/src/main.js`, the last step of `npm start`).
describe('the service as users run it: `npm start`, then third-party clients', () => {
  const checkout = copyProjectForStart();
  const dataDir = mkdtempSync(join(tmpdir(), 'planner-users-'));
  let child: ChildProcess | undefined;
  let exited: Promise<number | null> | undefined;
  let output = '';
  let base = '';
  let browser: Browser | undefined;
  let ec2: FakeEc2 | undefined;
  const adminKey = 'users-spec-admin-key-0123456789';

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    // The README's refresh example reaches "EC2": here the local Query-API endpoint, through the real SDK.
    ec2 = await startFakeEc2();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      ADMIN_API_KEY: adminKey,
      AWS_ENDPOINT_URL_EC2: ec2.url,
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'AKIDUSERSPEC',
      AWS_SECRET_ACCESS_KEY: 'secret',
    };
    delete env.DATABASE_URL;
    delete env.NODE_ENV;
    child = spawn('npm', ['start'], { cwd: checkout.dir, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    child.stdout!.on('data', (d) => (output += d));
    child.stderr!.on('data', (d) => (output += d));
    exited = new Promise((resolve) => child!.once('exit', (code) => resolve(code)));
    for (let i = 0; i < 360; i++) {
      if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}:\n${output}`);
      const ready = await fetch(`${base}/health/ready`).then(
        (r) => r.ok,
        () => false,
      );
      if (ready) return;
      await new Promise((r) => setTimeout(r, 500));
    }
    throw new Error(`npm start did not become ready in 180 s:\n${output}`);
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    if (child?.pid && child.exitCode === null) {
      process.kill(-child.pid, 'SIGTERM'); // npm and the service it started
      await exited;
    }
    await ec2?.close();
    checkout.remove();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers every curl example in the README, run as written (only the host and port changed)', async () => {
    const commands = readmeCurlExamples(readFileSync(projectPath('README.md'), 'utf8'));
    expect(commands.length).toBeGreaterThanOrEqual(5);
    const host = new URL(base).host;
    for (const command of commands) {
      // Asynchronously: the local EC2 endpoint the refresh example reaches answers from this process.
      const run = await promisify(execFile)('bash', ['-c', `${command.replaceAll('localhost:3000', host)} -s -w '\\n%{http_code}'`], {
        encoding: 'utf8',
        env: { ...process.env, ADMIN_API_KEY: adminKey },
        timeout: 120_000,
      });
      const status = Number(run.stdout.trim().split('\n').at(-1));
      expect(status, `${command}\n${run.stdout.slice(0, 500)}`).toBeGreaterThanOrEqual(200);
      expect(status, `${command}\n${run.stdout.slice(0, 500)}`).toBeLessThan(300);
    }
  }, 300_000);

  it('built and started dist/src/main.js, the file the image runs', () => {
    const dockerfile = readFileSync(projectPath('Dockerfile'), 'utf8');
    expect(dockerfile.trim().split('\n').at(-1)).toBe('CMD ["node", "--max-old-space-size=256", "dist/src/main.js"]');
    const pkg = JSON.parse(readFileSync(projectPath('package.json'), 'utf8'));
    // the same command line: npm start builds first, then runs what the image runs
    expect(pkg.scripts.start).toBe('npm run build && node --max-old-space-size=256 dist/src/main.js');
    expect(pkg.scripts['start:prod']).toBe('node --max-old-space-size=256 dist/src/main.js');
  });

  it('Apollo Client 4: named operations with variables, input objects and enums, and paging with $first/$after', async () => {
    const client = new ApolloClient({ link: new HttpLink({ uri: `${base}/graphql` }), cache: new InMemoryCache() });
    const one = await client.query({
      query: gql`
        query OneType($name: String!) {
          instanceType(name: $name) {
            name
            ipv4AddressesPerInterface
          }
        }
      `,
      variables: { name: 'm5.large' },
    });
    expect(one.data).toMatchObject({ instanceType: { name: 'm5.large', ipv4AddressesPerInterface: 10 } });

    const capacity = await client.query({
      query: gql`
        query Capacity($input: NodeCapacityInput!) {
          nodeCapacity(input: $input) {
            maxPods
            formulaText
          }
        }
      `,
      variables: { input: { instanceType: 'm5.large', os: 'WINDOWS', ipMode: 'PREFIX_DELEGATION' } },
    });
    // (10 - 1) * 16 = 144 prefix-delegation IPs, capped by the kubelet default of 110
    expect((capacity.data as any).nodeCapacity.maxPods).toBe(110);

    const PAGE = gql`
      query Page($first: Int!, $after: String, $filter: InstanceTypeFilter) {
        instanceTypes(first: $first, after: $after, filter: $filter) {
          totalCount
          pageInfo {
            hasNextPage
            endCursor
          }
          nodes {
            name
          }
        }
      }
    `;
    const names: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 20; page++) {
      const res: any = await client.query({
        query: PAGE,
        variables: { first: 7, after, filter: { family: ['m5'] } },
        fetchPolicy: 'no-cache',
      });
      names.push(...res.data.instanceTypes.nodes.map((n: { name: string }) => n.name));
      if (!res.data.instanceTypes.pageInfo.hasNextPage) {
        expect(names).toHaveLength(res.data.instanceTypes.totalCount);
        break;
      }
      after = res.data.instanceTypes.pageInfo.endCursor;
    }
    expect(names).toContain('m5.24xlarge');
    expect(new Set(names).size).toBe(names.length);
  });

  it('graphql-request: variables for renderTemplate, checkPolicyForWindows and recommendCni', async () => {
    const client = new GraphQLClient(`${base}/graphql`);
    const rendered = await client.request<any>(
      gqlRequest`
        query Render($id: String!, $parameters: JSON) {
          renderTemplate(id: $id, parameters: $parameters) {
            content
            mediaType
          }
        }
      `,
      { id: 'default-deny-ingress', parameters: { namespace: 'shop' } },
    );
    expect(rendered.renderTemplate.content).toContain('namespace: shop');
    expect(rendered.renderTemplate.mediaType).toBe('application/yaml');

    const checked = await client.request<any>(
      gqlRequest`
        query Check($manifest: String!) {
          checkPolicyForWindows(manifest: $manifest) {
            findings {
              rule
              path
            }
          }
        }
      `,
      {
        manifest: [
          'apiVersion: networking.k8s.io/v1',
          'kind: NetworkPolicy',
          'metadata: {name: imds, namespace: shop}',
          'spec:',
          '  podSelector: {}',
          '  policyTypes: [Egress]',
          '  egress:',
          '  - to:',
          '    - ipBlock: {cidr: 0.0.0.0/0, except: [169.254.169.254/32]}',
        ].join('\n'),
      },
    );
    expect(checked.checkPolicyForWindows.findings.length).toBeGreaterThan(0);

    const cni = await client.request<any>(
      gqlRequest`
        query Cni($input: CniRecommendationInput!) {
          recommendCni(input: $input) {
            options {
              option
              verdict
            }
          }
        }
      `,
      {
        input: {
          kubernetesVersion: '1.31',
          windowsPods: 90,
          linuxPods: 20,
          nodeGroups: [
            { name: 'windows', os: 'WINDOWS', instanceType: 'm5.large', nodes: 3, subnetCidrs: ['10.0.0.0/24'] },
            { name: 'linux', os: 'LINUX', instanceType: 'm5.large', nodes: 2, subnetCidrs: ['10.0.1.0/24'] },
          ],
        },
      },
    );
    expect(cni.recommendCni.options).toHaveLength(4);
    expect(cni.recommendCni.options[0].verdict).toBeTruthy();
  });

  it('a REST client typed from /api/docs-json (openapi-typescript + openapi-fetch) type-checks and answers', async () => {
    const document = await fetch(`${base}/api/docs-json`).then((r) => r.json());
    const types = astToString(await openapiTS(document));
    // Generated into a folder inside the project so the client's imports resolve from its node_modules.
    const dir = mkdtempSync(projectPath('dist', 'typed-client-'));
    try {
      writeFileSync(join(dir, 'api.d.ts'), types);
      writeFileSync(
        join(dir, 'use.ts'),
        [
          "import createClient from 'openapi-fetch';",
          "import type { paths } from './api.js';",
          'export async function pods(baseUrl: string): Promise<string> {',
          '  const client = createClient<paths>({ baseUrl });',
          "  const { data } = await client.GET('/api/v1/instance-types/{name}', { params: { path: { name: 'm5.large' } } });",
          "  return data ? data.name : 'none';",
          '}',
        ].join('\n'),
      );
      writeFileSync(
        join(dir, 'tsconfig.json'),
        JSON.stringify({
          compilerOptions: {
            strict: true,
            noEmit: true,
            module: 'nodenext',
            moduleResolution: 'nodenext',
            target: 'ES2022',
            skipLibCheck: true,
            types: [],
          },
          files: ['use.ts'],
        }),
      );
      const tsc = spawnSync(process.execPath, [projectPath('node_modules', 'typescript', 'bin', 'tsc'), '-p', join(dir, 'tsconfig.json')], {
        encoding: 'utf8',
      });
      expect(tsc.stdout + tsc.stderr).toBe('');
      expect(tsc.status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const client = createClient<any>({ baseUrl: base });
    const found = await client.GET('/api/v1/instance-types/{name}', { params: { path: { name: 'm5.large' } } });
    expect(found.response.status).toBe(200);
    expect((found.data as any).name).toBe('m5.large');
    const missing = await client.GET('/api/v1/instance-types/{name}', { params: { path: { name: 'nope.large' } } });
    expect(missing.response.status).toBe(404);
    expect((missing.error as any).error.code).toBe('INSTANCE_TYPE_NOT_FOUND');
  });

  it('the playground: a query with variables typed into its editors runs, and the answer shows on the page', async () => {
    browser = await launchBrowser();
    const page = await browser.newPage();
    await page.goto(`${base}/graphql`, { waitUntil: 'load' });
    await page.waitForSelector('.graphiql-container', { timeout: 30_000 });
    await page.locator('.graphiql-query-editor').click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    await page.keyboard.insertText('query Type($t: String!) { instanceType(name: $t) { name ipv4AddressesPerInterface } }');
    await page.locator('.graphiql-editor-tool .graphiql-editor').first().click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    await page.keyboard.insertText(JSON.stringify({ t: 'c5.xlarge' }));
    const answered = page.waitForResponse(
      (r) => r.request().method() === 'POST' && (r.request().postData() ?? '').includes('"variables":{"t":"c5.xlarge"}'),
      {
        timeout: 20_000,
      },
    );
    await page.click('.graphiql-execute-button');
    expect((await answered).status()).toBe(200);
    await expect
      .poll(
        async () =>
          (
            (await page
              .locator('.result-window')
              .innerText()
              .catch(() => '')) ?? ''
          ).replace(/\s+/g, ' '),
        { timeout: 15_000 },
      )
      .toContain('"ipv4AddressesPerInterface": 15');
    await page.close();
  });
});
