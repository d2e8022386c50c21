/**
 * A small HCL (Terraform) writer for the values the Terraform templates render: strings, numbers,
 * booleans, lists, maps, references (`var.vpc_id`) and heredocs. Pure; the same value gives the same text.
 * Strings are escaped as HCL quoted templates need (`\\`, `"`, newlines, `${` and `%{`).
 */
export type HclValue = string | number | boolean | HclValue[] | HclReference | HclHeredoc | { [key: string]: HclValue };

export interface HclReference {
  readonly hclReference: string;
}

export interface HclHeredoc {
  readonly hclHeredoc: string;
}

/** `var.vpc_id`, written bare. */
export function hclReference(expression: string): HclReference {
  return { hclReference: expression };
}

/** A multi-line string written as `<<EOT ... EOT` (its text must end with a newline). */
export function hclHeredoc(text: string): HclHeredoc {
  return { hclHeredoc: text.endsWith('\n') ? text : `${text}\n` };
}

function isReference(v: HclValue): v is HclReference {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && 'hclReference' in v;
}

function isHeredoc(v: HclValue): v is HclHeredoc {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && 'hclHeredoc' in v;
}

/** Template sequences a literal must not start: `${` and `%{` are written `$${` and `%%{`. */
function escapeTemplate(text: string): string {
  return text.replace(/\$\{/g, '$${').replace(/%\{/g, '%%{');
}

export function quoteHcl(text: string): string {
  return `"${escapeTemplate(text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t'))}"`;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]*$/;

function key(name: string): string {
  return IDENTIFIER.test(name) ? name : quoteHcl(name);
}

function writeValue(v: HclValue, indent: string): string {
  if (typeof v === 'string') return quoteHcl(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${v.map((x) => writeValue(x, indent)).join(', ')}]`;
  if (isReference(v)) return v.hclReference;
  if (isHeredoc(v)) {
    if (v.hclHeredoc.split('\n').some((line) => line.trim() === 'EOT')) throw new Error('heredoc text contains its delimiter');
    return `<<EOT\n${escapeTemplate(v.hclHeredoc)}EOT`;
  }
  const entries = Object.entries(v);
  if (entries.length === 0) return '{}';
  const inner = `${indent}  `;
  return `{\n${writeAttributes(v, inner)}${indent}}`;
}

/** `name = value` lines, names aligned as `terraform fmt` aligns consecutive single-line attributes. */
function writeAttributes(attributes: { [key: string]: HclValue }, indent: string): string {
  const entries = Object.entries(attributes);
  const width = Math.max(0, ...entries.map(([k]) => key(k).length));
  return entries.map(([k, v]) => `${indent}${key(k).padEnd(width)} = ${writeValue(v, indent)}\n`).join('');
}

/** A `module "name" { ... }` block. */
export function writeHclModule(name: string, attributes: { [key: string]: HclValue }): string {
  return `module ${quoteHcl(name)} {\n${writeAttributes(attributes, '  ')}}\n`;
}

/**
 * The value as `@cdktf/hcl2json` (and `terraform show -json` for literals) reports it: references as
 * `${...}`, heredocs as their text. Rendered objects carry this form.
 */
export function toHclJson(v: HclValue): unknown {
  if (typeof v !== 'object' || v === null) return v;
  if (Array.isArray(v)) return v.map(toHclJson);
  if (isReference(v)) return `\${${v.hclReference}}`;
  if (isHeredoc(v)) return v.hclHeredoc;
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toHclJson(x)]));
}
