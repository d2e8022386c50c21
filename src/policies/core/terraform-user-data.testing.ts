// Test-only helper (imported by *.spec.ts): renders terraform-aws-eks's templates/windows_user_data.tpl
// as Terraform's templatefile() would, for the directives that template uses: `${name}` interpolation,
// `%{ if name }` / `%{ endif }` on booleans, and `~` strip markers (which remove the whitespace,
// newlines included, on their side: hashicorp/hcl hclsyntax spec "Template Strip Markers").
export type TemplateVariables = Record<string, string | boolean>;

interface Token {
  kind: 'text' | 'interp' | 'if' | 'endif';
  text: string;
  name?: string;
  stripLeft?: boolean;
  stripRight?: boolean;
}

function tokenize(template: string): Token[] {
  const re = /(\$|%)\{(~?)\s*(?:(if)\s+([A-Za-z_]\w*)|(endif)|([A-Za-z_]\w*))\s*(~?)\}/g;
  const tokens: Token[] = [];
  let last = 0;
  for (let m = re.exec(template); m; m = re.exec(template)) {
    if (m.index > last) tokens.push({ kind: 'text', text: template.slice(last, m.index) });
    const [, sigil, left, ifWord, ifName, endif, name, right] = m;
    const strip = { stripLeft: left === '~', stripRight: right === '~' };
    if (sigil === '%' && ifWord) tokens.push({ kind: 'if', text: m[0], name: ifName, ...strip });
    else if (sigil === '%' && endif) tokens.push({ kind: 'endif', text: m[0], ...strip });
    else if (sigil === '$' && name) tokens.push({ kind: 'interp', text: m[0], name, ...strip });
    else throw new Error(`unsupported template sequence ${m[0]}`);
    last = re.lastIndex;
  }
  if (last < template.length) tokens.push({ kind: 'text', text: template.slice(last) });
  // Strip markers act on the neighbouring literal text.
  tokens.forEach((t, i) => {
    if (t.kind === 'text') return;
    const before = tokens[i - 1];
    const after = tokens[i + 1];
    if (t.stripLeft && before?.kind === 'text') before.text = before.text.replace(/\s+$/, '');
    if (t.stripRight && after?.kind === 'text') after.text = after.text.replace(/^\s+/, '');
  });
  return tokens;
}

export function renderTerraformTemplate(template: string, variables: TemplateVariables): string {
  const value = (name: string) => {
    if (!(name in variables)) throw new Error(`template variable ${name} not given`);
    return variables[name]!;
  };
  let out = '';
  const active: boolean[] = [];
  for (const t of tokenize(template)) {
    const on = active.every(Boolean);
    if (t.kind === 'if') active.push(value(t.name!) === true);
    else if (t.kind === 'endif') active.pop();
    else if (on) out += t.kind === 'text' ? t.text : String(value(t.name!));
  }
  return out;
}
