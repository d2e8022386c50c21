import { describe, expect, it } from 'vitest';
import { DomainError } from '../../common/domain-error.js';
import { parseEksServiceCidr } from './ipv4-cidr.js';

// EKS CreateCluster serviceIpv4Cidr: within 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16, /12 to /24.
describe('parseEksServiceCidr', () => {
  it.each([
    ['172.20.0.0/16', '172.20.0.10'],
    ['10.100.0.0/16', '10.100.0.10'],
    ['192.168.255.0/24', '192.168.255.10'],
    ['172.16.0.0/12', '172.16.0.10'],
    ['10.96.0.0/12', '10.96.0.10'],
  ])('%s is one, kube-dns at %s', (cidr, dns) => {
    expect(parseEksServiceCidr(cidr)).toMatchObject({ cidr, dnsClusterIp: dns });
  });

  it.each([
    ['10.100.0.0/29', 'service-cidr-prefix-length'],
    ['10.0.0.0/8', 'service-cidr-prefix-length'],
    ['100.64.0.0/16', 'service-cidr-private-range'],
    ['172.32.0.0/16', 'service-cidr-private-range'],
    // /12 aligned, but 192.160.0.0/12 reaches outside 192.168.0.0/16.
    ['192.160.0.0/12', 'service-cidr-private-range'],
    ['172.20.0.1/16', 'cidr-aligned'],
    ['172.20.0.0', 'cidr-format'],
    ['fd00::/108', 'cidr-format'],
    ['172.020.0.0/16', 'cidr-format'],
  ])('%s is refused (%s), naming the field', (cidr, rule) => {
    let error: unknown;
    try {
      parseEksServiceCidr(cidr, 'serviceCIDR');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).details).toEqual({ field: 'serviceCIDR', rule });
  });
});
