import { writeFileSync } from 'node:fs';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../src/common/domain-error.js';
import { ADMIN_KEY, startTestApp, type TestApp } from '../support/test-app.js';

// Property-based fuzzing of every REST route (from the OpenAPI document) and every GraphQL
// Query/Mutation field (from introspection), so routes added later are fuzzed without editing
// this file. Inputs mix plausible values built from each schema with hostile ones: wrong types,
// huge and non-finite numbers, SQL-like text, NUL bytes, unicode, megabyte strings, deep and wide
// JSON, dot-dot and broken percent-escapes in path parameters. The properties: never a 5xx
// (but 502 CATALOG_REFRESH_FAILED from a refresh and 503 SERVICE_UNAVAILABLE), errors in the one
// documented shape with a known code and the request id, nothing internal in any body.
// Deterministic: every route has its own fixed seed (derived from its name).

const SEED = 0x5eed_2025;
const REST_RUNS = 60;
const GRAPHQL_RUNS = 50;
const RAW_GRAPHQL_RUNS = 150;
const REQUEST_TIMEOUT_MS = 20_000;
const DEBUG_DIR = process.env.FUZZ_DEBUG_DIR;

const KNOWN_REST_CODES = new Set<string>(Object.values(ErrorCode).filter((c) => c !== ErrorCode.INTERNAL));
const KNOWN_GRAPHQL_CODES = new Set<string>([
  ...KNOWN_REST_CODES,
  'BAD_USER_INPUT',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
]);
/** What must never reach a client: stack frames, SQL, driver errors, file-system layout. */
const LEAKS: Array<[string, RegExp]> = [
  ['stack trace', /\s{4}at [^\n]*(\.[cm]?[jt]s:\d+|<anonymous>|node:internal)/],
  ['SQL text', /SELECT |INSERT /],
  ['driver error', /QueryFailedError/],
  ['node_modules path', /node_modules/],
];

// ---------------------------------------------------------------------------------------------
// A bare HTTP client: supertest/superagent would normalise `../`, refuse broken escapes and
// encode bodies; here the exact bytes are sent.

interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
}

let baseHost = '127.0.0.1';
let basePort = 0;

function send(method: string, path: string, headers: Record<string, string>, body?: string | Buffer): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    // A fresh connection per request: a response sent before the whole body was read (413) must not
    // leave bytes that the next request on a kept-alive socket would be parsed after.
    const req = httpRequest({ host: baseHost, port: basePort, method, path, headers, timeout: REQUEST_TIMEOUT_MS, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`${method} ${path.slice(0, 120)}: no answer in ${REQUEST_TIMEOUT_MS} ms`)));
    req.on('error', reject);
    // Without a length a GET body would be sent unframed and read as a second request.
    if (body !== undefined) req.setHeader('content-length', Buffer.byteLength(body));
    if (body !== undefined) req.end(body);
    else req.end();
  });
}

/** Answers by route and status class, to show the fuzzing reaches the handlers and not only the validation. */
const statusClasses = new Map<string, Record<string, number>>();
function tally(route: string, status: number): void {
  const byClass = statusClasses.get(route) ?? {};
  const k = `${Math.floor(status / 100)}xx`;
  byClass[k] = (byClass[k] ?? 0) + 1;
  statusClasses.set(route, byClass);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function short(value: unknown, max = 600): string {
  const s = typeof value === 'string' ? value : JSON.stringify(value);
  return s === undefined ? String(value) : s.length > max ? `${s.slice(0, max)}… (${s.length} chars)` : s;
}

/** Problems with one response; empty when it is fine. */
function checkCommon(res: RawResponse): string[] {
  const problems: string[] = [];
  for (const [what, re] of LEAKS) if (re.test(res.text)) problems.push(`body leaks ${what}: ${short(res.text.match(re)?.[0])}`);
  const id = res.headers['x-request-id'];
  if (typeof id !== 'string' || !/^[A-Za-z0-9._:-]{1,128}$/.test(id)) problems.push(`no sane x-request-id header (${short(id)})`);
  return problems;
}

function checkRestErrorBody(res: RawResponse): string[] {
  const body = parseJson(res.text) as { error?: Record<string, unknown> } | undefined;
  if (!body || typeof body !== 'object' || Array.isArray(body)) return [`error body is not a JSON object: ${short(res.text)}`];
  const problems: string[] = [];
  if (Object.keys(body).join(',') !== 'error') problems.push(`error body has keys ${Object.keys(body).join(',')}`);
  const error = body.error;
  if (!error || typeof error !== 'object') return [...problems, `no error object: ${short(res.text)}`];
  const keys = Object.keys(error).sort().join(',');
  if (keys !== 'code,details,message,requestId') problems.push(`error has keys ${keys}`);
  if (typeof error.code !== 'string' || !KNOWN_REST_CODES.has(error.code)) problems.push(`unknown or internal code ${short(error.code)}`);
  if (typeof error.message !== 'string') problems.push('message is not a string');
  if (error.details !== null && (typeof error.details !== 'object' || Array.isArray(error.details)))
    problems.push('details is neither null nor an object');
  if (error.requestId !== res.headers['x-request-id'])
    problems.push(`requestId ${short(error.requestId)} is not the x-request-id header ${short(res.headers['x-request-id'])}`);
  return problems;
}

function allowed5xx(res: RawResponse, isRefresh: boolean): boolean {
  const code = (parseJson(res.text) as { error?: { code?: string } } | undefined)?.error?.code;
  if (res.status === 503) return code === ErrorCode.SERVICE_UNAVAILABLE;
  if (res.status === 502) return isRefresh && code === ErrorCode.CATALOG_REFRESH_FAILED;
  return false;
}

function checkRest(res: RawResponse, isRefresh: boolean): string[] {
  const problems = checkCommon(res);
  if (res.status >= 500 && !allowed5xx(res, isRefresh)) problems.push(`status ${res.status}`);
  if (res.status >= 400) problems.push(...checkRestErrorBody(res));
  return problems;
}

function checkGraphql(res: RawResponse): string[] {
  const problems = checkCommon(res);
  if (res.status >= 500 && !allowed5xx(res, false)) problems.push(`status ${res.status}`);
  const body = parseJson(res.text) as
    { error?: unknown; errors?: Array<{ message?: unknown; extensions?: { code?: unknown } }> } | undefined;
  if (!body || typeof body !== 'object') {
    problems.push(`body is not JSON: ${short(res.text)}`);
    return problems;
  }
  // Errors raised before Apollo (body parser, limits) come in the REST shape.
  if ('error' in body) return [...problems, ...checkRestErrorBody(res)];
  for (const e of body.errors ?? []) {
    const code = e.extensions?.code;
    if (typeof code !== 'string' || code === 'INTERNAL_SERVER_ERROR' || !KNOWN_GRAPHQL_CODES.has(code)) {
      problems.push(`GraphQL error with code ${short(code)}: ${short(e.message, 200)}`);
    }
  }
  if (res.status >= 400 && !body.errors?.length) problems.push(`status ${res.status} without errors`);
  return problems;
}

// ---------------------------------------------------------------------------------------------
// Hostile values.

const MEGABYTE = 'x'.repeat(1_100_000); // over BODY_LIMIT_BYTES: 413
const NEARLY_MEGABYTE = 'y'.repeat(900_000); // under it: reaches validation

function deep(levels: number, leaf: unknown, kind: 'object' | 'array'): unknown {
  let v = leaf;
  for (let i = 0; i < levels; i++) v = kind === 'object' ? { a: v } : [v];
  return v;
}
const DEEP_OBJECT = deep(3_000, 1, 'object');
const DEEP_ARRAY = deep(3_000, 'x', 'array');
const WIDE_OBJECT = Object.fromEntries(Array.from({ length: 5_000 }, (_, i) => [`k${i}`, i]));
const WIDE_ARRAY = Array.from({ length: 20_000 }, (_, i) => i);
const HUGE_WIDE_OBJECT = Object.fromEntries(Array.from({ length: 60_000 }, (_, i) => [`k${i}`, i])); // ~880 kB, under the body limit
const PROTO = JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}');

const HOSTILE_STRINGS = [
  '',
  ' ',
  "' OR 1=1 --",
  "'; DROP TABLE instance_type; --",
  '"; DROP TABLE api_key; --',
  "m5.large' OR '1'='1",
  '1; SELECT pg_sleep(10)'.replace('SELECT', 'select'),
  '../../../../etc/passwd',
  '..\\..\\windows\\win.ini',
  '%00',
  '%zz',
  'a\u0000b',
  '\u0000',
  'NaN',
  'Infinity',
  '-Infinity',
  '1e308',
  '-1',
  '9007199254740993',
  '0x1F',
  'null',
  'undefined',
  'true',
  '[]',
  '{}',
  '__proto__',
  'constructor',
  'toString',
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢 ✓ 中文 العربية',
  '\u202Etxt.exe',
  '\uFEFF\u200B',
  '\uD800',
  '<script>alert(1)</script>',
  '{{7*7}}${7*7}',
  '${jndi:ldap://127.0.0.1/a}',
  'm5.large',
  'us-east-1',
  'a'.repeat(300),
  'b'.repeat(5_000),
];

const HOSTILE_NUMBERS: unknown[] = [1e308, -1e308, -1, 0, 1.5, 2 ** 53 + 1, 2 ** 31, -(2 ** 31) - 1, Number.MAX_SAFE_INTEGER, 5e-324];

const hostileString = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 10 }).map((s) => `${s}\u0000${s}`) },
);
const hostileNumber = fc.oneof(fc.constantFrom(...HOSTILE_NUMBERS), fc.double(), fc.integer());
const hostileJson: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: hostileString },
  { weight: 2, arbitrary: hostileNumber },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(null, true, false, [], {}, PROTO) },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.array(hostileString, { maxLength: 4 }) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(DEEP_OBJECT, DEEP_ARRAY, WIDE_OBJECT, WIDE_ARRAY) },
);

// ---------------------------------------------------------------------------------------------
// OpenAPI-driven generation.

type Schema = Record<string, any>;
type OpenApi = { paths: Record<string, Record<string, any>>; components?: { schemas?: Record<string, Schema> } };

function resolveRef(doc: OpenApi, schema: Schema | undefined, seen = 0): Schema {
  let s = schema ?? {};
  while (s.$ref && seen++ < 20) s = doc.components?.schemas?.[String(s.$ref).split('/').pop()!] ?? {};
  // OpenAPI 3.1 spells a nullable type ["string", "null"]: generate the non-null type.
  if (Array.isArray(s.type)) s = { ...s, type: s.type.find((t: string) => t !== 'null') };
  return s;
}

function plausibleFromSchema(doc: OpenApi, schema: Schema | undefined, depth = 0): fc.Arbitrary<unknown> {
  const s = resolveRef(doc, schema);
  if (depth > 5) return fc.constant(null);
  const alternatives = s.oneOf ?? s.anyOf;
  if (Array.isArray(alternatives)) return fc.oneof(...alternatives.map((a: Schema) => valueFromSchema(doc, a, depth + 1)));
  if (Array.isArray(s.allOf)) {
    const merged = s.allOf
      .map((a: Schema) => resolveRef(doc, a))
      .reduce((acc: Schema, a: Schema) => ({ ...acc, ...a, properties: { ...acc.properties, ...a.properties } }), {});
    return plausibleFromSchema(doc, merged, depth + 1);
  }
  if (Array.isArray(s.enum)) return fc.constantFrom(...s.enum);
  const examples = [s.example, s.default].filter((e) => e !== undefined);
  const withExamples = (a: fc.Arbitrary<unknown>) => (examples.length ? fc.oneof(fc.constantFrom(...examples), a) : a);
  switch (s.type) {
    case 'string':
      return withExamples(
        fc.oneof(
          fc.string({ maxLength: 20 }),
          fc.constantFrom('m5.large', 'c5.xlarge', 'us-east-1', '10.0.0.0/24', '1.31', 'windows', 'x86_64'),
        ),
      );
    case 'integer':
    case 'number': {
      const min = typeof s.minimum === 'number' ? s.minimum : 0;
      const max = typeof s.maximum === 'number' ? s.maximum : min + 200;
      return withExamples(fc.integer({ min: Math.max(-1e9, Math.ceil(min)), max: Math.min(1e9, Math.floor(Math.max(min, max))) }));
    }
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(valueFromSchema(doc, s.items, depth + 1), { maxLength: 4 });
    default: {
      const props: Record<string, Schema> = s.properties ?? {};
      if (Object.keys(props).length === 0)
        return withExamples(fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }));
      const required: string[] = Array.isArray(s.required) ? s.required : [];
      const record = fc.record(Object.fromEntries(Object.entries(props).map(([k, v]) => [k, valueFromSchema(doc, v, depth + 1)])), {
        requiredKeys: required.filter((k) => k in props) as never[],
      });
      // Now and then an extra property the schema does not know.
      return fc
        .tuple(record, fc.option(fc.tuple(fc.constantFrom('zzUnknown', '__proto__', 'constructor'), hostileJson), { freq: 8 }))
        .map(([r, extra]) => (extra ? { ...(r as object), [extra[0]]: extra[1] } : r));
    }
  }
}

/** Template ids, read from the service before fuzzing (a valid id reaches the renderer). */
let templateIds: string[] = ['default-deny-ingress'];

/** Values the service's validators accept for a field of this name. */
function domainStrings(key: string): string[] {
  const k = key.toLowerCase();
  if (k.includes('instancetype') || k === 'name') return ['m5.large', 'c5.xlarge', 'm6i.2xlarge', 't3.medium'];
  if (k.includes('region')) return ['us-east-1', 'eu-west-1'];
  if (k.includes('kubernetesversion')) return ['1.31', '1.29'];
  if (k.includes('cniversion')) return ['1.20.0'];
  if (k.includes('cidr')) return ['10.0.0.0/24', '10.1.0.0/20'];
  if (k.includes('famil')) return ['m5', 'c6i'];
  if (k === 'id' || k.includes('template')) return templateIds;
  if (k === 'after') return [Buffer.from('it:m5.large').toString('base64url')];
  return ['payments', 'ci-bot'];
}

/** A value the schema and the validators accept, so the handler runs (nothing hostile). */
function wellFormedFromSchema(doc: OpenApi, schema: Schema | undefined, key: string, depth = 0): fc.Arbitrary<unknown> {
  const s = resolveRef(doc, schema);
  if (depth > 6) return fc.constant(null);
  const alternatives = s.oneOf ?? s.anyOf;
  if (Array.isArray(alternatives)) return wellFormedFromSchema(doc, alternatives[0], key, depth + 1);
  if (Array.isArray(s.allOf)) {
    const merged = s.allOf
      .map((a: Schema) => resolveRef(doc, a))
      .reduce((acc: Schema, a: Schema) => ({ ...acc, ...a, properties: { ...acc.properties, ...a.properties } }), {});
    return wellFormedFromSchema(doc, { ...merged, example: s.example ?? merged.example }, key, depth + 1);
  }
  if (Array.isArray(s.enum)) return fc.constantFrom(...s.enum);
  if (s.example !== undefined) return fc.constant(s.example);
  switch (s.type) {
    case 'string':
      return fc.constantFrom(...domainStrings(key));
    case 'integer':
    case 'number': {
      const min = typeof s.minimum === 'number' ? s.minimum : 0;
      const max = Math.min(typeof s.maximum === 'number' ? s.maximum : min + 64, min + 64);
      return fc.integer({ min, max });
    }
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(wellFormedFromSchema(doc, s.items, key, depth + 1), { minLength: 1, maxLength: 2 });
    default: {
      const props: Record<string, Schema> = s.properties ?? {};
      if (Object.keys(props).length === 0) return fc.constant({});
      const required: string[] = Array.isArray(s.required) ? s.required : [];
      return fc.record(Object.fromEntries(Object.entries(props).map(([k, v]) => [k, wellFormedFromSchema(doc, v, k, depth + 1)])), {
        requiredKeys: required.filter((k) => k in props) as never[],
      });
    }
  }
}

/** Mostly what the schema asks for, sometimes anything at all. */
function valueFromSchema(doc: OpenApi, schema: Schema | undefined, depth = 0): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 4, arbitrary: plausibleFromSchema(doc, schema, depth) },
    { weight: 1, arbitrary: depth > 3 ? hostileString : hostileJson },
  );
}

/** encodeURIComponent, after replacing lone surrogates (which it refuses) with U+FFFD. */
function encode(v: string): string {
  return encodeURIComponent(v.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD'));
}

const RAW_PATH_SEGMENTS = [
  '..',
  '.',
  '../..',
  '..%2F..%2Fhealth',
  '%2e%2e',
  '%00',
  '%zz',
  '%',
  '%E0%A4%A',
  '%C0%AE',
  'a%00b',
  '%ff%fe',
  "'%20OR%201=1--",
  'x'.repeat(4_000),
];

function pathSegment(doc: OpenApi, schema: Schema | undefined): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 3, arbitrary: plausibleFromSchema(doc, schema).map((v) => encode(String(v))) },
    { weight: 2, arbitrary: hostileString.map((v) => encode(v).replace(/%25/g, () => '%')) },
    { weight: 2, arbitrary: fc.constantFrom(...RAW_PATH_SEGMENTS) },
    { weight: 1, arbitrary: fc.constantFrom('m5.large', 'p5.48xlarge', '00000000-0000-0000-0000-000000000000', 'enp_abcdefgh') },
  );
}

function queryValue(doc: OpenApi, schema: Schema | undefined): fc.Arbitrary<string[]> {
  const s = resolveRef(doc, schema);
  const one = fc.oneof(
    { weight: 3, arbitrary: plausibleFromSchema(doc, s.type === 'array' ? s.items : s).map((v) => String(v)) },
    { weight: 2, arbitrary: hostileString },
    {
      weight: 1,
      arbitrary: fc.constantFrom(...HOSTILE_NUMBERS.map(String), 'NaN', '1e308', '-0'),
    },
  );
  return fc.oneof(
    { weight: 4, arbitrary: one.map((v) => [v]) },
    { weight: 1, arbitrary: fc.array(one, { minLength: 2, maxLength: 3 }) }, // a repeated parameter: an array where one value is expected
    { weight: 1, arbitrary: fc.array(one, { minLength: 1, maxLength: 3 }).map((vs) => [vs.join(',')]) },
  );
}

const AUTH = fc.constantFrom<Record<string, string>>(
  {},
  {},
  { authorization: `Bearer ${ADMIN_KEY}` },
  { authorization: `Bearer ${ADMIN_KEY}` },
  { authorization: 'Bearer not-a-key-but-long-enough-to-look-like-one' },
  { authorization: 'Bearer ' },
  { authorization: 'Basic YWRtaW46YWRtaW4=' },
  { authorization: `Bearer ${'k'.repeat(300)}` },
  { authorization: "Bearer ' OR 1=1 --" },
);

const REQUEST_ID = fc.oneof(
  { weight: 3, arbitrary: fc.constant<string | undefined>(undefined) },
  { weight: 1, arbitrary: fc.constantFrom('fuzz-1234', 'a'.repeat(300), 'has spaces in it', "'; DROP TABLE x; --", '%00', 'é') },
);

interface BodyChoice {
  contentType?: string;
  body?: string;
}

const MALFORMED_JSON = [
  '{"a":',
  '[',
  '{',
  'nul',
  '"unterminated',
  '{"a":1}}',
  '\u0000',
  '{"a": NaN}',
  '{"a": 1e999}',
  '{"__proto__":{"x":1}}',
  '',
];
const YAML_BOMB = `a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n`;
const HOSTILE_YAML = [
  YAML_BOMB,
  '!!js/function "function(){}"',
  'kind: NetworkPolicy\nspec: [',
  '- - - -',
  'a: !!binary AAAA',
  `${'['.repeat(5_000)}`,
  '{{{',
  '---\n---\n---',
];

function bodyFor(doc: OpenApi, op: any): fc.Arbitrary<BodyChoice> {
  const content = (op.requestBody?.content ?? {}) as Record<string, { schema?: Schema }>;
  const jsonSchema = content['application/json']?.schema;
  const json = (v: unknown): BodyChoice => ({ contentType: 'application/json', body: JSON.stringify(v) ?? 'null' });
  return fc.oneof(
    { weight: 6, arbitrary: (jsonSchema ? valueFromSchema(doc, jsonSchema) : hostileJson).map(json) },
    { weight: 2, arbitrary: hostileJson.map(json) },
    { weight: 1, arbitrary: fc.constantFrom(...MALFORMED_JSON).map((b) => ({ contentType: 'application/json', body: b })) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(
          fc.constantFrom(
            'text/plain',
            'application/yaml',
            'application/x-www-form-urlencoded',
            'application/xml',
            'multipart/form-data; boundary=x',
            'application/json; charset=utf-16',
          ),
          fc.oneof(hostileString, fc.constantFrom(...HOSTILE_YAML)),
        )
        .map(([contentType, body]) => ({ contentType, body })),
    },
    { weight: 1, arbitrary: fc.constant<BodyChoice>({}) },
    // A few large bodies: one over the limit (413), one under it.
    {
      weight: 1,
      arbitrary: fc.constantFrom<BodyChoice>(
        json({ regions: [MEGABYTE] }),
        { contentType: 'application/yaml', body: NEARLY_MEGABYTE },
        json({ name: NEARLY_MEGABYTE, namespace: NEARLY_MEGABYTE }),
      ),
    },
  );
}

interface RestOperation {
  method: string;
  path: string;
  op: any;
}

function restOperations(doc: OpenApi): RestOperation[] {
  const out: RestOperation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      if (['get', 'post', 'put', 'patch', 'delete'].includes(method)) out.push({ method: method.toUpperCase(), path, op });
    }
  }
  return out;
}

interface RestCase {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
}

/** A request the route should accept: admin key, JSON, every parameter well-formed. */
function wellFormedRestCase(doc: OpenApi, route: RestOperation): fc.Arbitrary<RestCase> {
  const params = (route.op.parameters ?? []) as Array<{ in: string; name: string; schema?: Schema }>;
  const pathParams = params.filter((p) => p.in === 'path');
  const queryParams = params.filter((p) => p.in === 'query');
  const jsonSchema = (route.op.requestBody?.content?.['application/json'] as { schema?: Schema } | undefined)?.schema;
  const hasBody = route.method !== 'GET' && route.method !== 'DELETE';
  return fc
    .record({
      path: fc.tuple(...pathParams.map((p) => wellFormedFromSchema(doc, p.schema, p.name))),
      query: fc.tuple(...queryParams.map((p) => fc.option(wellFormedFromSchema(doc, p.schema, p.name), { freq: 2 }))),
      body: hasBody && jsonSchema ? wellFormedFromSchema(doc, jsonSchema, 'body') : fc.constant(hasBody ? {} : undefined),
    })
    .map(({ path, query, body }) => {
      let url = route.path;
      pathParams.forEach((p, i) => (url = url.replace(`{${p.name}}`, encode(String(path[i])))));
      const q = new URLSearchParams();
      queryParams.forEach((p, i) => {
        const v = query[i];
        if (v !== null) for (const x of Array.isArray(v) ? v : [v]) q.append(p.name, String(x));
      });
      const qs = q.toString();
      const headers: Record<string, string> = { authorization: `Bearer ${ADMIN_KEY}` };
      if (body !== undefined) headers['content-type'] = 'application/json';
      return {
        method: route.method,
        url: url + (qs ? `?${qs}` : ''),
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      };
    });
}

function restCase(doc: OpenApi, route: RestOperation): fc.Arbitrary<RestCase> {
  return fc.oneof({ weight: 1, arbitrary: wellFormedRestCase(doc, route) }, { weight: 2, arbitrary: hostileRestCase(doc, route) });
}

function hostileRestCase(doc: OpenApi, route: RestOperation): fc.Arbitrary<RestCase> {
  const params = ((route.op.parameters ?? []) as Array<{ in: string; name: string; required?: boolean; schema?: Schema }>).map((p) => ({
    ...p,
    schema: p.schema ?? {},
  }));
  const pathParams = params.filter((p) => p.in === 'path');
  const queryParams = params.filter((p) => p.in === 'query');
  const pathArb = fc.tuple(...pathParams.map((p) => pathSegment(doc, p.schema))).map((segments) => {
    let path = route.path;
    pathParams.forEach((p, i) => (path = path.replace(`{${p.name}}`, segments[i])));
    return path;
  });
  const queryArb = fc
    .tuple(
      fc.tuple(...queryParams.map((p) => fc.option(queryValue(doc, p.schema), { freq: 3 }))),
      fc.option(fc.tuple(fc.constantFrom('zzUnknown', '__proto__', 'first[a]', 'family[]', 'constructor'), hostileString), { freq: 6 }),
    )
    .map(([values, extra]) => {
      const q = new URLSearchParams();
      queryParams.forEach((p, i) => values[i]?.forEach((v) => q.append(p.name, v)));
      if (extra) q.append(extra[0], extra[1]);
      const s = q.toString();
      return s ? `?${s}` : '';
    });
  const hasBody = route.method !== 'GET' && route.method !== 'DELETE';
  // Now and then a method the route does not declare.
  const methodArb = fc.oneof(
    { weight: 12, arbitrary: fc.constant(route.method) },
    { weight: 1, arbitrary: fc.constantFrom('PUT', 'PATCH', 'OPTIONS', 'DELETE', 'POST') },
  );
  return fc
    .record({
      method: methodArb,
      path: pathArb,
      query: queryArb,
      auth: AUTH,
      requestId: REQUEST_ID,
      body: hasBody
        ? bodyFor(doc, route.op)
        : fc.oneof({ weight: 5, arbitrary: fc.constant<BodyChoice>({}) }, { weight: 1, arbitrary: bodyFor(doc, route.op) }),
    })
    .map(({ method, path, query, auth, requestId, body }) => {
      const headers: Record<string, string> = { ...auth };
      if (requestId !== undefined) headers['x-request-id'] = requestId;
      if (body.contentType) headers['content-type'] = body.contentType;
      return { method, url: path + query, headers, body: body.body };
    });
}

/** Every string NUL-laden, every number huge: a body shaped as the schema asks, with hostile leaves. */
function hostileLeaves(doc: OpenApi, schema: Schema | undefined, depth = 0): unknown {
  const s = resolveRef(doc, schema);
  if (depth > 5) return null;
  const alternatives = s.oneOf ?? s.anyOf ?? s.allOf;
  if (Array.isArray(alternatives)) return hostileLeaves(doc, alternatives[0], depth + 1);
  if (Array.isArray(s.enum)) return `${s.enum[0]}\u0000`;
  switch (s.type) {
    case 'string':
      return 'a\u0000b';
    case 'integer':
    case 'number':
      return 1e308;
    case 'boolean':
      return true;
    case 'array':
      return [hostileLeaves(doc, s.items, depth + 1)];
    default:
      return Object.fromEntries(
        Object.entries((s.properties ?? {}) as Record<string, Schema>).map(([k, v]) => [k, hostileLeaves(doc, v, depth + 1)]),
      );
  }
}

const EXAMPLE_SEGMENTS = [
  'a%00b',
  '%00',
  '%zz',
  '..',
  '%2e%2e',
  'x'.repeat(4_000),
  encodeURIComponent("' OR 1=1 --"),
  encodeURIComponent('../../etc/passwd'),
];

/** Fixed cases run before the random ones, so the classic attacks are always tried on every route. */
function restExamples(doc: OpenApi, route: RestOperation): RestCase[] {
  const params = (route.op.parameters ?? []) as Array<{ in: string; name: string; schema?: Schema }>;
  const pathParams = params.filter((p) => p.in === 'path');
  const queryParams = params.filter((p) => p.in === 'query');
  const headers = { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' };
  const pathWith = (value: string) => pathParams.reduce((path, p) => path.replace(`{${p.name}}`, value), route.path);
  const plainPath = pathWith('m5.large');
  const hasBody = route.method !== 'GET' && route.method !== 'DELETE';
  const body = hasBody ? JSON.stringify({}) : undefined;
  const out: RestCase[] = [];
  if (pathParams.length) for (const seg of EXAMPLE_SEGMENTS) out.push({ method: route.method, url: pathWith(seg), headers, body });
  for (const p of queryParams) {
    for (const v of ['a\u0000b', '1e308', '-1', 'NaN'])
      out.push({ method: route.method, url: `${plainPath}?${new URLSearchParams([[p.name, v]])}`, headers, body });
  }
  if (hasBody) {
    const schema = (route.op.requestBody?.content?.['application/json'] as { schema?: Schema } | undefined)?.schema;
    for (const b of [hostileLeaves(doc, schema), DEEP_OBJECT, DEEP_ARRAY, WIDE_OBJECT, [hostileLeaves(doc, schema)]]) {
      out.push({ method: route.method, url: plainPath, headers, body: JSON.stringify(b) });
    }
  }
  return out;
}

function seedFor(name: string): number {
  let h = SEED;
  for (const ch of name) h = (Math.imul(h, 31) + ch.charCodeAt(0)) | 0;
  return h;
}

function describeCase(c: { method?: string; url?: string; headers?: Record<string, string>; body?: string }): string {
  return `${c.method} ${short(c.url, 200)} headers=${short(c.headers, 200)} body=${short(c.body, 300)}`;
}

/** Runs one property per route; collects every failing route rather than stopping at the first. */
async function fuzzEach<T>(
  items: Array<{ name: string; arb: fc.Arbitrary<T>; numRuns: number; examples?: T[] }>,
  run: (value: T, name: string) => Promise<string[]>,
): Promise<string[]> {
  const failures: string[] = [];
  for (const item of items) {
    const result = await fc.check(
      fc.asyncProperty(item.arb, async (value) => {
        const problems = await run(value, item.name);
        if (problems.length) throw new Error(problems.join('; '));
      }),
      { seed: seedFor(item.name), numRuns: item.numRuns, endOnFailure: true, examples: (item.examples ?? []).map((e) => [e] as [T]) },
    );
    if (result.failed) {
      // FUZZ_DEBUG_DIR=/some/dir keeps each whole counterexample, to replay it with curl.
      if (DEBUG_DIR)
        writeFileSync(
          join(DEBUG_DIR, `counterexample-${item.name.replace(/[^a-z]+/gi, '_')}.json`),
          JSON.stringify(result.counterexample?.[0]),
        );
      failures.push(
        `${item.name}: ${result.errorInstance instanceof Error ? result.errorInstance.message : String(result.errorInstance)}\n    counterexample: ${short(result.counterexample?.[0], 800)} (seed ${result.seed}, path ${result.counterexamplePath})`,
      );
    }
  }
  return failures;
}

// ---------------------------------------------------------------------------------------------
// GraphQL introspection-driven generation.

interface TypeRef {
  kind: string;
  name: string | null;
  ofType: TypeRef | null;
}
interface GqlField {
  name: string;
  args: Array<{ name: string; type: TypeRef }>;
  type: TypeRef;
}
interface GqlType {
  kind: string;
  name: string;
  fields: GqlField[] | null;
  inputFields: Array<{ name: string; type: TypeRef }> | null;
  enumValues: Array<{ name: string }> | null;
}

const TYPE_REF = 'kind name ofType { kind name ofType { kind name ofType { kind name } } }';
const INTROSPECTION = `{ __schema { queryType { name } mutationType { name }
  types { kind name enumValues { name } inputFields { name type { ${TYPE_REF} } }
    fields { name args { name type { ${TYPE_REF} } } type { ${TYPE_REF} } } } } }`;

/** An enum literal: bare in a GraphQL document, a string in variables. */
class EnumLit {
  constructor(readonly name: string) {}
  toJSON(): string {
    return this.name;
  }
}

function printType(t: TypeRef): string {
  if (t.kind === 'NON_NULL') return `${printType(t.ofType!)}!`;
  if (t.kind === 'LIST') return `[${printType(t.ofType!)}]`;
  return t.name!;
}

function namedType(t: TypeRef): TypeRef {
  return t.ofType ? namedType(t.ofType) : t;
}

function printLiteral(v: unknown, depth = 0): string {
  if (v instanceof EnumLit) return v.name;
  if (depth > 400) return 'null';
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : JSON.stringify(String(v));
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${v.map((x) => printLiteral(x, depth + 1)).join(', ')}]`;
  return `{${Object.entries(v as object)
    .filter(([k]) => /^[_A-Za-z][_0-9A-Za-z]*$/.test(k) && k !== '__proto__')
    .map(([k, x]) => `${k}: ${printLiteral(x, depth + 1)}`)
    .join(', ')}}`;
}

class GraphqlFuzzer {
  private readonly types: Map<string, GqlType>;
  constructor(schema: { types: GqlType[] }) {
    this.types = new Map(schema.types.map((t) => [t.name, t]));
  }

  type(name: string): GqlType | undefined {
    return this.types.get(name);
  }

  value(t: TypeRef, depth = 0): fc.Arbitrary<unknown> {
    return fc.oneof({ weight: 5, arbitrary: this.plausible(t, depth) }, { weight: 1, arbitrary: depth > 2 ? hostileString : hostileJson });
  }

  private plausible(t: TypeRef, depth: number): fc.Arbitrary<unknown> {
    if (depth > 5) return fc.constant(null);
    if (t.kind === 'NON_NULL') return this.value(t.ofType!, depth);
    if (t.kind === 'LIST') return fc.oneof(fc.array(this.value(t.ofType!, depth + 1), { maxLength: 4 }), this.value(t.ofType!, depth + 1));
    const named = this.types.get(t.name!);
    switch (t.kind) {
      case 'ENUM':
        return fc.oneof(
          fc.constantFrom(...(named?.enumValues ?? [{ name: 'X' }]).map((e) => new EnumLit(e.name))),
          fc.constantFrom(new EnumLit('NOT_A_VALUE'), 'lowercase'),
        );
      case 'INPUT_OBJECT': {
        const fields = named?.inputFields ?? [];
        const record = fc.record(Object.fromEntries(fields.map((f) => [f.name, this.value(f.type, depth + 1)])), {
          requiredKeys: fields.filter((f) => f.type.kind === 'NON_NULL').map((f) => f.name) as never[],
        });
        return fc
          .tuple(record, fc.option(hostileJson, { freq: 8 }))
          .map(([r, extra]) => (extra !== null ? { ...(r as object), zzUnknown: extra } : r));
      }
      case 'SCALAR':
        switch (t.name) {
          case 'Int':
            return fc.oneof(fc.integer({ min: -5, max: 600 }), fc.constantFrom(2 ** 31, -(2 ** 31) - 1, 2 ** 53 + 1, 1e308));
          case 'Float':
            return fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom(1e308, -1));
          case 'Boolean':
            return fc.boolean();
          case 'String':
          case 'ID':
            return fc.oneof(
              fc.string({ maxLength: 20 }),
              fc.constantFrom('m5.large', 'c6i.2xlarge', 'us-east-1', '10.0.0.0/20', '1.31', 'calico-network-policy'),
            );
          default:
            return fc.jsonValue({ maxDepth: 3 });
        }
      default:
        return fc.constant(null);
    }
  }

  /** A value of type `t` the validators accept (by the field's name), so the resolver runs. */
  wellFormed(t: TypeRef, key: string, depth = 0): fc.Arbitrary<unknown> {
    if (depth > 6) return fc.constant(null);
    if (t.kind === 'NON_NULL') return this.wellFormed(t.ofType!, key, depth);
    if (t.kind === 'LIST') return fc.array(this.wellFormed(t.ofType!, key, depth + 1), { minLength: 1, maxLength: 2 });
    const named = this.types.get(t.name!);
    if (t.kind === 'ENUM') return fc.constantFrom(...(named?.enumValues ?? [{ name: 'X' }]).map((e) => new EnumLit(e.name)));
    if (t.kind === 'INPUT_OBJECT') {
      const fields = named?.inputFields ?? [];
      return fc.record(Object.fromEntries(fields.map((f) => [f.name, this.wellFormed(f.type, f.name, depth + 1)])), {
        requiredKeys: fields.filter((f) => f.type.kind === 'NON_NULL').map((f) => f.name) as never[],
      });
    }
    switch (t.name) {
      case 'Int':
      case 'Float':
        return fc.integer({ min: 1, max: 64 });
      case 'Boolean':
        return fc.boolean();
      case 'String':
      case 'ID':
        return fc.constantFrom(...domainStrings(key));
      default:
        return fc.constant({});
    }
  }

  /** A value of type `t` with every leaf set from `leaf`: it coerces, so it reaches the resolver. */
  hostileLeaf(t: TypeRef, leaf: { text: string; int: number }, depth = 0): unknown {
    if (depth > 6) return null;
    if (t.kind === 'NON_NULL') return this.hostileLeaf(t.ofType!, leaf, depth);
    if (t.kind === 'LIST') return [this.hostileLeaf(t.ofType!, leaf, depth + 1)];
    const named = this.types.get(t.name!);
    if (t.kind === 'ENUM') return new EnumLit(named?.enumValues?.[0]?.name ?? 'X');
    if (t.kind === 'INPUT_OBJECT')
      return Object.fromEntries((named?.inputFields ?? []).map((f) => [f.name, this.hostileLeaf(f.type, leaf, depth + 1)]));
    switch (t.name) {
      case 'Int':
        return leaf.int;
      case 'Float':
        return leaf.int === 0 ? 1e308 : leaf.int;
      case 'Boolean':
        return true;
      case 'String':
      case 'ID':
        return leaf.text;
      default:
        return { text: leaf.text };
    }
  }

  /** A selection of the return type: scalars, and objects two levels down. */
  selection(t: TypeRef, depth = 0): string {
    const named = this.types.get(namedType(t).name!);
    if (!named || (named.kind !== 'OBJECT' && named.kind !== 'INTERFACE')) return '';
    const parts = ['__typename'];
    for (const f of named.fields ?? []) {
      if (f.args.some((a) => a.type.kind === 'NON_NULL')) continue;
      const inner = this.types.get(namedType(f.type).name!);
      if (inner && (inner.kind === 'OBJECT' || inner.kind === 'INTERFACE')) {
        if (depth < 2) parts.push(`${f.name} ${this.selection(f.type, depth + 1)}`);
      } else parts.push(f.name);
    }
    return `{ ${parts.join(' ')} }`;
  }
}

interface GraphqlCase {
  headers: Record<string, string>;
  body: string;
}

interface GraphqlInputs {
  args: unknown[];
  inline: boolean;
  auth: Record<string, string>;
  requestId: string | undefined;
  operationName: string | null;
}

function buildGraphqlCase(
  fuzzer: GraphqlFuzzer,
  kind: 'query' | 'mutation',
  field: GqlField,
  { args, inline, auth, requestId, operationName }: GraphqlInputs,
): GraphqlCase {
  const selection = fuzzer.selection(field.type);
  const given = field.args.map((a, i) => ({ a, v: args[i] })).filter((x) => x.v !== undefined);
  let document: string;
  let variables: Record<string, unknown> | undefined;
  if (inline) {
    const argText = given.map(({ a, v }) => `${a.name}: ${printLiteral(v)}`).join(', ');
    document = `${kind} Fuzz { ${field.name}${argText ? `(${argText})` : ''} ${selection} }`;
  } else {
    const decl = given.map(({ a }) => `$${a.name}: ${printType(a.type)}`).join(', ');
    const use = given.map(({ a }) => `${a.name}: $${a.name}`).join(', ');
    document = `${kind} Fuzz${decl ? `(${decl})` : ''} { ${field.name}${use ? `(${use})` : ''} ${selection} }`;
    variables = Object.fromEntries(given.map(({ a, v }) => [a.name, v]));
  }
  const headers: Record<string, string> = { 'content-type': 'application/json', ...auth };
  if (requestId !== undefined) headers['x-request-id'] = requestId;
  return { headers, body: JSON.stringify({ query: document, variables, ...(operationName !== null ? { operationName } : {}) }) };
}

function graphqlCase(fuzzer: GraphqlFuzzer, kind: 'query' | 'mutation', field: GqlField): fc.Arbitrary<GraphqlCase> {
  const wellFormed = fc
    .record({
      args: fc.tuple(
        ...field.args.map((a) =>
          a.type.kind === 'NON_NULL' ? fuzzer.wellFormed(a.type, a.name) : fc.option(fuzzer.wellFormed(a.type, a.name), { nil: undefined }),
        ),
      ),
      inline: fc.boolean(),
    })
    .map(({ args, inline }) =>
      buildGraphqlCase(fuzzer, kind, field, {
        args,
        inline,
        auth: { authorization: `Bearer ${ADMIN_KEY}` },
        requestId: undefined,
        operationName: null,
      }),
    );
  return fc.oneof({ weight: 1, arbitrary: wellFormed }, { weight: 2, arbitrary: hostileGraphqlCase(fuzzer, kind, field) });
}

function hostileGraphqlCase(fuzzer: GraphqlFuzzer, kind: 'query' | 'mutation', field: GqlField): fc.Arbitrary<GraphqlCase> {
  const argArbs = field.args.map((a) => fc.option(fuzzer.value(a.type), { freq: a.type.kind === 'NON_NULL' ? 12 : 3, nil: undefined }));
  return fc
    .record({
      args: fc.tuple(...argArbs),
      inline: fc.boolean(),
      auth: AUTH,
      requestId: REQUEST_ID,
      operationName: fc.option(fc.oneof(fc.constantFrom('Fuzz', 'Other'), hostileString), { freq: 4 }),
    })
    .map((inputs) => buildGraphqlCase(fuzzer, kind, field, inputs));
}

/** Fixed cases run first on every field: every argument well-typed but hostile (NUL bytes, SQL, extremes). */
function graphqlExamples(fuzzer: GraphqlFuzzer, kind: 'query' | 'mutation', field: GqlField): GraphqlCase[] {
  const out: GraphqlCase[] = [];
  for (const leaf of [
    { text: 'a\u0000b', int: 2 ** 31 - 1 },
    { text: "'; DROP TABLE instance_type; --", int: -1 },
    { text: 'x'.repeat(5_000), int: 0 },
  ]) {
    const args = field.args.map((a) => fuzzer.hostileLeaf(a.type, leaf));
    for (const inline of [false, true])
      out.push(
        buildGraphqlCase(fuzzer, kind, field, {
          args,
          inline,
          auth: { authorization: `Bearer ${ADMIN_KEY}` },
          requestId: undefined,
          operationName: null,
        }),
      );
  }
  return out;
}

/** Requests to /graphql that are wrong as requests; each is also sent once as is (fc `examples`). */
const RAW_GRAPHQL_BODIES: unknown[] = [
  [],
  [{ query: '{ __typename }' }, { query: '{ __typename }' }],
  null,
  'query',
  { query: `{ ${'instanceTypes { nodes { '.repeat(40)}name${' } }'.repeat(40)} }` },
  { query: `{${'{'.repeat(10_000)}` },
  { query: `query { a: __typename ${' b: __typename'.repeat(5_000)} }` },
  { query: `{ instanceType(name: "${'\\u0000'.repeat(10)}") { name } }` },
  { query: '{ instanceType(name: "m5.large") { name } }', extensions: { persistedQuery: { version: 1, sha256Hash: 'abc' } } },
  { query: 'subscription { x }' },
  { query: 'mutation { refreshCatalog(regions: ["us-east-1"], wait: false) { id status } }' },
  { query: '{ instanceTypes(first: 2147483648) { totalCount } }' },
  { query: '{ instanceTypes(filter: {minVcpus: 1e308}) { totalCount } }' },
  { query: '{ instanceTypes(after: "aXQ6AA") { totalCount } }' },
  { query: '{ instanceTypes(filter: {family: ["\\u0000"]}) { totalCount } }' },
  { query: 'query A { __typename } query B { __typename }' },
  { query: '{ __schema { types { name } } }', operationName: 'x'.repeat(10_000) },
  { query: MEGABYTE.slice(0, 900_000) },
  // Variables with tens of thousands of unknown keys: graphql-js prints the whole value into each error.
  { query: 'query($f: InstanceTypeFilter) { instanceTypes(filter: $f) { totalCount } }', variables: { f: HUGE_WIDE_OBJECT } },
  { query: 'query($f: InstanceTypeFilter) { instanceTypes(filter: $f) { totalCount } }', variables: { f: { ...WIDE_OBJECT, family: 5 } } },
  {
    query: 'query($n: String!, $f: Int) { instanceType(name: $n) { name } instanceTypes(first: $f) { totalCount } }',
    variables: { n: 5, f: 'x' },
  },
];

type RawGraphqlCase = GraphqlCase & { method: string; path: string };

function rawGraphqlRequest(variant: unknown, how: string, auth: Record<string, string>, requestId: string | undefined): RawGraphqlCase {
  const headers: Record<string, string> = { ...auth };
  if (requestId !== undefined) headers['x-request-id'] = requestId;
  const json = JSON.stringify(variant) ?? 'null';
  if (how === 'get') {
    const v = variant as Record<string, unknown> | null;
    const q = new URLSearchParams();
    if (v && typeof v === 'object' && !Array.isArray(v))
      for (const [k, x] of Object.entries(v)) q.set(k, typeof x === 'string' ? x : (JSON.stringify(x) ?? ''));
    headers['apollo-require-preflight'] = 'true';
    return { method: 'GET', path: `/graphql?${q.toString()}`.slice(0, 8_000), headers, body: '' };
  }
  headers['content-type'] =
    how === 'post-json' ? 'application/json' : how === 'post-text' ? 'text/plain' : 'application/x-www-form-urlencoded';
  return { method: 'POST', path: '/graphql', headers, body: json };
}

const rawGraphqlCase: fc.Arbitrary<RawGraphqlCase> = fc
  .record({
    variant: fc.oneof(
      hostileString.map((q) => ({ query: q })),
      hostileJson.map((q) => ({ query: q })),
      hostileJson.map((v) => ({ query: 'query($n: String!) { instanceType(name: $n) { name } }', variables: v })),
      hostileJson.map((o) => ({ query: '{ __typename }', operationName: o })),
      fc.constantFrom(...RAW_GRAPHQL_BODIES),
    ),
    how: fc.constantFrom('post-json', 'post-json', 'post-json', 'get', 'post-text', 'post-form'),
    auth: AUTH,
    requestId: REQUEST_ID,
  })
  .map(({ variant, how, auth, requestId }) => rawGraphqlRequest(variant, how, auth, requestId));

// ---------------------------------------------------------------------------------------------
// GraphQL document shapes (issue 12): fragments (spread once, fanned out, chained, cyclic, unknown),
// aliases, directives (known, repeated, unknown, with variables) and depth (through the schema's
// one recursive type, __Type.ofType), valid and not. Each must be answered with a known code and
// within a bound, whatever its shape: the shapes that blocked the event loop for seconds or
// overflowed the stack were made of exactly these parts.

const DOCUMENT_SHAPE_RUNS = 120;
/** A generous bound on one answer on a loaded machine (the hostile shapes took 8 s and more). */
const DOCUMENT_SHAPE_MAX_MS = 3_000;

type Context = 'Query' | 'InstanceType' | 'NetworkCard' | '__Type' | '__Field';

/** What each type offers: leaf fields, and fields with a selection (a wrapper for connections). */
const VOCABULARY: Record<Context, { leaves: string[]; nested: Array<{ field: string; inner: Context; wrap?: (set: string) => string }> }> =
  {
    Query: {
      leaves: ['__typename'],
      nested: [
        { field: 'instanceType(name: "m5.large")', inner: 'InstanceType' },
        { field: 'instanceTypes(first: 2)', inner: 'InstanceType', wrap: (set) => `{ totalCount nodes ${set} }` },
        { field: '__type(name: "InstanceType")', inner: '__Type' },
      ],
    },
    InstanceType: { leaves: ['name', 'vcpus', '__typename'], nested: [{ field: 'networkCards', inner: 'NetworkCard' }] },
    NetworkCard: { leaves: ['networkCardIndex', '__typename'], nested: [] },
    __Type: {
      leaves: ['name', 'kind', '__typename'],
      nested: [
        { field: 'ofType', inner: '__Type' },
        { field: 'fields', inner: '__Field' },
      ],
    },
    __Field: { leaves: ['name'], nested: [{ field: 'type', inner: '__Type' }] },
  };

const DIRECTIVE = fc.constantFrom(
  '',
  '',
  '',
  ' @include(if: true)',
  ' @skip(if: false)',
  ' @skip(if: $v)',
  ' @include(if: $v) @skip(if: $v)',
  ' @unknownDirective',
  ' @include',
);
const VALID_DIRECTIVE = fc.constantFrom('', '', ' @include(if: true)', ' @skip(if: false)');
const FRAGMENT_NAME = fc.integer({ min: 0, max: 12 }).map((n) => `F${n}`);

/** Aliases: any of a few names (conflicts included), or for valid documents one per field name. */
function aliasFor(field: string, valid: boolean): fc.Arbitrary<string> {
  const name = /^\w+/.exec(field)![0].replace(/^__/, '');
  return valid
    ? fc.constantFrom('', `${name}A: `)
    : fc.oneof(
        fc.constant(''),
        fc.constant(''),
        fc.integer({ min: 0, max: 40 }).map((n) => `a${n}: `),
      );
}

/** A selection set in `context`, up to `depth` levels of nesting; `valid`: only what the schema has, no spreads. */
function selectionSet(context: Context, depth: number, valid = false): fc.Arbitrary<string> {
  return fc.array(selection(context, depth, valid), { minLength: 1, maxLength: valid ? 3 : 6 }).map((items) => `{ ${items.join(' ')} }`);
}

function selection(context: Context, depth: number, valid: boolean): fc.Arbitrary<string> {
  const directive = valid ? VALID_DIRECTIVE : DIRECTIVE;
  const { leaves, nested } = VOCABULARY[context];
  const names = valid ? leaves : [...leaves, 'noSuchField'];
  const options: Array<fc.Arbitrary<string>> = [
    fc.tuple(fc.constantFrom(...names), directive).chain(([name, d]) => aliasFor(name, valid).map((alias) => `${alias}${name}${d}`)),
  ];
  if (depth > 0) {
    for (const { field, inner, wrap } of nested) {
      options.push(
        fc
          .tuple(aliasFor(field, valid), directive, selectionSet(inner, depth - 1, valid))
          .map(([alias, d, set]) => `${alias}${field}${d} ${wrap ? wrap(set) : set}`),
      );
    }
    options.push(fc.tuple(directive, selectionSet(context, depth - 1, valid)).map(([d, set]) => `... on ${context}${d} ${set}`));
  }
  if (!valid && context === 'Query') options.push(fc.tuple(FRAGMENT_NAME, directive).map(([name, d]) => `...${name}${d}`));
  return fc.oneof(...options);
}

/** Fragment definitions on Query: each a selection set, or a fan-out of the next fragment. */
const fragmentDefinitions = fc
  .array(
    fc.tuple(
      FRAGMENT_NAME,
      fc.oneof(
        selectionSet('Query', 3),
        fc
          .tuple(FRAGMENT_NAME, fc.integer({ min: 1, max: 4 }))
          .map(([next, times]) => `{ ${Array.from({ length: times }, () => `...${next}`).join(' ')} }`),
      ),
    ),
    { maxLength: 14 },
  )
  .map((defs) => defs.map(([name, set]) => `fragment ${name} on Query ${set}`));

/** A chain or a fan-out of `n` fragments, the shapes that stalled or crashed validation. */
const fragmentStructure = fc.tuple(fc.constantFrom('chain', 'fanOut'), fc.integer({ min: 2, max: 6_000 })).map(([kind, n]) => {
  const defs = Array.from(
    { length: n },
    (_, i) => `fragment G${i} on Query { __typename ${kind === 'fanOut' ? `...G${i + 1} ...G${i + 1}` : `...G${i + 1}`} }`,
  );
  return { spread: '...G0', defs: [...defs, `fragment G${n} on Query { __typename }`] };
});

/** Valid documents of the same parts (aliases, known directives, inline fragments, depth), which run. */
const validDocumentShape = fc
  .tuple(selectionSet('Query', 5, true), fc.boolean())
  .map(([set, named]) => ({ query: named ? `query Valid { ...V } fragment V on Query ${set}` : `query Valid ${set}` }));

const anyDocumentShape: fc.Arbitrary<{ query: string; variables?: Record<string, unknown> }> = fc
  .record({
    operation: selectionSet('Query', 6),
    fragments: fragmentDefinitions,
    structure: fc.option(fragmentStructure, { freq: 3 }),
    repeat: fc.integer({ min: 1, max: 3 }),
    variable: fc.boolean(),
    v: fc.constantFrom<unknown>(true, false, 'yes', null, 1),
  })
  .map(({ operation, fragments, structure, repeat, variable, v }) => {
    const body = structure ? operation.replace(/^\{ /, `{ ${structure.spread} `) : operation;
    const ops = Array.from({ length: repeat }, () => body)
      .join(' ')
      .replace(/\} \{/g, '');
    const header = variable ? 'query Shape($v: Boolean = true)' : 'query Shape';
    return { query: [`${header} ${ops}`, ...fragments, ...(structure?.defs ?? [])].join('\n'), variables: variable ? { v } : undefined };
  });

const documentShape = fc.oneof(anyDocumentShape, anyDocumentShape, validDocumentShape);

// ---------------------------------------------------------------------------------------------

const AWS_ENV = ['AWS_ENDPOINT_URL_EC2', 'AWS_REGION', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY'] as const;

describe('fuzzing every REST route and GraphQL operation', () => {
  let app: TestApp;
  const saved: Record<string, string | undefined> = {};
  let openapi: OpenApi;
  let schema: { queryType: { name: string }; mutationType: { name: string } | null; types: GqlType[] };

  beforeAll(async () => {
    // A refresh must never reach AWS: the SDK is pointed at a closed local port and gives up at once.
    for (const k of AWS_ENV) saved[k] = process.env[k];
    process.env.AWS_ENDPOINT_URL_EC2 = 'http://127.0.0.1:9';
    process.env.AWS_REGION = 'us-east-1';
    process.env.AWS_ACCESS_KEY_ID = 'AKIDFUZZ';
    process.env.AWS_SECRET_ACCESS_KEY = 'fuzz-secret';
    app = await startTestApp({
      env: { RATE_LIMIT_PER_MINUTE: '0', EC2_MAX_ATTEMPTS: '1', EC2_REQUEST_TIMEOUT_MS: '3000', GRAPHQL_INTROSPECTION: 'true' },
    });
    const address = app.running.app.getHttpServer().address() as AddressInfo;
    baseHost = address.address;
    basePort = address.port;
    openapi = (await app.http.get('/api/docs-json').expect(200)).body;
    const templates = await app.http.get('/api/v1/templates');
    if (templates.status === 200 && Array.isArray(templates.body)) templateIds = templates.body.map((t: { id: string }) => t.id);
    const introspected = await app.gql(INTROSPECTION).expect(200);
    expect(introspected.body.errors).toBeUndefined();
    schema = introspected.body.data.__schema;
  });

  afterAll(async () => {
    await app?.close();
    for (const k of AWS_ENV) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
  });

  it('finds the routes and operations to fuzz in the OpenAPI document and the schema', () => {
    const routes = restOperations(openapi).map((r) => `${r.method} ${r.path}`);
    expect(routes).toEqual(
      expect.arrayContaining(['GET /api/v1/instance-types/{name}', 'GET /api/v1/instance-types', 'POST /api/v1/catalog/refreshes']),
    );
    const queries = schema.types.find((t) => t.name === schema.queryType.name)!.fields!.map((f) => f.name);
    expect(queries).toEqual(expect.arrayContaining(['instanceType', 'instanceTypes', 'catalogRefreshes']));
    const mutations = schema.types.find((t) => t.name === schema.mutationType?.name)?.fields?.map((f) => f.name) ?? [];
    expect(mutations).toContain('refreshCatalog');
  });

  it('REST: no 5xx, errors in the one shape with a known code and the request id, nothing internal leaks', async () => {
    const routes = restOperations(openapi);
    // Routes outside the OpenAPI document: the metrics scrape and the GraphQL landing page.
    routes.push(
      { method: 'GET', path: '/metrics', op: {} },
      { method: 'GET', path: '/graphql', op: {} },
      { method: 'GET', path: '/no/such/route/{x}', op: { parameters: [{ in: 'path', name: 'x', schema: { type: 'string' } }] } },
    );
    const failures = await fuzzEach(
      routes.map((r) => ({
        name: `${r.method} ${r.path}`,
        arb: restCase(openapi, r),
        numRuns: REST_RUNS,
        examples: restExamples(openapi, r),
      })),
      async (c, name) => {
        const res = await send(c.method, c.url, c.headers, c.body);
        tally(name, res.status);
        if (c.url.startsWith('/graphql'))
          return checkGraphql(res).map((p) => `${p} [${res.status} ${short(res.text, 300)}] for ${describeCase(c)}`);
        const isRefresh = c.url.startsWith('/api/v1/catalog/refreshes') && c.method === 'POST';
        return checkRest(res, isRefresh).map((p) => `${p} [${res.status} ${short(res.text, 300)}] for ${describeCase(c)}`);
      },
    );
    expect(failures, failures.join('\n\n')).toEqual([]);
  }, 240_000);

  it('GraphQL: every Query and Mutation field, no INTERNAL_SERVER_ERROR, no 5xx, nothing internal leaks', async () => {
    const fuzzer = new GraphqlFuzzer(schema);
    const operations: Array<{ name: string; arb: fc.Arbitrary<GraphqlCase>; numRuns: number; examples: GraphqlCase[] }> = [];
    for (const [kind, root] of [
      ['query', schema.queryType],
      ['mutation', schema.mutationType],
    ] as const) {
      if (!root) continue;
      for (const field of fuzzer.type(root.name)?.fields ?? []) {
        operations.push({
          name: `${kind} ${field.name}`,
          arb: graphqlCase(fuzzer, kind, field),
          numRuns: GRAPHQL_RUNS,
          examples: graphqlExamples(fuzzer, kind, field),
        });
      }
    }
    expect(operations.length).toBeGreaterThan(5);
    const failures = await fuzzEach(operations, async (c, name) => {
      const res = await send('POST', '/graphql', c.headers, c.body);
      const data = (parseJson(res.text) as { data?: Record<string, unknown> | null } | undefined)?.data;
      tally(name, data && Object.values(data).some((v) => v !== null) ? 200 : res.status >= 300 ? res.status : 400);
      return checkGraphql(res).map(
        (p) => `${p} [${res.status} ${short(res.text, 300)}] for ${short(c.body, 500)} headers=${short(c.headers, 200)}`,
      );
    });
    expect(failures, failures.join('\n\n')).toEqual([]);
  }, 240_000);

  it('GraphQL: malformed requests (junk queries, batches, wrong variables, deep nesting) are refused cleanly', async () => {
    const examples = RAW_GRAPHQL_BODIES.map((b) => rawGraphqlRequest(b, 'post-json', {}, undefined));
    const failures = await fuzzEach([{ name: 'raw /graphql', arb: rawGraphqlCase, numRuns: RAW_GRAPHQL_RUNS, examples }], async (c) => {
      const res = await send(c.method, c.path, c.headers, c.method === 'GET' ? undefined : c.body);
      return checkGraphql(res).map(
        (p) => `${p} [${res.status} ${short(res.text, 300)}] for ${c.method} ${short(c.path, 200)} ${short(c.body, 400)}`,
      );
    });
    expect(failures, failures.join('\n\n')).toEqual([]);
  }, 120_000);

  it('GraphQL document shapes (fragments, aliases, directives, depth): a known code, no 5xx, each answered in time while /health/live answers', async () => {
    let slowest = 0;
    let answered = 0;
    const failures = await fuzzEach(
      [{ name: 'graphql document shapes', arb: documentShape, numRuns: DOCUMENT_SHAPE_RUNS }],
      async (doc) => {
        const started = performance.now();
        const res = await send('POST', '/graphql', { 'content-type': 'application/json' }, JSON.stringify(doc));
        const ms = performance.now() - started;
        slowest = Math.max(slowest, ms);
        const body = parseJson(res.text) as { data?: unknown } | undefined;
        if (body?.data) answered++;
        const problems = checkGraphql(res);
        if (ms > DOCUMENT_SHAPE_MAX_MS) problems.push(`took ${Math.round(ms)} ms`);
        const live = await send('GET', '/health/live', {});
        if (live.status !== 200) problems.push(`/health/live answered ${live.status} after it`);
        return problems.map((p) => `${p} [${res.status} ${short(res.text, 300)}] for ${short(doc, 600)}`);
      },
    );
    expect(failures, failures.join('\n\n')).toEqual([]);
    // Some shapes are valid and run: the generator reaches execution, not only the refusals.
    expect(answered).toBeGreaterThan(0);
    expect(slowest).toBeLessThan(DOCUMENT_SHAPE_MAX_MS);
  }, 240_000);

  it('reached the handlers, not only the validation: most routes and operations answered some inputs with success', () => {
    if (DEBUG_DIR) console.log([...statusClasses].map(([k, v]) => `${k.padEnd(50)} ${JSON.stringify(v)}`).join('\n'));
    const routes = [...statusClasses].filter(([name]) => name !== 'raw /graphql');
    const answered = routes.filter(([, byClass]) => (byClass['2xx'] ?? 0) > 0);
    expect(routes.length).toBeGreaterThan(20);
    expect(answered.length / routes.length).toBeGreaterThan(0.6);
  });

  it('afterwards the catalog is whole (1,373 types, nothing dropped) and the service is ready', async () => {
    const count = await app.gql('{ instanceTypes(first: 0) { totalCount } }').expect(200);
    expect(count.body.data.instanceTypes.totalCount).toBe(1373);
    const ready = await app.http.get('/health/ready').expect(200);
    expect(ready.body).toMatchObject({ status: 'ok', database: 'up', catalog: { loaded: true, instanceTypes: 1373 } });
    await app.http.get('/api/v1/instance-types/m5.large').expect(200);
  });
});
