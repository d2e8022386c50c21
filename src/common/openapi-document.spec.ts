import type { OpenAPIObject } from '@nestjs/swagger';
import { describe, expect, it } from 'vitest';
import { completeOpenApiDocument, PUBLIC_OPERATION } from './openapi-document.js';

function documentWith(paths: OpenAPIObject['paths'], schemas: Record<string, unknown> = {}): OpenAPIObject {
  return { openapi: '3.0.0', info: { title: 't', version: '1' }, paths, components: { schemas: schemas as never } };
}

describe('completeOpenApiDocument', () => {
  it('turns 3.0 nullables into JSON Schema 2020-12 (OpenAPI 3.1)', () => {
    const doc = completeOpenApiDocument(
      documentWith(
        {},
        {
          Row: {
            type: 'object',
            properties: {
              count: { type: 'number', nullable: true },
              price: { type: 'number', format: 'double' },
              mode: { type: 'string', enum: ['A', 'B'], nullable: true },
              reason: { type: 'object', nullable: true, allOf: [{ $ref: '#/components/schemas/Warning' }] },
              plain: { allOf: [{ $ref: '#/components/schemas/Warning' }], description: 'd' },
              value: { nullable: true, oneOf: [{ type: 'number' }, { type: 'string' }] },
            },
          },
        },
      ),
    );
    expect(doc.openapi).toBe('3.1.0');
    expect((doc.components!.schemas!.Row as any).properties).toEqual({
      // A number is an integer unless it says format double (GraphQL: Int unless Float); a oneOf member is any value.
      count: { type: ['integer', 'null'] },
      price: { type: 'number', format: 'double' },
      mode: { type: ['string', 'null'], enum: ['A', 'B', null] },
      reason: { anyOf: [{ $ref: '#/components/schemas/Warning' }, { type: 'null' }] },
      plain: { $ref: '#/components/schemas/Warning', description: 'd' },
      value: { oneOf: [{ type: 'number' }, { type: 'string' }, { type: 'null' }] },
    });
  });

  it('adds the statuses every route may answer, with the error envelope, and none of the key or cache ones to probes', () => {
    const doc = completeOpenApiDocument(
      documentWith({
        '/api/v1/things/{id}': {
          get: {
            parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
            responses: { 200: { description: 'ok' }, 404: { description: 'gone' } },
          },
        },
        '/api/v1/things': {
          post: { requestBody: { content: {} }, security: [{ bearer: [] }], responses: { 201: { description: 'made' } } },
        },
        '/health/live': { get: { [PUBLIC_OPERATION]: true, responses: { 200: { description: 'ok' } } } as never },
      }),
    );
    const get = doc.paths['/api/v1/things/{id}'].get!;
    expect(Object.keys(get.responses).sort()).toEqual(['200', '304', '400', '401', '404', '429', '500', '503']);
    expect((get.responses['404'] as any).content['application/json'].schema).toEqual({ $ref: '#/components/schemas/ErrorEnvelope' });
    expect((get.responses['200'] as any).headers).toHaveProperty('ETag');
    const post = doc.paths['/api/v1/things'].post!;
    expect(Object.keys(post.responses).sort()).toEqual(['201', '400', '401', '403', '413', '415', '429', '500', '503']);
    const live = doc.paths['/health/live'].get! as any;
    expect(Object.keys(live.responses).sort()).toEqual(['200', '500', '503']);
    expect(live.security).toEqual([]);
    expect(live[PUBLIC_OPERATION]).toBeUndefined();
    expect(doc.security).toEqual([{ bearer: [] }, {}]);
  });
});
