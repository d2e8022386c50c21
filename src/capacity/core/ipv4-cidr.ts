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
  const raw = typeof text === 'string' ? text.trim() : '';
  const m = CIDR_PATTERN.exec(raw);
  if (!m) {
    throw validationError(field, 'cidr-format', `"${String(text)}" is not an IPv4 CIDR like 10.0.0.0/24`);
  }
  let network = 0;
  for (let k = 1; k <= 4; k++) {
    const octet = m[k];
    if (octet.length > 1 && octet.startsWith('0')) {
      throw validationError(field, 'cidr-format', `"${raw}": octet "${octet}" has a leading zero`);
    }
    const value = Number(octet);
    if (value > 255) throw validationError(field, 'cidr-format', `"${raw}": octet ${value} is above 255`);
    network = network * 256 + value;
  }
  const prefixLength = Number(m[5]);
  if (m[5].length > 1 && m[5].startsWith('0')) {
    throw validationError(field, 'cidr-format', `"${raw}": prefix length "${m[5]}" has a leading zero`);
  }
  if (prefixLength < MIN_SUBNET_PREFIX_LENGTH || prefixLength > MAX_SUBNET_PREFIX_LENGTH) {
    throw validationError(
      field,
      'subnet-prefix-length',
      `"${raw}": a VPC subnet is /${MIN_SUBNET_PREFIX_LENGTH} to /${MAX_SUBNET_PREFIX_LENGTH}, not /${prefixLength} (EC2 CreateSubnet)`,
    );
  }
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
