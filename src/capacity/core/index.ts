/**
 * The pure capacity core: pods per node, subnet IPs consumed, node-group sizing, Services/DSR.
 * No NestJS, TypeORM, AWS or config imports; no clock or I/O at call time.
 */
export * from './capacity.types.js';
export * from './node-capacity.js';
export * from './ipv4-cidr.js';
export * from './warm-pool.js';
export * from './subnet-usage.js';
export * from './node-group-sizing.js';
export * from './windows-services.js';
export * from './vpc-resource-controller-limits.js';
export * from './windows-server.js';
export * from './subnet-prefix-map.js';
export * from './subnet-prefix-map.svg.js';
export * from './windows-eligibility.js';
export * from './allocatable.js';
export * from './instance-prices.js';
