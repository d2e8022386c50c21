import { describe, expect, it } from 'vitest';
import { diagnose } from './diagnosis.js';

// Messages Windows pod users paste in GitHub issues (paraphrased; the strings that matter kept):
// aws/containers-roadmap #227, #236, #1126, #2176 and the EKS user guide's windows-support page.
const run = (text: string) => diagnose({ text, catalog: new Map() }).findings;

describe('diagnose: what Windows pod users paste', () => {
  it('a Linux hostNetwork DaemonSet pod on a Windows node: "network host not found"', () => {
    const [f, ...rest] = run(
      '  Warning  FailedCreatePodSandBox  2s (x6 over 39s)  kubelet  Failed create pod sandbox: rpc error: code = Unknown desc = failed to start sandbox container for pod "aws-node-jvsqj": Error response from daemon: network host not found',
    );
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ code: 'LINUX_HOST_NETWORK_POD_ON_WINDOWS_NODE', line: 1, occurrences: 6 });
    expect(f.fix.text).toContain('nodeSelector kubernetes.io/os: linux');
    expect(f.source).toBe(
      'awsdocs/amazon-eks-user-guide windows-support (host networking on Windows nodes only with HostProcess pods; Linux-only system pods need Linux nodes)',
    );
  });

  it.each([
    ['.NET in a Windows pod', "System.Net.WebException: The remote name could not be resolved: 'api-svc.shop.svc.cluster.local'"],
    ['Invoke-WebRequest', "Invoke-WebRequest : The remote name could not be resolved: 'www.example.com'"],
    ['curl.exe', 'curl: (6) Could not resolve host: mongodb'],
  ])('a DNS failure as %s prints it', (_tool, text) => {
    expect(run(text).map((f) => f.code)).toEqual(['WINDOWS_POD_DNS_FAILURE']);
  });

  it('curl on a paste that names only Linux nodes is not a Windows DNS finding', () => {
    expect(run('Labels: kubernetes.io/os=linux\ncurl: (6) Could not resolve host: mongodb')).toEqual([]);
  });

  it.each([
    ['linux', 'A Linux image was pulled on a Windows node'],
    ['windows', 'A Windows image was pulled on a Linux node'],
  ])('Docker refuses a %s image on the other OS', (os, cause) => {
    const [f, ...rest] = run(
      `  Warning  Failed  2m (x4 over 3m)  kubelet  Failed to pull image "registry.example.com/app:1": rpc error: code = Unknown desc = image operating system "${os}" cannot be used on this platform`,
    );
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ code: 'IMAGE_OS_NOT_NODE_OS', occurrences: 4 });
    expect(f.cause.startsWith(cause)).toBe(true);
    expect(f.source).toContain('moby/moby distribution/pull_v2.go');
  });

  it('"no match for platform in manifest": a Windows build mismatch or a Linux-only image on a Windows node', () => {
    const [f] = run(
      'Failed to pull image "nginx:1.27": rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:1.27": no match for platform in manifest: not found',
    );
    expect(f.code).toBe('IMAGE_OS_BUILD_MISMATCH');
    expect(f.cause).toContain('a Linux-only image (a pod without nodeSelector kubernetes.io/os: linux) cannot run on a Windows node');
    expect(f.checks[0]).toContain('kubectl get node <node> -L kubernetes.io/os');
  });
});
