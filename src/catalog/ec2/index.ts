export * from './ec2-catalog-source.js';
