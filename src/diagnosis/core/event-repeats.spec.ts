import { describe, expect, it } from 'vitest';
import { diagnose } from './diagnosis.js';

// A repeated event is printed once with its count (kubernetes/kubectl pkg/describe/describe.go DescribeEvents,
// pkg/cmd/events/events.go; kubernetes/kubernetes pkg/printers/internalversion/printers.go printEvent).
const MSG =
  'Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox "4f1c": plugin type="vpc-bridge" name="vpc" failed (add): failed to parse Kubernetes args: pod does not have label vpc.amazonaws.com/PrivateIPv4Address';
const CODE = 'POD_MISSING_PRIVATE_IPV4_LABEL';
const run = (text: string) => diagnose({ text, catalog: new Map() }).findings.find((f) => f.code === CODE);

describe('occurrences count the events a line stands for', () => {
  it('kubectl describe pod: Age "(x12 over 20m)" counts 12, another row once more', () => {
    const text = [
      'Events:',
      '  Type     Reason                  Age                 From     Message',
      '  ----     ------                  ----                ----     -------',
      `  Warning  FailedCreatePodSandBox  3m (x12 over 20m)   kubelet  ${MSG}`,
      `  Warning  FailedCreatePodSandBox  25m                 kubelet  ${MSG}`,
    ].join('\n');
    const f = run(text)!;
    expect(f.occurrences).toBe(13);
    expect(f.line).toBe(4);
    expect(f.details).toContain("occurrences = 13 events from 2 matching lines (counted from kubectl's (xN over ...))");
  });

  it('kubectl events: LAST SEEN "(x4 over 9m)" counts 4', () => {
    const text = `LAST SEEN          TYPE      REASON                   OBJECT              MESSAGE\n2m (x4 over 9m)    Warning   FailedCreatePodSandBox   pod/build-agent-1   ${MSG}`;
    expect(run(text)?.occurrences).toBe(4);
  });

  it('"(xN over ...)" inside the message after the match does not count', () => {
    expect(run(`${MSG} (x7 over 3m)`)?.occurrences).toBe(1);
  });

  it('kubectl get events -o wide: the COUNT column', () => {
    const pad = (s: string, n: number) => s.padEnd(n);
    const header = `${pad('LAST SEEN', 11)}${pad('TYPE', 10)}${pad('REASON', 24)}${pad('OBJECT', 20)}${pad('SUBOBJECT', 11)}${pad('SOURCE', 9)}${pad('MESSAGE', MSG.length + 3)}${pad('FIRST SEEN', 12)}${pad('COUNT', 7)}NAME`;
    const row = (count: string) =>
      `${pad('2m', 11)}${pad('Warning', 10)}${pad('FailedCreatePodSandBox', 24)}${pad('pod/build-agent-1', 20)}${pad('', 11)}${pad('kubelet', 9)}${pad(MSG, MSG.length + 3)}${pad('20m', 12)}${pad(count, 7)}build-agent-1.17e`;
    const f = run([header, row('12'), row('1')].join('\n'))!;
    expect(f.occurrences).toBe(13);
    expect(f.details).toContain('occurrences = 13 events from 2 matching lines (counted from the COUNT column)');
  });

  it('older kubectl get events: LAST SEEN FIRST SEEN COUNT ... columns', () => {
    const text = [
      'LAST SEEN   FIRST SEEN   COUNT     NAME                KIND      SUBOBJECT   TYPE      REASON                   SOURCE    MESSAGE',
      `1m          30m          21        build-agent-1.17e   Pod                   Warning   FailedCreatePodSandBox   kubelet   ${MSG}`,
    ].join('\n');
    expect(run(text)?.occurrences).toBe(21);
  });

  it('a table without a COUNT column counts a row once', () => {
    const text = `LAST SEEN   TYPE      REASON                   OBJECT              MESSAGE\n9m          Warning   FailedCreatePodSandBox   pod/build-agent-1   ${MSG}`;
    const f = run(text)!;
    expect(f.occurrences).toBe(1);
    expect(f.details).toEqual([]);
  });

  it('kubectl get events -o yaml: count, and series.count over count', () => {
    const item = (count: number, series?: number) =>
      [
        '- apiVersion: v1',
        `  count: ${count}`,
        '  firstTimestamp: "2026-12-04T18:00:00Z"',
        '  involvedObject:',
        '    kind: Pod',
        '    name: build-agent-1',
        '  kind: Event',
        // yaml.v2 folds a long message over lines: the symptom sits on the continuation.
        "  message: 'Failed to create pod sandbox: rpc error: code = Unknown desc = failed",
        "    to setup network for sandbox: failed to parse Kubernetes args: pod does not have label vpc.amazonaws.com/PrivateIPv4Address'",
        '  metadata:',
        '    name: build-agent-1.17e',
        '  reason: FailedCreatePodSandBox',
        ...(series !== undefined ? ['  series:', `    count: ${series}`, '    lastObservedTime: "2026-12-04T18:20:00Z"'] : []),
        '  type: Warning',
      ].join('\n');
    const text = ['apiVersion: v1', 'items:', item(12), item(1, 30), 'kind: List'].join('\n');
    const f = run(text)!;
    expect(f.occurrences).toBe(42);
    expect(f.details).toContain("occurrences = 42 events from 2 matching lines (counted from the event's count / series.count)");
  });

  it('kubectl get events -o json: count beside the message, not a nested one', () => {
    const event = (count: number) => `        {
            "apiVersion": "v1",
            "count": ${count},
            "involvedObject": {
                "kind": "Pod",
                "name": "build-agent-1"
            },
            "kind": "Event",
            "message": ${JSON.stringify(MSG)},
            "reason": "FailedCreatePodSandBox",
            "type": "Warning"
        }`;
    const text = `{\n    "apiVersion": "v1",\n    "items": [\n${event(5)},\n${event(7)}\n    ],\n    "kind": "List"\n}`;
    expect(run(text)?.occurrences).toBe(12);
  });

  it('events.k8s.io/v1 json: note with series.count', () => {
    const text = `{
    "apiVersion": "events.k8s.io/v1",
    "deprecatedCount": 3,
    "kind": "Event",
    "note": ${JSON.stringify(MSG)},
    "reason": "FailedCreatePodSandBox",
    "series": {
        "count": 9,
        "lastObservedTime": "2026-12-04T18:20:00.000000Z"
    },
    "type": "Warning"
}`;
    expect(run(text)?.occurrences).toBe(9);
  });

  it('a jq -c line of one event: its own count', () => {
    const line = JSON.stringify({
      apiVersion: 'v1',
      count: 6,
      involvedObject: { kind: 'Pod' },
      message: MSG,
      reason: 'FailedCreatePodSandBox',
    });
    expect(run(line)?.occurrences).toBe(6);
  });

  it('a node yaml line has no event count: 1', () => {
    const text = 'status:\n  allocatable:\n    count: 5\n    vpc.amazonaws.com/PrivateIPv4Address: "0"';
    const f = diagnose({ text, catalog: new Map() }).findings.find((x) => x.code === 'NODE_ADVERTISES_NO_WINDOWS_IPS');
    expect(f?.occurrences).toBe(1);
  });
});

describe('occurrences on a pasted describe pod', () => {
  it('the FailedScheduling row "(x3 over 7m)" stands for 3 events', async () => {
    const { readFileSync } = await import('node:fs');
    const { projectPath } = await import('../../common/project-path.js');
    const text = readFileSync(projectPath('test', 'fixtures', 'cluster-state', 'describe-pod-insufficient-ipv4.txt'), 'utf8');
    const f = diagnose({ text, catalog: new Map() }).findings.find((x) => x.code === 'INSUFFICIENT_PRIVATE_IPV4_ADDRESS');
    expect(f).toMatchObject({ line: 32, occurrences: 3 });
  });
});

describe('a message kubectl -o yaml folds over lines', () => {
  it('is read as one line: the symptom split across the fold is found, on the key line', () => {
    const text = [
      'items:',
      '- apiVersion: v1',
      '  count: 4',
      '  kind: Event',
      '  message: \'Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox "4f1c": plugin',
      '    type="vpc-bridge" name="vpc" failed (add): failed to parse Kubernetes args: pod does not have label',
      "    vpc.amazonaws.com/PrivateIPv4Address'",
      '  reason: FailedCreatePodSandBox',
    ].join('\n');
    const f = diagnose({ text, catalog: new Map() }).findings.find((x) => x.code === CODE)!;
    expect(f).toMatchObject({ line: 5, occurrences: 4 });
    expect(f.symptom).toContain('pod does not have label vpc.amazonaws.com/PrivateIPv4Address');
  });

  it('a key on the next line at the same indent is not part of the message', () => {
    const text = '  message: pod does not have label\n  vpc.amazonaws.com/PrivateIPv4Address: "0"';
    expect(diagnose({ text, catalog: new Map() }).findings.map((x) => x.code)).toEqual(['NODE_ADVERTISES_NO_WINDOWS_IPS']);
  });
});
