import { describe, expect, it } from 'vitest';
import { DomainError } from '../../common/domain-error.js';
import { checkWindowsServices, dsrKubeProxyFlags, HNS_PORT_EXHAUSTION_ERROR } from './windows-services.js';

describe('dsrKubeProxyFlags', () => {
  it.each([
    ['1.29', '--feature-gates=WinDSR=true --enable-dsr=true'], // BPG windows/networking: gate needed before 1.33
    ['1.32', '--feature-gates=WinDSR=true --enable-dsr=true'],
    ['1.33', '--enable-dsr=true'], // KEP-5100: gate on by default from 1.33
    ['1.34', '--enable-dsr=true'], // KEP-5100: GA and locked
  ])('BPG / KEP-5100: Kubernetes %s -> %s', (version, args) => {
    expect(dsrKubeProxyFlags(version).args).toBe(args);
  });

  it.each(['1.3x', 'v1.33', '1.33.1', '2.1', '', '1.033'])('refuses version "%s"', (v) => {
    expect(() => dsrKubeProxyFlags(v)).toThrow(DomainError);
  });
});

describe('checkWindowsServices (BPG windows/networking)', () => {
  it('100 Services is within the limit', () => {
    expect(checkWindowsServices({ servicesPerNode: 100 })).toEqual([]);
  });
  it('101 Services warns with the exact HNS error and the DSR fix for the version', () => {
    const [w] = checkWindowsServices({ servicesPerNode: 101, kubernetesVersion: '1.31' });
    expect(w.code).toBe('WINDOWS_SERVICE_PORT_EXHAUSTION');
    expect(w.message).toContain(HNS_PORT_EXHAUSTION_ERROR);
    expect(HNS_PORT_EXHAUSTION_ERROR).toBe(
      'Policy creation failed: hcnCreateLoadBalancer failed in Win32: The specified port already exists.',
    );
    expect(w.message).toContain('--feature-gates=WinDSR=true --enable-dsr=true');
    expect(w.source).toBe('aws/aws-eks-best-practices latest/bpg/windows/networking.adoc');
  });
});
