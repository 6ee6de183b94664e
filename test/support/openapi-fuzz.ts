// A small property-based fuzzer over our own OpenAPI document (fast-check): for each operation it
// builds requests from the documented schemas — mostly valid shapes with hostile values (NUL, lone
// surrogates, huge numbers, very long strings, out-of-range ids), sometimes plain garbage — so both the
// validation and the code behind it are exercised. Seeded, so a CI failure replays exactly.
import fc from 'fast-check';

export type Schema = {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  additionalProperties?: boolean | Schema;
};
export interface Operation {
  method: string;
  path: string;
  servers?: Array<{ url: string }>;
  parameters?: Array<{ name: string; in: 'path' | 'query' | 'header' | 'cookie'; required?: boolean; schema?: Schema }>;
  requestBody?: { content: Record<string, { schema?: Schema }> };
  responses: Record<string, unknown>;
  security?: Array<Record<string, string[]>>;
}
export interface Doc {
  paths: Record<string, Record<string, Omit<Operation, 'method' | 'path'>>>;
  components?: { schemas?: Record<string, Schema> };
}

const hostileString = fc.oneof(
  fc.constantFrom('', ' ', 'a\u0000b', '\u0000', '\ud800', 'x\udc00y', '💥', 'ن', "'; drop table tickets; --", '<script>alert(1)</script>', '../../etc/passwd', '%00', '-1', '0', '99999999999999999999', '2147483648', '1e309', 'NaN', 'null', 'true', '{}', '[]'),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constant('x'.repeat(5000)),
);
// The int4 edges weigh more: an id one past 2147483647 is what reaches a Postgres integer column and fails.
const hostileNumber = fc.oneof({ weight: 1, arbitrary: fc.integer({ min: -5, max: 5000 }) }, { weight: 2, arbitrary: fc.constantFrom(0, -1, 2147483647, 2147483648, -2147483649, 9007199254740991, 1e20, 0.5, -0.0) });
/** Names Intl.DateTimeFormat accepts that Postgres does not know, or reads as fixed-offset abbreviations. */
const legacyTimeZones = fc.constantFrom('US/Pacific-New', 'Canada/East-Saskatchewan', 'AET', 'IST', 'PST', 'CET', 'SystemV/AST4', 'Japan', 'europe/berlin', 'Etc/GMT+1', 'Asia/Kolkata', '+01:00', 'Mars/Olympus');

export interface FuzzRequest {
  url: string;
  contentType?: string;
  body?: string | Uint8Array<ArrayBuffer>;
}

/** Percent-encodes a path segment; a lone surrogate (which encodeURIComponent refuses) goes out as the
 * invalid UTF-8 bytes a hostile client would send. */
function encodeSegment(v: string): string {
  try {
    return encodeURIComponent(v);
  } catch {
    return `%ED%A0%80${encodeURIComponent(v.replace(/[\ud800-\udfff]/g, ''))}`;
  }
}

export class Fuzzer {
  constructor(private readonly doc: Doc, private readonly known: Record<string, string[]>) {}

  operations(): Operation[] {
    return Object.entries(this.doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ ...op, method: method.toUpperCase(), path })));
  }

  private resolve(s: Schema): Schema {
    return s.$ref ? this.resolve(this.doc.components!.schemas![s.$ref.split('/').pop()!]) : s;
  }

  /** Values of the schema's type, biased to edge and hostile ones; `depth` stops recursion. */
  value(raw: Schema | undefined, depth = 0): fc.Arbitrary<unknown> {
    if (!raw || depth > 4) return fc.jsonValue({ maxDepth: 1 });
    const s = this.resolve(raw);
    const alts = s.anyOf ?? s.oneOf;
    if (alts) return fc.oneof(...alts.map((a) => this.value(a, depth + 1)));
    if (s.allOf) return this.value(Object.assign({}, ...s.allOf.map((a) => this.resolve(a))), depth + 1);
    if (s.const !== undefined) return fc.constant(s.const);
    if (s.enum) return fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...s.enum) }, { weight: 1, arbitrary: hostileString });
    const type = Array.isArray(s.type) ? s.type.filter((t) => t !== 'null')[0] : s.type;
    switch (type) {
      case 'string':
        if (s.format === 'email') return fc.oneof(fc.emailAddress(), hostileString);
        if (s.format === 'date-time') return fc.oneof(fc.date({ noInvalidDate: true, min: new Date(0), max: new Date('2100-01-01') }).map((d) => d.toISOString()), hostileString);
        return fc.oneof({ weight: 2, arbitrary: fc.string({ minLength: s.minLength ?? 0, maxLength: Math.min(s.maxLength ?? 30, 30) }) }, { weight: 2, arbitrary: hostileString });
      case 'integer':
      case 'number':
        return fc.oneof({ weight: 3, arbitrary: fc.integer({ min: Math.max(s.minimum ?? -10, -1e6), max: Math.min(s.maximum ?? 1000, 1e6) }) }, { weight: 1, arbitrary: hostileNumber }, { weight: 1, arbitrary: hostileString });
      case 'boolean':
        return fc.oneof({ weight: 4, arbitrary: fc.boolean() }, { weight: 1, arbitrary: hostileString });
      case 'array':
        return fc.array(this.value(s.items, depth + 1), { maxLength: 4 });
      case 'object':
      case undefined: {
        const props = Object.entries(s.properties ?? {});
        if (!props.length) return fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 });
        const required = new Set(s.required ?? []);
        // Required keys are usually present, optional ones often; now and then a stray key.
        const field = (k: string, v: Schema) => (/time_?zone/i.test(k) ? fc.oneof(legacyTimeZones, this.value(v, depth + 1)) : this.value(v, depth + 1));
        return fc.record(Object.fromEntries(props.map(([k, v]) => [k, fc.option(field(k, v), { freq: required.has(k) ? 12 : 2, nil: undefined })])), { requiredKeys: [] }).map((o) =>
          Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)),
        );
      }
      default:
        return fc.jsonValue({ maxDepth: 2 });
    }
  }

  /** A path parameter: a known id (so the code behind the check runs) or anything at all. */
  private pathParam(name: string, schema: Schema | undefined): fc.Arbitrary<string> {
    const known = this.known[name] ?? [];
    return fc.oneof(
      ...(known.length ? [{ weight: 4, arbitrary: fc.constantFrom(...known) }] : []),
      { weight: 2, arbitrary: this.value(schema).map((v) => (typeof v === 'string' ? v : JSON.stringify(v))) },
      { weight: 1, arbitrary: hostileString },
    );
  }

  /** One request for the operation: URL (path + query), content type and body. */
  request(op: Operation): fc.Arbitrary<FuzzRequest> {
    const params = op.parameters ?? [];
    const path = fc.record(Object.fromEntries(params.filter((p) => p.in === 'path').map((p) => [p.name, this.pathParam(p.name, p.schema)])));
    const query = fc.record(
      Object.fromEntries(params.filter((p) => p.in === 'query').map((p) => [p.name, fc.option(this.value(p.schema).map((v) => (typeof v === 'string' ? v : JSON.stringify(v))), { freq: p.required ? 10 : 2, nil: undefined })])),
      { requiredKeys: [] },
    );
    const [type, media] = Object.entries(op.requestBody?.content ?? {})[0] ?? [];
    const body: fc.Arbitrary<string | Uint8Array<ArrayBuffer> | undefined> = !type
      ? fc.constant(undefined)
      : type === 'application/json'
        ? fc.oneof({ weight: 8, arbitrary: this.value(media.schema).map((v) => JSON.stringify(v)) }, { weight: 1, arbitrary: fc.string({ maxLength: 30 }) })
        : type === 'application/x-www-form-urlencoded'
          ? this.value(media.schema).map((v) => new URLSearchParams(Object.entries(typeof v === 'object' && v ? v : {}).map(([k, x]) => [k, typeof x === 'string' ? x : JSON.stringify(x)])).toString())
          : fc.uint8Array({ maxLength: 64 }).map((a) => new Uint8Array(a));
    const base = (op.servers?.[0]?.url ?? '/api/v1').replace(/\/$/, '');
    return fc.record({ path, query, body }).map(({ path: p, query: q, body: b }) => {
      const url = base + op.path.replace(/\{([^}]+)\}/g, (_, n: string) => encodeSegment(String(p[n])));
      const qs = new URLSearchParams(Object.entries(q).filter((e): e is [string, string] => e[1] !== undefined)).toString();
      return { url: qs ? `${url}?${qs}` : url, contentType: type, body: b };
    });
  }
}
