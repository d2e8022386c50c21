import { buildSchema, getOperationAST, getVariableValues, parse, separateOperations, type GraphQLSchema } from 'graphql';
import { getComplexity } from 'graphql-query-complexity';
import { describe, expect, it } from 'vitest';
import { ESTIMATORS, estimateCost } from './admission.plugin.js';

// A schema of the shapes the service's has: a paged connection, a field with a fixed cost in its
// extensions (as the whole-catalog pods table has), an interface and a union.
function testSchema(): GraphQLSchema {
  const schema = buildSchema(`
    interface Named { name: String! }
    type Item implements Named { name: String! vcpus: Int! tags: [String!]! }
    type Region implements Named { name: String! code: String! }
    union Thing = Item | Region
    type Page { nodes: [Item!]! total: Int! }
    type Query {
      items(first: Int, after: String): Page!
      item(name: String!): Item
      things: [Thing!]!
      named: [Named!]!
      table(os: String): [Item!]!
    }
    type Mutation { refresh(force: Boolean): Int! }
  `);
  schema.getQueryType()!.getFields().table.extensions = {
    complexity: ({ childComplexity }: { childComplexity: number }) => 100 + childComplexity,
  };
  return schema;
}

/** What graphql-query-complexity's getComplexity says, on the named operation alone. */
function upstream(schema: GraphQLSchema, source: string, variables: Record<string, unknown>, operationName?: string): number | null {
  const document = parse(source);
  const query = operationName ? separateOperations(document)[operationName] : document;
  try {
    return getComplexity({ schema, query, variables, estimators: ESTIMATORS });
  } catch {
    return null;
  }
}

function ours(schema: GraphQLSchema, source: string, variables: Record<string, unknown>, operationName?: string): number | null {
  const document = parse(source);
  const operation = getOperationAST(document, operationName)!;
  const { coerced } = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
  return estimateCost(schema, document, operation, coerced!);
}

/** Each fragment spreads the one before twice: 2^levels copies of the innermost selection. */
const fanOut = (levels: number) => {
  const defs = [`fragment F0 on Page { nodes { name } }`];
  for (let i = 1; i <= levels; i++) defs.push(`fragment F${i} on Page { ...F${i - 1} ...F${i - 1} }`);
  return `{ items(first: 5) { ...F${levels} } } ${defs.join(' ')}`;
};

const CASES: Array<[string, string, Record<string, unknown>, string?]> = [
  ['a bare __typename', '{ __typename }', {}],
  ['a paged field with a literal first', '{ items(first: 50) { total nodes { name vcpus tags } } }', {}],
  ['a paged field with first from a variable', 'query Q($n: Int) { items(first: $n) { nodes { name } } }', { n: 200 }],
  ['a paged field whose variable is left out', 'query Q($n: Int) { items(first: $n) { nodes { name } } }', {}],
  ['a variable default', 'query Q($n: Int = 30) { items(first: $n) { nodes { name } } }', {}],
  ['a fixed cost in the field extensions', '{ table(os: "windows") { name vcpus } }', {}],
  [
    'fragments, inline fragments and aliases',
    '{ a: item(name: "m5.large") { ...I } b: item(name: "c5.xlarge") { ... on Item { vcpus } } } fragment I on Item { name tags }',
    {},
  ],
  ['an interface and a union', '{ things { ... on Item { name vcpus } ... on Region { code } } named { name ... on Item { tags } } }', {}],
  [
    '@skip and @include from variables',
    'query Q($s: Boolean!, $i: Boolean!) { items(first: 10) { nodes { name @skip(if: $s) vcpus @include(if: $i) } total @skip(if: true) } }',
    { s: true, i: false },
  ],
  [
    'the named one of several operations',
    'query A { items(first: 3) { total } } query B { table { name } } mutation C { refresh }',
    {},
    'B',
  ],
  ['a mutation', 'mutation M($f: Boolean) { refresh(force: $f) }', { f: true }],
  ['a fragment cycle (refused by validation; no endless walk here)', '{ items { ...P } } fragment P on Page { nodes { name } ...P }', {}],
  ['a fragment fan-out under the node limit', fanOut(6), {}],
  ['a fragment fan-out past the 10,000-node limit', fanOut(14), {}],
];

describe('estimateCost: graphql-query-complexity walked on the chosen operation', () => {
  const schema = testSchema();
  it.each(CASES)('gives getComplexity’s answer for %s', (_name, source, variables, operationName) => {
    expect(ours(schema, source, variables, operationName)).toBe(upstream(schema, source, variables, operationName));
  });

  it('costs what the estimators say (not only what upstream says)', () => {
    // items: 1 + child x first; child = nodes (1 + 2 leaves) + total (1) = 4.
    expect(ours(schema, 'query Q($n: Int) { items(first: $n) { total nodes { name vcpus } } }', { n: 25 })).toBe(1 + 4 * 25);
    expect(ours(schema, '{ table { name } }', {})).toBe(101);
    expect(ours(schema, fanOut(6), {})).toBe(1 + 5 * 2 ** 6 * 2);
    expect(ours(schema, fanOut(14), {})).toBeNull();
  });
});
