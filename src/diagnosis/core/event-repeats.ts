/**
 * How many events one pasted line stands for. kubectl prints a repeated event once, with its count:
 *
 * - `kubectl describe` (Events table, Age column) and `kubectl events` (LAST SEEN column) print
 *   "3m (x12 over 20m)": series.count, else count when above 1
 *   (kubernetes/kubectl pkg/describe/describe.go DescribeEvents; pkg/cmd/events/events.go printOneEvent).
 * - `kubectl get events -o wide` has a COUNT column: series.count, else count, else 1
 *   (kubernetes/kubernetes pkg/printers/internalversion/printers.go printEvent); kubectl before the
 *   server-side printer printed LAST SEEN, FIRST SEEN, COUNT, NAME, ... the same way.
 * - `kubectl get events -o json|yaml`: the event's `series.count`, else `count` (core/v1) or
 *   `deprecatedCount` (events.k8s.io/v1, whose message is `note`), the order printEvent reads them in.
 */

export type RepeatForm = 'interval' | 'count-column' | 'event-field';

export interface LineRepeat {
  count: number;
  form: RepeatForm | null;
}

const ONE: LineRepeat = { count: 1, form: null };
/** "(x12 over 20m)", as describe and kubectl events print a repeated event's age. */
const INTERVAL = /\(x(\d{1,9}) over [^)]{1,40}\)/;
/** A get-events header with a COUNT column (wide, or the older client-side table). */
const COUNT_HEADER = /^(?:NAMESPACE\s+)?LAST SEEN\s.*\bCOUNT\b/;
/** A key line of a YAML or pretty JSON object: indent, optional list dash, key. */
const KEY_LINE = /^(\s*)(-\s+)?"?([A-Za-z][\w.-]*)"?\s*:(.*)$/;
const COUNT_KEYS = new Set(['count', 'deprecatedCount']);
const MESSAGE_KEYS = new Set(['message', 'note']);
/** A bound on how far a structured event is read each way from its message line. */
const OBJECT_SCAN_LINES = 80;

export interface RepeatReader {
  /** The count of events the line at `index` stands for; `matchAt` is where the rule matched in it. */
  repeatOf(index: number, matchAt: number): LineRepeat;
}

interface KeyLine {
  indent: number;
  listItem: boolean;
  key: string;
  rest: string;
}

function keyLine(line: string): KeyLine | null {
  const m = KEY_LINE.exec(line);
  if (!m) return null;
  return { indent: m[1].length + (m[2]?.length ?? 0), listItem: m[2] !== undefined, key: m[3], rest: m[4] };
}

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

function countValue(rest: string): number | null {
  const m = /^\s*"?(\d{1,9})"?\s*,?\s*$/.exec(rest);
  return m ? Number(m[1]) : null;
}

export function repeatReader(lines: readonly string[]): RepeatReader {
  // The COUNT column's start, from the nearest header above each line (tabwriter aligns the rows under it).
  const countColumn: (number | null)[] = [];
  let column: number | null = null;
  lines.forEach((line, i) => {
    if (COUNT_HEADER.test(line)) column = line.search(/\bCOUNT\b/);
    else if (line.trim() === '' || /^\s*(?:NAMESPACE\s+)?LAST SEEN\s/.test(line)) column = null;
    countColumn[i] = column;
  });

  /** The event object's fields around a message line of a YAML or pretty-JSON paste. */
  function structured(index: number): LineRepeat | null {
    let start = index;
    let key = keyLine(lines[index]);
    if (!key || !MESSAGE_KEYS.has(key.key)) {
      // A folded YAML message continues on deeper lines: the key that starts it is the first shallower line above.
      const deeper = indentOf(lines[index]);
      key = null;
      for (let i = index - 1; i >= Math.max(0, index - OBJECT_SCAN_LINES); i--) {
        const k = keyLine(lines[i]);
        const indent = k ? k.indent : indentOf(lines[i]);
        if (indent >= deeper) continue;
        if (k && MESSAGE_KEYS.has(k.key)) [start, key] = [i, k];
        break;
      }
    }
    if (!key || key.rest.trim().startsWith('{')) return null;
    const level = key.indent;
    let count: number | null = null;
    let series: number | null = null;
    const visit = (i: number): boolean => {
      const k = keyLine(lines[i]);
      // A closing brace at the level ends a nested object, not the event; a shallower line ends the event.
      if (!k) return indentOf(lines[i]) >= level || lines[i].trim() === '';
      if (k.indent < level) return false;
      if (k.indent > level) return true;
      if (COUNT_KEYS.has(k.key)) count ??= countValue(k.rest);
      if (k.key === 'series') {
        for (let j = i + 1; j < Math.min(lines.length, i + 6); j++) {
          const child = keyLine(lines[j]);
          if (!child || child.indent <= level) break;
          if (child.key === 'count') series = countValue(child.rest);
        }
      }
      return !k.listItem;
    };
    // Up to the object's start (a list dash or an outer key), then down to its end.
    for (let i = start - 1; i >= Math.max(0, start - OBJECT_SCAN_LINES); i--) {
      if (!visit(i)) break;
    }
    if (!key.listItem) {
      for (let i = start + 1; i < Math.min(lines.length, start + OBJECT_SCAN_LINES); i++) {
        const k = keyLine(lines[i]);
        if (k?.listItem && k.indent <= level) break;
        if (!visit(i)) break;
      }
    }
    const n = series ?? count;
    return n !== null && n > 0 ? { count: n, form: 'event-field' } : null;
  }

  /** A one-line JSON event (jq -c): its own count fields, when it carries one event. */
  function compact(line: string): LineRepeat | null {
    if ((line.match(/"(?:message|note)"\s*:/g) ?? []).length !== 1) return null;
    const series = /"series"\s*:\s*\{[^{}]*?"count"\s*:\s*(\d{1,9})/.exec(line);
    const plain = /"(?:count|deprecatedCount)"\s*:\s*(\d{1,9})/.exec(line.replace(/"series"\s*:\s*\{[^{}]*\}/, ''));
    const n = series ? Number(series[1]) : plain ? Number(plain[1]) : null;
    return n !== null && n > 0 ? { count: n, form: 'event-field' } : null;
  }

  return {
    repeatOf(index, matchAt) {
      const line = lines[index];
      const interval = INTERVAL.exec(line);
      if (interval && interval.index < matchAt) return { count: Number(interval[1]), form: 'interval' };
      const col = countColumn[index];
      if (col !== null && col !== undefined) {
        const cell = /^\s*(\d{1,9})(?:\s|$)/.exec(line.slice(col));
        if (cell && col > 0 && /\s/.test(line[col - 1] ?? '')) return { count: Number(cell[1]), form: 'count-column' };
      }
      if (/^\s*\{.*"(?:message|note)"\s*:/.test(line)) return compact(line) ?? ONE;
      return structured(index) ?? ONE;
    },
  };
}

const FORM_TEXT: Record<RepeatForm, string> = {
  interval: "kubectl's (xN over ...)",
  'count-column': 'the COUNT column',
  'event-field': "the event's count / series.count",
};

/** How occurrences were counted, when some line stood for more than one event. */
export function repeatDetail(lines: number, events: number, forms: ReadonlySet<RepeatForm>): string | null {
  if (forms.size === 0 || events === lines) return null;
  const how = [...forms].map((f) => FORM_TEXT[f]).join(', ');
  return `occurrences = ${events} events from ${lines} matching line${lines === 1 ? '' : 's'} (counted from ${how})`;
}
