import { describe, expect, it } from 'vitest';
import { renderTemplate } from './template.catalogue.js';
import {
  DSR_PATCH_ANCHOR,
  DSR_PATCH_FAILURE_TEXT,
  kubeProxyDsrFlags,
  quotePowerShell,
  renderDsrPatchScript,
} from './windows-bootstrap.render.js';

describe('kube-proxy DSR flags by Kubernetes version (aws/aws-eks-best-practices latest/bpg/windows/networking.adoc; kubernetes/enhancements KEP-5100)', () => {
  it.each([
    ['1.23', ['--feature-gates=WinDSR=true', '--enable-dsr=true']],
    ['1.30', ['--feature-gates=WinDSR=true', '--enable-dsr=true']],
    ['1.32', ['--feature-gates=WinDSR=true', '--enable-dsr=true']], // last version with the gate off by default
    ['1.33', ['--enable-dsr=true']], // gate on by default from 1.33
    ['1.34', ['--enable-dsr=true']], // GA and locked
    ['1.35', ['--enable-dsr=true']],
  ])('%s -> %j', (version, flags) => {
    expect(kubeProxyDsrFlags(version)).toEqual(flags);
  });
});

describe('Start-EKSBootstrap.ps1 userdata', () => {
  it.each([
    ['1.32', "-KubeProxyExtraArgs '--feature-gates=WinDSR=true --enable-dsr=true'"],
    ['1.33', "-KubeProxyExtraArgs '--enable-dsr=true'"],
  ])('Kubernetes %s passes %s', (kubernetesVersion, expected) => {
    const result = renderTemplate('windows-userdata-bootstrap-dsr', { clusterName: 'prod', kubernetesVersion });
    expect(result.mediaType).toBe('text/x-powershell');
    expect(result.content).toContain(expected);
    expect(result.content.startsWith('<powershell>\n')).toBe(true);
    expect(result.content.trimEnd().endsWith('</powershell>')).toBe(true);
  });

  it('passes every bootstrap parameter, quoted, with -ExcludedSnatCIDRs as a PowerShell array', () => {
    const result = renderTemplate('windows-userdata-bootstrap-dsr', {
      clusterName: 'prod',
      kubernetesVersion: '1.33',
      apiServerEndpoint: 'https://ABC.gr7.us-west-2.eks.amazonaws.com',
      base64ClusterCA: 'QUJD',
      dnsClusterIP: '172.20.0.10',
      serviceCIDR: '172.20.0.0/16',
      excludedSnatCIDRs: ['10.0.0.0/8', '192.168.0.0/16'],
      maxPods: 110,
      kubeletExtraArgs: '--node-labels=team=a',
    });
    for (const fragment of [
      "-EKSClusterName 'prod'",
      "-APIServerEndpoint 'https://ABC.gr7.us-west-2.eks.amazonaws.com'",
      "-Base64ClusterCA 'QUJD'",
      "-DNSClusterIP '172.20.0.10'",
      "-ServiceCIDR '172.20.0.0/16'",
      "-ExcludedSnatCIDRs '10.0.0.0/8','192.168.0.0/16'",
      "-KubeletExtraArgs '--max-pods=110 --node-labels=team=a'",
      "-KubeProxyExtraArgs '--enable-dsr=true'",
    ]) {
      expect(result.content).toContain(fragment);
    }
    expect(result.warnings).toEqual([]);
    expect(result.objects[0]).toMatchObject({
      kind: 'UserData',
      arguments: { KubeProxyExtraArgs: '--enable-dsr=true', ExcludedSnatCIDRs: ['10.0.0.0/8', '192.168.0.0/16'] },
    });
  });

  it('quotes PowerShell literals by doubling single quotes', () => {
    expect(quotePowerShell("it's")).toBe("'it''s'");
  });
});

describe('the DSR patch fails loudly when Start-EKSBootstrap.ps1 no longer matches', () => {
  const script = renderDsrPatchScript('1.31');

  it('looks for the BPG anchor and adds the version-specific flags after it', () => {
    expect(script).toContain(`$DsrAnchor = '${DSR_PATCH_ANCHOR}'`);
    expect(script).toContain(`$DsrFlags = '"--feature-gates=WinDSR=true", "--enable-dsr=true",'`);
    expect(renderDsrPatchScript('1.33')).toContain(`$DsrFlags = '"--enable-dsr=true",'`);
    expect(script).toContain('$BootstrapText.Replace($DsrAnchor, "$DsrAnchor $DsrFlags")');
  });

  it('throws (not just warns) when the script is missing, the anchor count is not 1, or the flag is absent after writing', () => {
    expect(script).toContain("$ErrorActionPreference = 'Stop'");
    const throws = script.split('\n').filter((line) => line.trim().startsWith('throw '));
    expect(throws).toHaveLength(3);
    for (const line of throws) expect(line).toContain(DSR_PATCH_FAILURE_TEXT);
    expect(script).toContain('if ($AnchorCount -ne 1) {');
    expect(script).toContain(
      'throw "DSR patch FAILED: expected the text $DsrAnchor exactly once in $EKSBootstrapScriptFile, found $AnchorCount. The EKS Windows AMI changed its bootstrap script, so kube-proxy would start without DSR.',
    );
    expect(script).not.toMatch(/Write-(Warning|Host)/);
  });

  it('is idempotent: an already-patched script is left alone', () => {
    expect(script).toContain("if ($BootstrapText.Contains('--enable-dsr=true')) {");
  });

  it('the template wraps it in <powershell> only on request', () => {
    expect(renderTemplate('windows-userdata-dsr-patch', { kubernetesVersion: '1.33' }).content).not.toContain('<powershell>');
    expect(renderTemplate('windows-userdata-dsr-patch', { kubernetesVersion: '1.33', wrapInPowerShellTags: true }).content).toMatch(
      /^<powershell>\n[\s\S]*<\/powershell>\n$/,
    );
  });
});

describe('Windows Server version and Service CIDR as template parameters', () => {
  it.each([
    // windowsServerVersion picks the Core image when windowsAmiFamily is left out
    ['WINDOWS_SERVER_2025', '1.35', 'WindowsServer2025CoreContainer', '10.0.26100'],
    ['WINDOWS_SERVER_2022', '1.31', 'WindowsServer2022CoreContainer', '10.0.20348'],
    ['WINDOWS_SERVER_2019', '1.31', 'WindowsServer2019CoreContainer', '10.0.17763'],
  ])('eksctl %s on EKS %s uses %s and says the OS build %s', (windowsServerVersion, kubernetesVersion, family, build) => {
    const r = renderTemplate('eksctl-windows-cluster', {
      clusterName: 'c',
      region: 'us-east-1',
      kubernetesVersion,
      windowsServerVersion,
      maxPodsPerNode: 9,
    });
    expect(r.content).toContain(`amiFamily: ${family}`);
    expect(r.warnings.find((w) => w.code === 'WINDOWS_CONTAINER_OS_BUILD')?.message).toContain(build);
  });

  it('eksctl: Windows Server 2025 needs EKS 1.35 (eksctl-io/eksctl amiFamily gate)', () => {
    expect(() =>
      renderTemplate('eksctl-windows-cluster', {
        clusterName: 'c',
        region: 'us-east-1',
        kubernetesVersion: '1.34',
        windowsServerVersion: 'WINDOWS_SERVER_2025',
        maxPodsPerNode: 9,
      }),
    ).toThrow(/1\.35/);
  });

  it('eksctl: an AMI family of another release than windowsServerVersion is refused', () => {
    expect(() =>
      renderTemplate('eksctl-windows-cluster', {
        clusterName: 'c',
        region: 'us-east-1',
        kubernetesVersion: '1.35',
        windowsServerVersion: 'WINDOWS_SERVER_2025',
        windowsAmiFamily: 'WindowsServer2022CoreContainer',
        maxPodsPerNode: 9,
      }),
    ).toThrow(/not a Windows Server 2025 image/);
  });

  it('Calico policy-only on Windows Server 2025: Calico does not support it, HNS default-deny (projectcalico/calico#11691, microsoft/Windows-Containers#616)', () => {
    const r = renderTemplate('calico-installation-eks-policy-only', {
      serviceCIDR: '172.20.0.0/16',
      windowsServerVersion: 'WINDOWS_SERVER_2025',
    });
    const w = r.warnings.find((x) => x.code === 'CALICO_WINDOWS_SERVER_UNSUPPORTED');
    expect(w?.message).toContain('default-deny');
    expect(w?.source).toContain('microsoft/Windows-Containers#616');
    const ok = renderTemplate('calico-installation-eks-policy-only', {
      serviceCIDR: '172.20.0.0/16',
      windowsServerVersion: 'WINDOWS_SERVER_2022',
    });
    expect(ok.warnings.map((x) => x.code)).not.toContain('CALICO_WINDOWS_SERVER_UNSUPPORTED');
  });

  it('bootstrap userdata: serviceCIDR 172.20.0.0/16 passes -ServiceCIDR and the derived -DNSClusterIP 172.20.0.10', () => {
    const r = renderTemplate('windows-userdata-bootstrap-dsr', {
      clusterName: 'c',
      kubernetesVersion: '1.33',
      serviceCIDR: '172.20.0.0/16',
    });
    expect(r.content).toContain("-ServiceCIDR '172.20.0.0/16'");
    expect(r.content).toContain("-DNSClusterIP '172.20.0.10'");
    expect(r.warnings.map((w) => w.code)).toContain('DNS_CLUSTER_IP_DERIVED');
  });
});
