import { GraphQLError, Kind, type ASTVisitor, type FragmentDefinitionNode, type SelectionSetNode, type ValidationContext } from 'graphql';
import { ErrorCode } from '../common/domain-error.js';

/**
 * Apollo labels every validation error GRAPHQL_VALIDATION_FAILED; this marker lets the error
 * formatter give ours their own code.
 */
export const QUERY_LIMIT_MARKER = 'queryLimit';

/**
 * How much deeper than `maxDepth` the introspection fields (`__schema`, `__type`) may nest. The
 * standard introspection query (graphql-js `getIntrospectionQuery()`, which GraphiQL's Docs pane,
 * codegen and graphql-inspector send) nests 13 levels through its `TypeRef` fragment's `ofType`
 * chain: it must pass the default limit of 12. A 30-deep `ofType` chain is still refused.
 */
export const INTROSPECTION_EXTRA_DEPTH = 3;

function tooComplex(message: string, details: Record<string, unknown>): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: ErrorCode.QUERY_TOO_COMPLEX, details, [QUERY_LIMIT_MARKER]: true },
  });
}

/** Depth of a selection set: the largest `{ introspection, ordinary }` depth below it. */
interface Depth {
  /** Levels of fields, counting all of them. */
  all: number;
  /** Levels of fields outside `__schema` / `__type` subtrees. */
  ordinary: number;
}

const ZERO: Depth = { all: 0, ordinary: 0 };

function deeper(a: Depth, b: Depth): Depth {
  return { all: Math.max(a.all, b.all), ordinary: Math.max(a.ordinary, b.ordinary) };
}

/**
 * Refuses operations nested deeper than `maxDepth` fields (fragments followed), before they run;
 * introspection fields may nest `INTROSPECTION_EXTRA_DEPTH` levels more.
 *
 * Each fragment's depth is computed once and remembered, so the work is linear in the document: a
 * 0.9 kB query of fragments that each spread the next one twice used to be walked once per path
 * (2^n paths) and blocked the event loop for 8.6 s. A fragment met again while it is being measured
 * (a cycle, which NoFragmentCyclesRule reports) counts as depth 0. The walk recurses once per
 * nesting level; the parser's token limit and the fragment limit bound that.
 */
export function depthLimitRule(maxDepth: number) {
  const maxIntrospectionDepth = maxDepth + INTROSPECTION_EXTRA_DEPTH;
  return (context: ValidationContext): ASTVisitor => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const def of context.getDocument().definitions) {
      if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
    }
    const known = new Map<string, Depth>();
    const measuring = new Set<string>();

    /**
     * Depth of a selection set, relative to it. `inIntrospection`: inside a `__schema`/`__type`
     * subtree, where fields count towards `all` only. Fragment depths are remembered per
     * (fragment, inIntrospection).
     */
    const depthOf = (set: SelectionSetNode | undefined, inIntrospection: boolean): Depth => {
      if (!set) return ZERO;
      let max = ZERO;
      for (const sel of set.selections) {
        if (sel.kind === Kind.FIELD) {
          if (!sel.selectionSet) {
            max = deeper(max, { all: 1, ordinary: inIntrospection || sel.name.value.startsWith('__') ? 0 : 1 });
            continue;
          }
          const introspection = inIntrospection || sel.name.value === '__schema' || sel.name.value === '__type';
          const below = depthOf(sel.selectionSet, introspection);
          max = deeper(max, { all: below.all + 1, ordinary: introspection ? 0 : below.ordinary + 1 });
        } else if (sel.kind === Kind.INLINE_FRAGMENT) {
          max = deeper(max, depthOf(sel.selectionSet, inIntrospection));
        } else {
          const key = `${inIntrospection ? 'i' : 'o'}:${sel.name.value}`;
          const remembered = known.get(key);
          if (remembered) {
            max = deeper(max, remembered);
            continue;
          }
          if (measuring.has(key)) continue;
          const frag = fragments.get(sel.name.value);
          if (!frag) continue;
          measuring.add(key);
          const depth = depthOf(frag.selectionSet, inIntrospection);
          measuring.delete(key);
          known.set(key, depth);
          max = deeper(max, depth);
        }
      }
      return max;
    };
    return {
      OperationDefinition(node) {
        const depth = depthOf(node.selectionSet, false);
        if (depth.ordinary > maxDepth) {
          context.reportError(
            tooComplex(`The query is nested ${depth.ordinary} levels deep; the limit is ${maxDepth}`, { maxDepth, depth: depth.ordinary }),
          );
        } else if (depth.all > maxIntrospectionDepth) {
          context.reportError(
            tooComplex(
              `The introspection query is nested ${depth.all} levels deep; the limit is ${maxIntrospectionDepth} (GRAPHQL_MAX_DEPTH + ${INTROSPECTION_EXTRA_DEPTH})`,
              {
                maxDepth: maxIntrospectionDepth,
                depth: depth.all,
              },
            ),
          );
        }
      },
    };
  };
}

/** Refuses documents with more than `maxAliases` aliased fields (alias-multiplication attacks). */
export function aliasLimitRule(maxAliases: number) {
  return (context: ValidationContext): ASTVisitor => {
    let aliases = 0;
    let reported = false;
    return {
      Field(node) {
        if (node.alias) aliases++;
        if (aliases > maxAliases && !reported) {
          reported = true;
          context.reportError(tooComplex(`The query uses more than ${maxAliases} aliases`, { maxAliases }));
        }
      },
    };
  };
}

/** Refuses documents that define more than `maxFragments` fragments or use more than `maxDirectives` directives. */
export function fragmentAndDirectiveLimitRule(maxFragments: number, maxDirectives: number) {
  return (context: ValidationContext): ASTVisitor => {
    let directives = 0;
    let reported = false;
    return {
      Document(node) {
        const count = node.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION).length;
        if (count > maxFragments) {
          context.reportError(tooComplex(`The query defines ${count} fragments; the limit is ${maxFragments}`, { maxFragments }));
        }
      },
      Directive() {
        directives++;
        if (directives > maxDirectives && !reported) {
          reported = true;
          context.reportError(tooComplex(`The query uses more than ${maxDirectives} directives`, { maxDirectives }));
        }
      },
    };
  };
}
