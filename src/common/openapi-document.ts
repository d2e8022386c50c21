import type { OpenAPIObject } from '@nestjs/swagger';
import { ERROR_STATUS_DESCRIPTIONS } from './api-error-responses.js';

type Operation = NonNullable<OpenAPIObject['paths'][string]['get']>;
type Responses = Operation['responses'];

/** The operation extension PublicRoute sets: no key, no rate limit (probes). */
export const PUBLIC_OPERATION = 'x-public-route';

/** The tags of the API with what they hold; a route's tag that is not listed here is declared bare. */
export const API_TAGS: ReadonlyArray<{ name: string; description: string }> = [
  { name: 'catalog', description: 'The EC2 instance catalog and its refreshes from the EC2 API' },
  { name: 'capacity', description: 'Pods per node, the pods table, subnet addresses, node-group sizing, Services per Windows node' },
  { name: 'cni', description: 'CNI recommendations for clusters with Windows nodes' },
  { name: 'templates', description: 'Network policy and configuration templates, rendered with parameters' },
  { name: 'policies', description: 'What Calico on Windows skips in a network policy' },
  { name: 'karpenter', description: 'What Karpenter plans for Windows node pools, next to the real capacity' },
  { name: 'diagnosis', description: 'Causes, checks and fixes for pasted events, log lines and log-collector files' },
  { name: 'cluster-audit', description: "Findings from a cluster's own kubectl output" },
  { name: 'api-keys', description: 'API keys (admin key)' },
  { name: 'health', description: 'Liveness and readiness probes' },
];

const ERROR_ENVELOPE_REF = '#/components/schemas/ErrorEnvelope';
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head', 'trace'] as const;

function errorResponse(status: number) {
  return {
    description: ERROR_STATUS_DESCRIPTIONS[status] ?? 'Error',
    content: { 'application/json': { schema: { $ref: ERROR_ENVELOPE_REF } } },
  };
}

function addMissing(responses: Responses, status: number, response: Responses[string]): void {
  if (!responses[String(status)]) responses[String(status)] = response;
}

type Schema = Record<string, unknown>;

/**
 * OpenAPI 3.1 (JSON Schema 2020-12) in place of 3.0's `nullable`, which Nest puts beside `allOf` and
 * `$ref` where it means nothing (a validator then refuses the nulls the service sends): a nullable
 * type becomes `[type, "null"]`, a nullable reference `anyOf: [ref, {type: "null"}]`; a lone `allOf`
 * around a reference becomes the reference itself (3.1 allows siblings beside `$ref`).
 */
function toJsonSchema2020(node: unknown): void {
  if (Array.isArray(node)) {
    for (const item of node) toJsonSchema2020(item);
    return;
  }
  if (!node || typeof node !== 'object') return;
  const schema = node as Schema;
  for (const value of Object.values(schema)) toJsonSchema2020(value);
  const single = Array.isArray(schema.allOf) && schema.allOf.length === 1 ? (schema.allOf[0] as Schema) : null;
  if (single && typeof single.$ref === 'string' && schema.$ref === undefined) {
    delete schema.allOf;
    schema.$ref = single.$ref;
  }
  if (schema.nullable !== true) {
    delete schema.nullable;
    return;
  }
  delete schema.nullable;
  if (typeof schema.$ref === 'string') {
    // A reference's own type (Nest adds `object`) would refuse the null the first branch cannot take.
    schema.anyOf = [{ $ref: schema.$ref }, { type: 'null' }];
    delete schema.$ref;
    delete schema.type;
  } else if (Array.isArray(schema.oneOf) || Array.isArray(schema.anyOf)) {
    const key = Array.isArray(schema.oneOf) ? 'oneOf' : 'anyOf';
    schema[key] = [...(schema[key] as unknown[]), { type: 'null' }];
    delete schema.type;
  } else if (typeof schema.type === 'string') {
    schema.type = [schema.type, 'null'];
    if (Array.isArray(schema.enum) && !schema.enum.includes(null)) schema.enum = [...schema.enum, null];
  }
}

/**
 * Completes the document Nest builds with what holds for every route, so a route declares only its
 * own statuses (`ApiErrorResponses(400, 404)`): the statuses any route may answer (401 and 403 when
 * reads need a key, 429 over the rate limit, 500, 503; 304 on a GET with If-None-Match; 400, 413 and
 * 415 on a body), the error envelope on every error response that has no schema, the caching headers
 * of GET answers, the declared tags, the API-key bearer scheme as the default security, and servers.
 */
/**
 * A `number` is an integer unless it says `format: double`, as in GraphQL (numberScalarMode
 * 'integer': Int unless the field says Float). The Swagger plugin writes `type: number` for every
 * TypeScript number, so a generated or validating client would take 1.5 for a node count. The
 * members of a oneOf/anyOf are left alone: they type values of any kind (a changed field's old and
 * new value, a template's default), which may be fractional.
 */
function integersUnlessDouble(node: unknown): void {
  if (Array.isArray(node)) {
    for (const item of node) integersUnlessDouble(item);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const schema = node as Record<string, unknown>;
  if (schema.type === 'number' && schema.format === undefined) schema.type = 'integer';
  if (Array.isArray(schema.type) && schema.type.includes('number') && schema.format === undefined) {
    schema.type = schema.type.map((t) => (t === 'number' ? 'integer' : t));
  }
  for (const [key, value] of Object.entries(schema)) if (key !== 'oneOf' && key !== 'anyOf') integersUnlessDouble(value);
}

export function completeOpenApiDocument(document: OpenAPIObject): OpenAPIObject {
  integersUnlessDouble(document.components?.schemas);
  integersUnlessDouble(document.paths);
  const used = new Set<string>();
  for (const item of Object.values(document.paths)) {
    for (const method of METHODS) {
      const op = item[method] as (Operation & Record<string, unknown>) | undefined;
      if (!op) continue;
      for (const tag of op.tags ?? []) used.add(tag);
      if (!op.description && op.summary) op.description = op.summary;
      const responses = op.responses;
      const isPublic = op[PUBLIC_OPERATION] === true;
      delete op[PUBLIC_OPERATION];
      const isAdmin = (op.security ?? []).some((s) => 'bearer' in s);
      if (isPublic) op.security = [];
      if (op.requestBody) for (const status of [400, 413, 415]) addMissing(responses, status, errorResponse(status));
      if ((op.parameters ?? []).length > 0) addMissing(responses, 400, errorResponse(400));
      // 401 with no or a bad key (reads too, when AUTH_READS=key); 403 when the key lacks the admin role.
      if (!isPublic) for (const status of isAdmin ? [401, 403, 429] : [401, 429]) addMissing(responses, status, errorResponse(status));
      for (const status of [500, 503]) addMissing(responses, status, errorResponse(status));
      // Probes are never cached: no 304 and no caching headers for them.
      if (method === 'get' && !isPublic) {
        addMissing(responses, 304, {
          description: 'Not Modified: If-None-Match named the current ETag (no body)',
          headers: { ETag: { $ref: '#/components/headers/ETag' }, 'Cache-Control': { $ref: '#/components/headers/Cache-Control' } },
        });
        const ok = responses['200'] as { headers?: Record<string, unknown> } | undefined;
        if (ok) {
          ok.headers = {
            ETag: { $ref: '#/components/headers/ETag' },
            'Cache-Control': { $ref: '#/components/headers/Cache-Control' },
            ...ok.headers,
          };
        }
      }
      for (const [status, response] of Object.entries(responses)) {
        const r = response as { content?: unknown; $ref?: string };
        if (Number(status) >= 400 && !r.content && !r.$ref) r.content = errorResponse(Number(status)).content;
      }
    }
  }
  const declared = new Set(API_TAGS.map((t) => t.name));
  document.tags = [
    ...API_TAGS.filter((t) => used.has(t.name)),
    ...[...used]
      .filter((t) => !declared.has(t))
      .sort()
      .map((name) => ({ name })),
  ];
  toJsonSchema2020(document.paths);
  toJsonSchema2020(document.components);
  document.openapi = '3.1.0';
  document.security = [{ bearer: [] }, {}];
  document.servers = [{ url: 'http://localhost:3000', description: 'npm start' }];
  document.info.license = { name: 'Apache-2.0', url: 'https://www.apache.org/licenses/LICENSE-2.0' };
  document.components ??= {};
  document.components.headers = {
    ...document.components.headers,
    ETag: {
      description:
        'Tag of this answer (the catalog and price versions, the build and settings, and the request with its Accept and key; for refresh runs and API keys, the body); send it back in If-None-Match to get 304 while it holds',
      schema: { type: 'string' },
    },
    'Cache-Control': {
      description: 'public (private with a key), max-age=60 for catalog and template answers; no-cache for refresh runs and API keys',
      schema: { type: 'string' },
    },
  };
  return document;
}
