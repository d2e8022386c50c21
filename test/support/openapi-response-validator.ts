import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';

/**
 * Checks HTTP responses against the OpenAPI document the service serves at /api/docs-json: the
 * status must be documented for the operation, the content type declared for that status, and a
 * JSON body must validate (ajv, JSON Schema 2020-12 as OpenAPI 3.1 uses) against the status's
 * schema. Responses of paths the document does not describe (GraphQL, the docs page, metrics) are
 * left alone, except errors, which must be the error envelope whatever the path.
 */

interface OpenApiDocument {
  paths: Record<string, Record<string, { responses?: Record<string, { content?: Record<string, unknown> }> }>>;
  components?: { schemas?: Record<string, unknown> };
}

export interface ResponseToCheck {
  method: string;
  /** Path and query, as sent. */
  url: string;
  status: number;
  contentType: string | undefined;
  text: string;
  body: unknown;
}

const UNDOCUMENTED = /^\/(graphql|api\/docs|metrics)(\/|\?|$|-json)/;
const DOC_ID = 'urn:eks-net-planner:openapi';

function pointer(...parts: string[]): string {
  return parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');
}

export class OpenApiResponseValidator {
  private readonly ajv = new Ajv2020({ strict: false, allErrors: false, validateFormats: false });
  private readonly templates: Array<{ template: string; pattern: RegExp; params: number }>;
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(private readonly document: OpenApiDocument) {
    this.ajv.addSchema({ ...document, $id: DOC_ID });
    this.templates = Object.keys(document.paths)
      .map((template) => ({
        template,
        pattern: new RegExp(
          `^${template.replace(/[.*+?^${}()|[\]\\]/g, (c) => (c === '{' || c === '}' ? c : `\\${c}`)).replace(/\{[^}]+\}/g, '[^/]+')}$`,
        ),
        params: (template.match(/\{/g) ?? []).length,
      }))
      // A literal segment wins over a parameter (windows-services before {instanceType}).
      .sort((a, b) => a.params - b.params);
  }

  private validator(ref: string): ValidateFunction {
    let fn = this.compiled.get(ref);
    if (!fn) {
      fn = this.ajv.compile({ $ref: `${DOC_ID}#/${ref}` });
      this.compiled.set(ref, fn);
    }
    return fn;
  }

  /** The problems with one response; empty when it matches the document. */
  check(res: ResponseToCheck): string[] {
    const path = res.url.split('?')[0];
    const method = res.method.toLowerCase() === 'head' ? 'get' : res.method.toLowerCase();
    const media = res.contentType?.split(';')[0].trim().toLowerCase();
    const isJson = media === 'application/json';
    const validateEnvelope = (): string[] => {
      if (res.status < 400) return [];
      if (!isJson) return [`error ${res.status} is ${media ?? 'without a content type'}, not the JSON error envelope`];
      return this.schemaProblems('components/schemas/ErrorEnvelope', res.body);
    };
    if (UNDOCUMENTED.test(path) || method === 'options') return [];
    const match = this.templates.find((t) => t.pattern.test(path));
    const operation = match ? this.document.paths[match.template][method] : undefined;
    if (!match || !operation) return validateEnvelope();
    const responses = operation.responses ?? {};
    const key = [String(res.status), `${String(res.status)[0]}XX`, 'default'].find((k) => responses[k]);
    if (!key)
      return [
        `status ${res.status} is not documented for ${method.toUpperCase()} ${match.template} (documented: ${Object.keys(responses).join(', ')})`,
      ];
    const content = responses[key].content;
    if (res.status === 304 || res.status === 204 || res.method.toUpperCase() === 'HEAD') {
      return res.text ? [`${res.status} to ${method.toUpperCase()} ${match.template} has a body`] : [];
    }
    if (!content) return res.text ? [`${res.status} of ${method.toUpperCase()} ${match.template} documents no body, got ${media}`] : [];
    if (!media || !(media in content)) {
      return [`${res.status} of ${method.toUpperCase()} ${match.template} is ${media}; documented: ${Object.keys(content).join(', ')}`];
    }
    if (!isJson) return [];
    return this.schemaProblems(pointer('paths', match.template, method, 'responses', key, 'content', media, 'schema'), res.body).map(
      (p) => `${res.status} of ${method.toUpperCase()} ${match.template}: ${p}`,
    );
  }

  private schemaProblems(ref: string, body: unknown): string[] {
    const validate = this.validator(ref);
    if (validate(body)) return [];
    return (validate.errors ?? []).slice(0, 5).map((e) => `${e.instancePath || '(body)'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
  }
}
