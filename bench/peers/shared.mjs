// What every peer server answers, so that they differ only in the stack: the service's own GraphQL
// schema (contracts/schema.gql, written from the service) with constant resolvers, and a constant
// capacity-shaped answer (the fields scenarios.mjs selects from `nodeCapacity`, as the service answers
// them for m5.large on Windows). Each peer runs in its own process, on loopback, like the service.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export const TYPE_DEFS = readFileSync(join(ROOT, 'contracts', 'schema.gql'), 'utf8');

export const CAPACITY_ANSWER = Object.freeze({
  instanceType: 'm5.large',
  os: 'WINDOWS',
  requestedIpMode: 'SECONDARY_IP',
  effectiveIpMode: 'SECONDARY_IP',
  ipLimitedPods: 9,
  maxPods: 9,
  limitedBy: 'IP_ADDRESSES',
  kubeletMaxPods: 110,
  recommendedMaxPods: null,
  podEnis: 1,
  slotsPerEni: 9,
  branchInterfaces: null,
  formula: ['W = I - 1 = 10 - 1 = 9', 'maxPods = min(W, kubelet max-pods) = min(9, 110) = 9'],
  formulaText: 'W = I - 1 = 10 - 1 = 9\nmaxPods = min(W, kubelet max-pods) = min(9, 110) = 9',
  inputs: [{ name: 'I (IPv4 per ENI, VPCRC limits)', value: 10, note: null }],
  warnings: [
    {
      code: 'WINDOWS_PRIMARY_ENI_ONLY',
      message: 'Windows nodes use only the primary ENI for pod IPs.',
      source: 'aws/amazon-vpc-resource-controller-k8s pkg/provider/ip/provider.go',
    },
  ],
});

export const RESOLVERS = { Query: { nodeCapacity: () => CAPACITY_ANSWER } };

/** The tag a peer gives its constant answer (a revalidation naming it gets 304), as long as the service's. */
export const PEER_ETAG = '"peer-constant-answer-tag-00"';

/** The REST peers' answers: a constant hello and the capacity answer as JSON. */
export const HELLO_BODY = JSON.stringify({ status: 'ok' });
export const CAPACITY_BODY = JSON.stringify(CAPACITY_ANSWER);

export const PORT = Number(process.env.PORT ?? 0);
export const HOST = '127.0.0.1';

/** Prints the port once listening (bench/lib/service.mjs polls /ready) and stops on SIGTERM. */
export function onListening(port, close) {
  process.stdout.write(`${port}\n`);
  process.once('SIGTERM', () => void Promise.resolve(close()).then(() => process.exit(0)));
}
