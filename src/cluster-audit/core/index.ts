/** The pure cluster audit: kubectl output in, findings with codes and sources out. */
export * from './cluster-audit.js';
