/**
 * JSON -> EC2 Query-protocol XML, driven by the AWS SDK's own schemas.
 *
 * @aws-sdk/client-ec2 3.1169.0 no longer ships hand-written `de_*` deserializers: it parses responses
 * with static Smithy schemas (`InstanceTypeInfo$`, `NetworkInfo$`, ... exported from the package root)
 * whose members carry the wire name as an `xmlName` trait (`instanceTypeSet`, `ipv4AddressesPerInterface`,
 * `networkCards`, `sizeInMiB`, list items as `item`). Walking those schemas here means every element
 * name the fake writes is exactly the one the SDK reads, for every member, including nested ones.
 *
 * Static schema shapes (see @smithy/core/schema NormalizedSchema):
 *   simple:    number (0 string, 1 numeric, 2 boolean, 4..7 timestamps, 15 document, 21 blob,
 *              64|x list of x, 128|x map of x) or [0, ns, name, traits, ref] (an alias)
 *   structure: [3, ns, name, traits, memberNames[], memberRefs[]]   (-3: error structure, 4: union)
 *   list:      [1, ns, name, traits, memberRef]
 *   map:       [2, ns, name, traits, keyRef, valueRef]
 *   member:    [ref, traits] where traits is a bitmask number or an object ({ xmlName, ec2QueryName, ... })
 *   ref:       any of the above, or a thunk returning it
 */

type Traits = Record<string, unknown>;

interface Resolved {
  kind: 'simple' | 'structure' | 'list' | 'map';
  /** Simple type code (only for `simple`). */
  code: number;
  /** The target schema's own traits. */
  traits: Traits;
  members?: Array<{ name: string; ref: unknown }>;
  member?: unknown;
  value?: unknown;
}

function deref(ref: unknown): unknown {
  return typeof ref === 'function' ? (ref as () => unknown)() : ref;
}

function traitsOf(t: unknown): Traits {
  return t && typeof t === 'object' ? (t as Traits) : {};
}

/** A member ref is `[targetRef, traits]`; anything else is a bare target. */
function splitMember(ref: unknown): { target: unknown; traits: Traits } {
  if (Array.isArray(ref) && ref.length === 2 && (typeof ref[1] === 'number' || typeof ref[1] === 'object')) {
    return { target: ref[0], traits: traitsOf(ref[1]) };
  }
  return { target: ref, traits: {} };
}

const resolvedCache = new WeakMap<object, Resolved>();

function resolve(targetRef: unknown): Resolved {
  const sc = deref(targetRef);
  if (typeof sc === 'number') {
    if (sc >= 64 && sc < 128) return { kind: 'list', code: sc, traits: {}, member: sc & 0b0011_1111 };
    if (sc >= 128 && sc < 256) return { kind: 'map', code: sc, traits: {}, value: sc & 0b0111_1111 };
    return { kind: 'simple', code: sc, traits: {} };
  }
  if (typeof sc === 'string') return { kind: 'simple', code: 0, traits: {} };
  if (!Array.isArray(sc)) throw new Error(`fake-ec2: unsupported schema ${JSON.stringify(sc)}`);
  const cached = resolvedCache.get(sc);
  if (cached) return cached;
  let out: Resolved;
  switch (sc[0]) {
    case 0: {
      const inner = resolve(sc[4]);
      out = { ...inner, traits: { ...inner.traits, ...traitsOf(sc[3]) } };
      break;
    }
    case 3:
    case -3:
    case 4: {
      const names = sc[4] as string[];
      const refs = sc[5] as unknown[];
      out = { kind: 'structure', code: 3, traits: traitsOf(sc[3]), members: names.map((name, i) => ({ name, ref: refs[i] })) };
      break;
    }
    case 1:
      out = { kind: 'list', code: 1, traits: traitsOf(sc[3]), member: sc[4] };
      break;
    case 2:
      out = { kind: 'map', code: 2, traits: traitsOf(sc[3]), value: sc[5] };
      break;
    default:
      throw new Error(`fake-ec2: unsupported schema kind ${String(sc[0])}`);
  }
  resolvedCache.set(sc, out);
  return out;
}

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&apos;'));
}

/** EC2's default wire name for a member without an `xmlName` trait (none in the shapes used here). */
function lowerCamel(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

function scalarText(code: number, value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (code >= 4 && code <= 7 && (typeof value === 'number' || typeof value === 'string')) {
    return new Date(typeof value === 'number' ? value * 1000 : value).toISOString();
  }
  return String(value);
}

export interface SerializeHooks {
  /** Unknown JSON keys (not in the SDK schema): 'camel' writes them lowerCamelCase, 'drop' omits them. */
  unknownMembers?: 'camel' | 'drop';
}

/** Writes the children of an element of shape `targetRef` holding `value` (no enclosing tag). */
export function serializeBody(targetRef: unknown, value: unknown, hooks: SerializeHooks = {}): string {
  const shape = resolve(targetRef);
  if (value === null || value === undefined) return '';
  switch (shape.kind) {
    case 'structure': {
      if (typeof value !== 'object') throw new Error(`fake-ec2: expected an object, got ${JSON.stringify(value)}`);
      const obj = value as Record<string, unknown>;
      const known = new Set<string>();
      let xml = '';
      for (const m of shape.members!) {
        known.add(m.name);
        const v = obj[m.name];
        if (v === undefined || v === null) continue;
        const { target, traits } = splitMember(m.ref);
        xml += serializeElement(typeof traits.xmlName === 'string' ? traits.xmlName : lowerCamel(m.name), target, v, traits, hooks);
      }
      if (hooks.unknownMembers !== 'drop') {
        for (const [k, v] of Object.entries(obj)) {
          if (known.has(k) || v === undefined || v === null) continue;
          xml += serializeUntyped(lowerCamel(k), v);
        }
      }
      return xml;
    }
    case 'list': {
      if (!Array.isArray(value)) throw new Error(`fake-ec2: expected an array, got ${JSON.stringify(value)}`);
      const { target, traits } = splitMember(shape.member);
      const itemName = typeof traits.xmlName === 'string' ? traits.xmlName : 'member';
      return value.map((v) => serializeElement(itemName, target, v, traits, hooks)).join('');
    }
    case 'map': {
      const { target, traits } = splitMember(shape.value);
      return Object.entries(value as Record<string, unknown>)
        .map(([k, v]) => `<entry><key>${escapeXml(k)}</key>${serializeElement('value', target, v, traits, hooks)}</entry>`)
        .join('');
    }
    default:
      return escapeXml(scalarText(shape.code, value));
  }
}

function serializeElement(name: string, target: unknown, value: unknown, memberTraits: Traits, hooks: SerializeHooks): string {
  const shape = resolve(target);
  if (shape.kind === 'list' && (memberTraits.xmlFlattened || shape.traits.xmlFlattened)) {
    // Flattened lists repeat the member element itself, no wrapper.
    const { target: itemTarget, traits } = splitMember(shape.member);
    return (value as unknown[]).map((v) => serializeElement(name, itemTarget, v, traits, hooks)).join('');
  }
  return `<${name}>${serializeBody(target, value, hooks)}</${name}>`;
}

/** Best-effort serialisation of data the schema does not know (the SDK will ignore it). */
function serializeUntyped(name: string, value: unknown): string {
  if (Array.isArray(value)) return `<${name}>${value.map((v) => serializeUntyped('item', v)).join('')}</${name}>`;
  if (value && typeof value === 'object') {
    const inner = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined && v !== null)
      .map(([k, v]) => serializeUntyped(lowerCamel(k), v))
      .join('');
    return `<${name}>${inner}</${name}>`;
  }
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

export const EC2_XMLNS = 'http://ec2.amazonaws.com/doc/2016-11-15/';

/** A whole `<ActionResponse>` document for an operation's output schema. */
export function responseDocument(
  action: string,
  outputSchema: unknown,
  output: unknown,
  requestId: string,
  hooks?: SerializeHooks,
): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<${action}Response xmlns="${EC2_XMLNS}">` +
    `<requestId>${requestId}</requestId>${serializeBody(outputSchema, output, hooks)}</${action}Response>`
  );
}

export function errorDocument(code: string, message: string, requestId: string): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>${escapeXml(code)}</Code>` +
    `<Message>${escapeXml(message)}</Message></Error></Errors><RequestID>${requestId}</RequestID></Response>`
  );
}
