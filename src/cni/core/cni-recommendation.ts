import { buildContext } from './cni-context.js';
import { decideDsr } from './cni-dsr.js';
import { chooseNetworkPolicyEngine } from './cni-network-policy.js';
import { buildConflicts, buildNotes } from './cni-notes.js';
import { assessOption, rankOptions } from './cni-rule-table.js';
import { buildSettings } from './cni-settings.js';
import { resolveCniPlan } from './cni-plan.js';
import { CNI_OPTIONS, type CniPlan, type CniRecommendation } from './cni.types.js';
import { CNI_RULES } from './rules/index.js';

export { VIABLE_MIN_SCORE } from './cni-rule-table.js';
export { CNI_WEIGHTS } from './rules/index.js';
export { deriveWindowsServiceDefaults } from './cni-context.js';

/**
 * Recommends how to network an EKS cluster with Windows (and Linux) nodes: all four CNI options
 * ranked with reasons and sources (the rule table, CNI_RULES), their consequences from the capacity
 * engine, the network policy engine, DSR, and the settings to apply. Pure: no clock, no I/O.
 * Takes the plan the edge checked and resolved (instance types as facts); it checks nothing again.
 */
export function recommendCni(plan: CniPlan): CniRecommendation {
  const r = resolveCniPlan(plan);
  const ctx = buildContext(r);
  const options = rankOptions(CNI_OPTIONS.map((option) => assessOption(option, ctx, CNI_RULES)));
  const recommended = options.find((o) => o.verdict === 'RECOMMENDED')?.option ?? null;
  const networkPolicyEngine = chooseNetworkPolicyEngine(ctx);
  const dsr = decideDsr(ctx, networkPolicyEngine);
  return {
    input: r.normalized,
    options,
    recommended,
    networkPolicyEngine,
    dsr,
    settings: buildSettings(ctx, recommended, networkPolicyEngine, dsr),
    conflicts: buildConflicts(ctx),
    notes: buildNotes(ctx, recommended),
  };
}
