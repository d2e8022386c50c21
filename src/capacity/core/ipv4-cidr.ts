import { validationError } from '../../common/domain-error.js';

/** A parsed IPv4 CIDR block. */
export interface Ipv4Cidr {
  cidr: string;
  /** Network address as an unsigned 32-bit integer. */
  network: number;
  prefixLength: number;
  /** Number of addresses: 2^(32 - p). */
  size: number;
}

/** VPC subnets may be /16 to /28 (EC2 CreateSubnet). */
export const MIN_SUBNET_PREFIX_LENGTH = 16;
export const MAX_SUBNET_PREFIX_LENGTH = 28;

const CIDR_PATTERN = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

/**
 * Parses `a.b.c.d/p` strictly: four decimal octets 0-255 without leading zeros, a prefix length
 * /16../28, and no host bits set (10.0.0.1/24 is refused: did you mean 10.0.0.0/24?).
 */
export function parseIpv4Cidr(text: string, field = 'cidr'): Ipv4Cidr {
  return parseCidr(text, field, (raw, prefixLength) => {
    if (prefixLength < MIN_SUBNET_PREFIX_LENGTH || prefixLength > MAX_SUBNET_PREFIX_LENGTH) {
      throw validationError(
        field,
        'subnet-prefix-length',
        `"${raw}": a VPC subnet is /${MIN_SUBNET_PREFIX_LENGTH} to /${MAX_SUBNET_PREFIX_LENGTH}, not /${prefixLength} (EC2 CreateSubnet)`,
      );
    }
  });
}

/** A cluster's Service CIDR as EKS takes it, with the kube-dns ClusterIP EKS gives out of it. */
export interface ServiceCidr extends Ipv4Cidr {
  /** The .10 of the range. */
  dnsClusterIp: string;
}

/** Where EKS says what a Service CIDR may be. */
export const EKS_SERVICE_CIDR_SOURCE = 'EKS API KubernetesNetworkConfigRequest serviceIpv4Cidr (CreateCluster)';

/** The private blocks an EKS Service CIDR must lie within (RFC 1918). */
const PRIVATE_BLOCKS = [
  { cidr: '10.0.0.0/8', network: 10 * 2 ** 24, size: 2 ** 24 },
  { cidr: '172.16.0.0/12', network: (172 * 256 + 16) * 2 ** 16, size: 2 ** 20 },
  { cidr: '192.168.0.0/16', network: (192 * 256 + 168) * 2 ** 16, size: 2 ** 16 },
];

/**
 * A Service CIDR as EKS CreateCluster accepts it: IPv4, /12 to /24, no host bits, within 10.0.0.0/8,
 * 172.16.0.0/12 or 192.168.0.0/16. One parser for every input that takes one (the CNI recommendation,
 * the Karpenter plan, diagnosis, the templates).
 */
export function parseEksServiceCidr(text: string, field = 'serviceIpv4Cidr'): ServiceCidr {
  const c = parseCidr(text, field, (raw, prefixLength) => {
    if (prefixLength < 12 || prefixLength > 24) {
      throw validationError(
        field,
        'service-cidr-prefix-length',
        `${field}: an EKS Service CIDR is /12 to /24, not /${prefixLength} ("${raw}"; ${EKS_SERVICE_CIDR_SOURCE})`,
      );
    }
  });
  if (!PRIVATE_BLOCKS.some((b) => c.network >= b.network && c.network + c.size <= b.network + b.size)) {
    throw validationError(
      field,
      'service-cidr-private-range',
      `${field}: an EKS Service CIDR lies within ${PRIVATE_BLOCKS.map((b) => b.cidr).join(', ')}; ${c.cidr} does not (${EKS_SERVICE_CIDR_SOURCE})`,
    );
  }
  return { ...c, dnsClusterIp: formatIpv4(c.network + 10) };
}

/** The syntax both parsers share; `checkLength` refuses a prefix length the caller does not take. */
function parseCidr(text: string, field: string, checkLength: (raw: string, prefixLength: number) => void): Ipv4Cidr {
  const raw = typeof text === 'string' ? text.trim() : '';
  const m = CIDR_PATTERN.exec(raw);
  if (!m) {
    const hint = raw.includes(':') ? ' (IPv6 is not available to Windows pods on EKS: IPv6 clusters do not support Windows nodes)' : '';
    throw validationError(field, 'cidr-format', `"${String(text)}" is not an IPv4 CIDR like 10.0.0.0/24${hint}`);
  }
  let network = 0;
  for (let k = 1; k <= 4; k++) {
    const octet = m[k];
    if (octet.length > 1 && octet.startsWith('0')) {
      throw validationError(field, 'cidr-format', `"${raw}" is not an IPv4 CIDR: octet "${octet}" has a leading zero`);
    }
    const value = Number(octet);
    if (value > 255) throw validationError(field, 'cidr-format', `"${raw}" is not an IPv4 CIDR: octet ${value} is above 255`);
    network = network * 256 + value;
  }
  const prefixLength = Number(m[5]);
  if (m[5].length > 1 && m[5].startsWith('0')) {
    throw validationError(field, 'cidr-format', `"${raw}" is not an IPv4 CIDR: prefix length "${m[5]}" has a leading zero`);
  }
  checkLength(raw, prefixLength);
  const size = 2 ** (32 - prefixLength);
  if (network % size !== 0) {
    const aligned = network - (network % size);
    throw validationError(field, 'cidr-aligned', `"${raw}" has host bits set; the network is ${formatIpv4(aligned)}/${prefixLength}`);
  }
  return { cidr: `${formatIpv4(network)}/${prefixLength}`, network, prefixLength, size };
}

export function formatIpv4(address: number): string {
  return [address >>> 24, (address >>> 16) & 255, (address >>> 8) & 255, address & 255].join('.');
}

/** Parses several subnet CIDRs and refuses an empty list or any two that overlap. */
export function parseSubnetCidrs(texts: readonly string[], field = 'subnetCidrs'): Ipv4Cidr[] {
  if (!Array.isArray(texts) || texts.length === 0) {
    throw validationError(field, 'required', 'give at least one subnet CIDR');
  }
  const parsed = texts.map((t, i) => parseIpv4Cidr(t, `${field}[${i}]`));
  for (let a = 0; a < parsed.length; a++) {
    for (let b = a + 1; b < parsed.length; b++) {
      const x = parsed[a];
      const y = parsed[b];
      if (x.network < y.network + y.size && y.network < x.network + x.size) {
        throw validationError(field, 'cidr-overlap', `subnets ${x.cidr} and ${y.cidr} overlap`);
      }
    }
  }
  return parsed;
}
