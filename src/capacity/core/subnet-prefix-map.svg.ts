import type { PrefixBlockKind, SubnetPrefixMap } from './subnet-prefix-map.js';

/**
 * The subnet's aligned /28 blocks as an SVG a portal can embed: one square a block, row by row
 * (32 a row), coloured by kind, with a legend giving each kind's count. Self-contained: no fonts,
 * scripts or outside references. Each block square carries `data-kind` and a `<title>` (its CIDR).
 */

const COLUMNS = 32;
const CELL = 14;
const GAP = 2;
const MARGIN = 10;
const LEGEND_HEIGHT = 56;

export const PREFIX_BLOCK_COLOURS: Readonly<Record<PrefixBlockKind, string>> = {
  FREE: '#2e9e5b',
  USED: '#3a6fd8',
  RESERVED: '#e0b12e',
  SPOILED: '#c8423b',
};

const LABELS: Readonly<Record<PrefixBlockKind, string>> = {
  FREE: 'free',
  USED: 'used (delegated prefix)',
  RESERVED: 'reserved (CIDR reservation)',
  SPOILED: 'spoiled (holds a /32)',
};

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

export function renderSubnetPrefixSvg(map: SubnetPrefixMap): string {
  const rows = Math.ceil(map.blocks.length / COLUMNS);
  const width = MARGIN * 2 + COLUMNS * (CELL + GAP) - GAP;
  const gridTop = MARGIN + 24;
  const legendTop = gridTop + rows * (CELL + GAP) + 8;
  const height = legendTop + LEGEND_HEIGHT;
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="subnet-title">`,
    `<title id="subnet-title">${escapeXml(`/28 blocks of ${map.subnetCidr}`)}</title>`,
    `<rect x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="${MARGIN}" y="${MARGIN + 12}" font-family="sans-serif" font-size="13" fill="#222222">${escapeXml(
      `${map.subnetCidr}: ${map.counts.blocks} aligned /28 blocks, ${map.counts.availableForPrefixes} available for prefixes`,
    )}</text>`,
    '<g class="blocks">',
  );
  for (const block of map.blocks) {
    const x = MARGIN + (block.index % COLUMNS) * (CELL + GAP);
    const y = gridTop + Math.floor(block.index / COLUMNS) * (CELL + GAP);
    const title = [block.cidr, block.kind.toLowerCase(), ...block.notes].join(' | ');
    out.push(
      `<rect class="block" data-kind="${block.kind}" x="${x}" y="${y}" width="${CELL}" height="${CELL}" fill="${PREFIX_BLOCK_COLOURS[block.kind]}"><title>${escapeXml(title)}</title></rect>`,
    );
  }
  out.push('</g>', '<g class="legend">');
  const counts: Record<PrefixBlockKind, number> = {
    FREE: map.counts.free,
    USED: map.counts.used,
    RESERVED: map.counts.reserved,
    SPOILED: map.counts.spoiled,
  };
  (Object.keys(LABELS) as PrefixBlockKind[]).forEach((kind, i) => {
    const x = MARGIN + (i % 2) * Math.floor((width - 2 * MARGIN) / 2);
    const y = legendTop + Math.floor(i / 2) * 22;
    out.push(
      `<g class="legend-item" data-kind="${kind}" data-count="${counts[kind]}">`,
      `<rect x="${x}" y="${y}" width="${CELL}" height="${CELL}" fill="${PREFIX_BLOCK_COLOURS[kind]}"/>`,
      `<text x="${x + CELL + 6}" y="${y + CELL - 2}" font-family="sans-serif" font-size="12" fill="#222222">${escapeXml(`${LABELS[kind]}: ${counts[kind]}`)}</text>`,
      '</g>',
    );
  });
  out.push('</g>', '</svg>');
  return out.join('\n');
}
