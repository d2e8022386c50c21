import { describe, expect, it } from 'vitest';
import { readBundledSnapshot } from '../../catalog/bundled-catalog.js';
import { buildContext } from './cni-context.js';
import { resolveCniPlan } from './cni-plan.js';
import { assessOption, rankOptions, type CniRule } from './cni-rule-table.js';
import { CNI_OPTIONS, type CniPlan } from './cni.types.js';
import { CNI_RULES, CNI_WEIGHTS } from './rules/index.js';

// The mechanics of the rule table: which options a rule is asked about, how its points become an
// effect, and that RULES_OUT makes an option UNSUPPORTED whatever its score.

const m5 = readBundledSnapshot().types.find((t) => t.name === 'm5.large')!;
const plan: CniPlan = {
  kubernetesVersion: '1.31',
  nodeGroups: [{ name: 'linux', os: 'LINUX', facts: m5, nodes: 2, subnetCidrs: ['10.0.1.0/24'] }],
  windowsPods: 0,
  linuxPods: 10,
};
const ctx = buildContext(resolveCniPlan(plan));
const finding = { message: 'm', source: 's' };

describe('the CNI rule table', () => {
  it('asks a rule only about the options its weight names; a number applies to all four', () => {
    const asked: string[] = [];
    const only: CniRule = { code: 'DSR_NOT_NEEDED', weight: { CALICO_OVERLAY: -5 }, assess: ({ option }) => (asked.push(option), finding) };
    const all: CniRule = { code: 'DSR_NOT_NEEDED', weight: 3, assess: () => finding };
    const out = CNI_OPTIONS.map((o) => assessOption(o, ctx, [only, all]));
    expect(asked).toEqual(['CALICO_OVERLAY']);
    expect(out.map((a) => a.score)).toEqual([3, 3, 3, -2]);
  });

  it('positive points favour, negative disfavour, zero notes; a finding may weigh otherwise or report a sibling code', () => {
    const rules: CniRule[] = [
      { code: 'SGP_LINUX_ONLY', weight: 7, assess: () => finding },
      { code: 'SGP_LINUX_ONLY', weight: -7, assess: () => finding },
      { code: 'SGP_LINUX_ONLY', weight: 7, assess: () => ({ ...finding, weight: 0, code: 'SGP_NEEDS_VPC_CNI', nodeGroups: ['linux'] }) },
    ];
    const { reasons, score, verdict } = assessOption('VPC_CNI_SECONDARY_IP', ctx, rules);
    expect(reasons.map((r) => [r.rule, r.effect, r.weight])).toEqual([
      ['SGP_LINUX_ONLY', 'FAVOURS', 7],
      ['SGP_LINUX_ONLY', 'DISFAVOURS', -7],
      ['SGP_NEEDS_VPC_CNI', 'NOTE', 0],
    ]);
    expect(reasons[2].nodeGroups).toEqual(['linux']);
    expect([score, verdict]).toEqual([0, null]);
  });

  it('a RULES_OUT finding scores nothing and makes the option UNSUPPORTED, ranked last whatever its score', () => {
    const rules: CniRule[] = [
      { code: 'VPC_CNI_DEFAULT_MODE', weight: { VPC_CNI_SECONDARY_IP: 100, CALICO_OVERLAY: 1 }, assess: () => finding },
      { code: 'NODE_GROUP_NO_POD_CAPACITY', weight: { VPC_CNI_SECONDARY_IP: -50 }, assess: () => ({ ...finding, rulesOut: true }) },
    ];
    const assessed = CNI_OPTIONS.map((o) => assessOption(o, ctx, rules));
    expect(assessed[0]).toMatchObject({ score: 100, verdict: 'UNSUPPORTED' });
    expect(assessed[0].reasons[1]).toMatchObject({ effect: 'RULES_OUT', weight: 0 });
    const ranked = rankOptions(assessed);
    expect(ranked.map((o) => [o.option, o.verdict])).toEqual([
      ['CALICO_OVERLAY', 'RECOMMENDED'],
      ['VPC_CNI_PREFIX_DELEGATION', 'NOT_RECOMMENDED'],
      ['VPC_CNI_CUSTOM_NETWORKING', 'NOT_RECOMMENDED'],
      ['VPC_CNI_SECONDARY_IP', 'UNSUPPORTED'],
    ]);
  });

  it('each option starts from its own character rule, with its base weight', () => {
    const base = CNI_OPTIONS.map((o) => assessOption(o, ctx, CNI_RULES.slice(0, 4)).reasons.map((r) => [r.rule, r.weight]));
    expect(base).toEqual([
      [['VPC_CNI_DEFAULT_MODE', CNI_WEIGHTS.BASE_SECONDARY_IP]],
      [['PREFIX_DELEGATION_OPT_IN', CNI_WEIGHTS.BASE_PREFIX_DELEGATION]],
      [['CUSTOM_NETWORKING_SEPARATE_POD_SUBNETS', CNI_WEIGHTS.BASE_CUSTOM_NETWORKING]],
      [['OVERLAY_PODS_OFF_VPC', CNI_WEIGHTS.BASE_OVERLAY]],
    ]);
  });
});
