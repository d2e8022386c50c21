import { describe, expect, it } from 'vitest';
import { wantsCsv } from './pod-capacity-table.controller.js';

describe('the pods table format', () => {
  it.each([
    [undefined, false],
    ['text/csv', true],
    ['application/json', false],
    ['*/*', false],
    ['text/*', true],
    ['text/html, text/csv', true],
    ['TEXT/CSV', true],
    // q-values: the client's preference wins, not the mere mention of text/csv.
    ['text/csv;q=0.5, application/json', false],
    ['application/json;q=0.2, text/csv;q=0.9', true],
    // Equal weights: the order the client lists them in.
    ['text/csv, application/json', true],
    ['application/json, text/csv', false],
    ['text/csv;q=0', false],
  ])('Accept %s: CSV %s', (accept, csv) => {
    expect(wantsCsv(undefined, accept)).toBe(csv);
  });

  it('?format= decides whatever Accept says', () => {
    expect(wantsCsv('json', 'text/csv')).toBe(false);
    expect(wantsCsv('csv', 'application/json')).toBe(true);
  });
});
