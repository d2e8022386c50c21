/** A parsed IPv4 CIDR block. */
export interface Ipv4Cidr {
  cidr: string;
  /** Network address as an unsigned 32-bit integer. */
  network: number;
  prefixLength: number;
  /** Number of addresses: 2^(32 - p). */
  size: number;
}

export function parseIpv4Cidr(_text: string, _field = 'cidr'): Ipv4Cidr {
  throw new Error('not implemented yet');
}
