/** One CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break; null is empty. */
function formatCsvField(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A CSV document (RFC 4180): a header line, then one line per record, CRLF line ends. */
export function formatCsv(header: readonly string[], records: Iterable<ReadonlyArray<string | number | null>>): string {
  const lines = [header.map(formatCsvField).join(',')];
  for (const record of records) lines.push(record.map(formatCsvField).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
