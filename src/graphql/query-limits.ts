import {
  GraphQLError,
  Kind,
  type ASTVisitor,
  type FragmentDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
} from 'graphql';
import { ErrorCode } from '../common/domain-error.js';

/**
 * Apollo labels every validation error GRAPHQL_VALIDATION_FAILED; this marker lets the error
 * formatter give ours their own code.
 */
export const QUERY_LIMIT_MARKER = 'queryLimit';

function tooComplex(message: string, details: Record<string, unknown>): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: ErrorCode.QUERY_TOO_COMPLEX, details, [QUERY_LIMIT_MARKER]: true },
  });
}

/** Refuses operations nested deeper than `maxDepth` fields (fragments followed), before they run. */
export function depthLimitRule(maxDepth: number) {
  return (context: ValidationContext): ASTVisitor => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const def of context.getDocument().definitions) {
      if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
    }
    const depthOf = (set: SelectionSetNode | undefined, depth: number, seen: Set<string>): number => {
      if (!set) return depth;
      let max = depth;
      for (const sel of set.selections) {
        if (max > maxDepth) return max;
        if (sel.kind === Kind.FIELD) {
          if (sel.name.value.startsWith('__') && !sel.selectionSet) continue;
          max = Math.max(max, depthOf(sel.selectionSet, depth + 1, seen));
        } else if (sel.kind === Kind.INLINE_FRAGMENT) {
          max = Math.max(max, depthOf(sel.selectionSet, depth, seen));
        } else {
          const name = sel.name.value;
          if (seen.has(name)) continue;
          const frag = fragments.get(name);
          max = Math.max(max, depthOf(frag?.selectionSet, depth, new Set([...seen, name])));
        }
      }
      return max;
    };
    return {
      OperationDefinition(node) {
        const depth = depthOf(node.selectionSet, 0, new Set());
        if (depth > maxDepth) {
          context.reportError(
            tooComplex(`The query is nested ${depth > maxDepth + 1 ? 'more than ' : ''}${maxDepth + 1} levels deep; the limit is ${maxDepth}`, {
              maxDepth,
            }),
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
