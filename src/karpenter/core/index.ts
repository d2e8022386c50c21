/** The pure Karpenter core: what Karpenter plans for Windows nodes, next to what they really run. */
export * from './karpenter.types.js';
export * from './karpenter-windows-plan.js';
export * from './karpenter-vpc-limits.js';
export * from './ec2-windows-refusals.js';
export * from './karpenter-windows-userdata.js';
