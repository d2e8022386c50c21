import { consequenceOf, reason, type CniContext } from './cni-context.js';
import type { ResolvedNodeGroup } from './cni-plan.js';
import type { CniRuleCode } from './cni-rules.js';
import {
  CNI_OPTIONS,
  type CniOption,
  type CniOptionAssessment,
  type CniReason,
  type CniVerdict,
  type NodeGroupConsequence,
} from './cni.types.js';

/**
 * Scoring. Each option starts from a base weight (its own "character" reason) and every rule adds
 * or removes points. The highest-scoring supported option is RECOMMENDED; the others are VIABLE
 * when they keep at least VIABLE_MIN_SCORE points, else NOT_RECOMMENDED. Any RULES_OUT reason makes
 * an option UNSUPPORTED whatever its score.
 */
export const VIABLE_MIN_SCORE = 25;

/** One option as a rule sees it. */
export interface OptionUnderAssessment {
  option: CniOption;
  ctx: CniContext;
  /** Every option but the Calico overlay runs on the VPC CNI. */
  isVpcCni: boolean;
  /** The rule's points for this option. */
  weight: number;
  /** This option's consequence for a node group. */
  consequence(g: ResolvedNodeGroup): NodeGroupConsequence;
}

/** What a rule found about an option; the table turns it into a reason. */
export interface CniFinding {
  message: string;
  source: string;
  nodeGroups?: string[];
  /** The option cannot serve these node groups (a RULES_OUT reason, no points). */
  rulesOut?: boolean;
  /** Points other than the rule's own for this option (e.g. none when nothing is lost); 0 makes it a NOTE. */
  weight?: number;
  /** A sibling code the rule reports under (a platform block, an architecture refusal). */
  code?: CniRuleCode;
}

/**
 * One rule of the CNI table: the code its reasons carry, the points it gives each option it applies to
 * (a number: the same for every option; a map: only the options named, the others are not assessed),
 * and `assess`, which says what it finds. Positive points FAVOUR an option, negative DISFAVOUR it,
 * zero is a NOTE; `rulesOut` makes the option UNSUPPORTED.
 */
export interface CniRule {
  code: CniRuleCode;
  weight: number | Partial<Record<CniOption, number>>;
  assess(on: OptionUnderAssessment): CniFinding | CniFinding[] | null;
}

function weightFor(rule: CniRule, option: CniOption): number | undefined {
  return typeof rule.weight === 'number' ? rule.weight : rule.weight[option];
}

function toReason(rule: CniRule, weight: number, f: CniFinding): CniReason {
  const points = f.weight ?? weight;
  const effect = f.rulesOut ? 'RULES_OUT' : points > 0 ? 'FAVOURS' : points < 0 ? 'DISFAVOURS' : 'NOTE';
  return reason(f.code ?? rule.code, effect, points, f.message, f.source, f.nodeGroups);
}

export type AssessedOption = Omit<CniOptionAssessment, 'rank' | 'verdict'> & { verdict: CniVerdict | null };

/** Runs the rules, in table order, on one option: its reasons, score and (UNSUPPORTED or not yet known) verdict. */
export function assessOption(option: CniOption, ctx: CniContext, rules: readonly CniRule[]): AssessedOption {
  const reasons: CniReason[] = [];
  for (const rule of rules) {
    const weight = weightFor(rule, option);
    if (weight === undefined) continue;
    const found = rule.assess({
      option,
      ctx,
      isVpcCni: option !== 'CALICO_OVERLAY',
      weight,
      consequence: (g) => consequenceOf(ctx, option, g),
    });
    if (found === null) continue;
    for (const f of Array.isArray(found) ? found : [found]) reasons.push(toReason(rule, weight, f));
  }
  const score = reasons.reduce((s, x) => s + x.weight, 0);
  const consequences = ctx.consequences.get(option) ?? [];
  return { option, verdict: reasons.some((x) => x.effect === 'RULES_OUT') ? 'UNSUPPORTED' : null, score, reasons, consequences };
}

/** Best first: supported before UNSUPPORTED, then by score, then in CNI_OPTIONS order. */
export function rankOptions(assessed: readonly AssessedOption[]): CniOptionAssessment[] {
  const order = (o: CniOption) => CNI_OPTIONS.indexOf(o);
  const sorted = [...assessed].sort((a, b) => {
    const au = a.verdict === 'UNSUPPORTED' ? 1 : 0;
    const bu = b.verdict === 'UNSUPPORTED' ? 1 : 0;
    return au - bu || b.score - a.score || order(a.option) - order(b.option);
  });
  let recommendedGiven = false;
  return sorted.map((a, i) => {
    let verdict: CniVerdict;
    if (a.verdict === 'UNSUPPORTED') verdict = 'UNSUPPORTED';
    else if (!recommendedGiven) {
      verdict = 'RECOMMENDED';
      recommendedGiven = true;
    } else verdict = a.score >= VIABLE_MIN_SCORE ? 'VIABLE' : 'NOT_RECOMMENDED';
    return { option: a.option, verdict, rank: i + 1, score: a.score, reasons: a.reasons, consequences: a.consequences };
  });
}
