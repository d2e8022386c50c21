export * from './fake-pricing.js';
