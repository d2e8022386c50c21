/**
 * The pure diagnosis core: pasted events and logs matched against a table of symptoms, and the
 * EKS Windows log collector's files read for DSR and the Service CIDR. No NestJS, no I/O.
 */
export * from './diagnosis.js';
export * from './diagnosis.rules.js';
export * from './log-collector.artefacts.js';
export * from './vpc-cni-configmap.js';
