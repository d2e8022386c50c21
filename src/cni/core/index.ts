/**
 * The pure CNI recommendation core: inputs -> all four CNI options ranked with reasons and sources,
 * consequences from the capacity engine, network policy engine, DSR and settings.
 * No NestJS, TypeORM, AWS or config imports; no clock or I/O.
 */
export * from './cni.types.js';
export * from './cni-rules.js';
export * from './cni-template-ids.js';
export { resolveCniPlan, spreadPods, type ResolvedCniInput, type ResolvedNodeGroup } from './cni-plan.js';
export {
  computeConsequence,
  computeConsequences,
  nodeCapacityInputFor,
  subnetUsageInputFor,
  recommendedKubeletMaxPods,
  windowsPrefixDelegationKubeletMaxPods,
  requestedIpMode,
} from './cni-consequences.js';
export { recommendCni, deriveWindowsServiceDefaults, CNI_WEIGHTS, VIABLE_MIN_SCORE } from './cni-recommendation.js';
export * from './subnet-fragmentation.js';
