// avsc (JavaScript Avro) as a compatibility peer for SensorStream's own Avro codec.
// Same protocol and tagged-JSON value form as avro_peer.py: one JSON request on stdin, one JSON response on stdout.
// Longs are BigInt (avsc's documented custom long type) so the full 64-bit range round-trips; decimals are a logical
// type over avsc's bytes/fixed; every other logical type stays in its underlying form.
import avro from 'avsc';

const longType = avro.types.LongType.__with({
  fromBuffer: (buf) => buf.readBigInt64LE(),
  toBuffer: (n) => {
    const buf = Buffer.alloc(8);
    buf.writeBigInt64LE(n);
    return buf;
  },
  fromJSON: BigInt,
  toJSON: Number,
  isValid: (n) => typeof n === 'bigint',
  compare: (a, b) => (a === b ? 0 : a < b ? -1 : 1),
});

class DecimalType extends avro.types.LogicalType {
  constructor(schema, opts) {
    super(schema, opts);
    const precision = schema.precision;
    const scale = schema.scale ?? 0;
    // An invalid decimal must fall back to its underlying type, as the specification says; avsc does that when this throws.
    if (!Number.isInteger(precision) || precision <= 0 || !Number.isInteger(scale) || scale < 0 || scale > precision) {
      throw new Error('invalid decimal');
    }
    if (schema.type === 'fixed' && precision > Math.floor(Math.log10(2) * (8 * schema.size - 1))) {
      throw new Error('invalid decimal');
    }
    this.scale = scale;
  }
  _fromValue(buf) { return buf; }
  _toValue(buf) { return buf; }
  _resolve(type) { return avro.Type.isType(type, 'logical:decimal') ? (v) => v : undefined; }
}

const PRIMITIVES = new Set(['null', 'boolean', 'int', 'long', 'float', 'double', 'bytes', 'string']);

// avsc applies the custom long type to the name "long" only, so a primitive in object form ({"type": "long", ...}) is
// reduced to its name. The attributes dropped are logical types avsc leaves to the underlying type anyway.
function simplify(schema) {
  if (Array.isArray(schema)) return schema.map(simplify);
  if (schema === null || typeof schema !== 'object') return schema;
  if (PRIMITIVES.has(schema.type) && schema.logicalType !== 'decimal') return schema.type;
  const copy = { ...schema };
  if (copy.fields) copy.fields = copy.fields.map((f) => ({ ...f, type: simplify(f.type) }));
  if (copy.items !== undefined) copy.items = simplify(copy.items);
  if (copy.values !== undefined) copy.values = simplify(copy.values);
  if (typeof copy.type === 'object') copy.type = simplify(copy.type);
  return copy;
}

function parse(schema) {
  return avro.Type.forSchema(simplify(schema), { wrapUnions: true, registry: { long: longType }, logicalTypes: { decimal: DecimalType } });
}

function floatFrom(v) {
  if (typeof v === 'number') return v;
  return { NaN: NaN, Infinity: Infinity, '-Infinity': -Infinity, '-0.0': -0 }[v];
}

function floatTo(v) {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return 'Infinity';
  if (v === -Infinity) return '-Infinity';
  if (Object.is(v, -0)) return '-0.0';
  return v;
}

function decimalToBuffer(text, scale, size) {
  const negative = text.startsWith('-');
  const [whole, fraction = ''] = (negative ? text.slice(1) : text).split('.');
  if (fraction.length !== scale) throw new Error(`decimal ${text} must have ${scale} digits after the point`);
  let n = BigInt(whole + fraction) * (negative ? -1n : 1n);
  const bytes = [];
  do {
    bytes.unshift(Number(BigInt.asUintN(8, n)));
    n >>= 8n;
  } while (!((n === 0n && (bytes[0] & 0x80) === 0) || (n === -1n && (bytes[0] & 0x80) !== 0)));
  while (size !== undefined && bytes.length < size) bytes.unshift(bytes[0] & 0x80 ? 0xff : 0);
  return Buffer.from(bytes);
}

function bufferToDecimal(buf, scale) {
  let n = 0n;
  for (const b of buf) n = (n << 8n) | BigInt(b);
  if (buf.length > 0 && buf[0] & 0x80) n -= 1n << BigInt(8 * buf.length);
  const negative = n < 0n;
  let digits = (negative ? -n : n).toString().padStart(scale + 1, '0');
  if (scale > 0) digits = `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return negative ? `-${digits}` : digits;
}

function fromTagged(type, v) {
  switch (type.typeName) {
    case 'null': return null;
    case 'abstract:long': return BigInt(v);
    case 'float': case 'double': return floatFrom(v);
    case 'bytes': case 'fixed': return Buffer.from(v, 'hex');
    case 'logical:decimal': return decimalToBuffer(v, type.scale, type.underlyingType.size);
    case 'array': return v.map((item) => fromTagged(type.itemsType, item));
    case 'map': return Object.fromEntries(Object.entries(v).map(([k, item]) => [k, fromTagged(type.valuesType, item)]));
    case 'record': case 'error': return Object.fromEntries(type.fields.map((f) => [f.name, fromTagged(f.type, v[f.name])]));
    case 'union:wrapped': {
      if (v === null) return null;
      const [name, inner] = Object.entries(v)[0];
      const branch = type.types.find((t) => t.branchName === name);
      if (!branch) throw new Error(`no branch ${name} in ${JSON.stringify(type.schema())}`);
      return { [name]: fromTagged(branch, inner) };
    }
    default: return v;
  }
}

function toTagged(type, v) {
  switch (type.typeName) {
    case 'null': return null;
    case 'abstract:long': return v.toString();
    case 'float': case 'double': return floatTo(v);
    case 'bytes': case 'fixed': return Buffer.from(v).toString('hex');
    case 'logical:decimal': return bufferToDecimal(v, type.scale);
    case 'array': return v.map((item) => toTagged(type.itemsType, item));
    case 'map': return Object.fromEntries(Object.entries(v).map(([k, item]) => [k, toTagged(type.valuesType, item)]));
    case 'record': case 'error': return Object.fromEntries(type.fields.map((f) => [f.name, toTagged(f.type, v[f.name])]));
    case 'union:wrapped': {
      if (v === null) return null;
      const name = Object.keys(v)[0];
      return { [name]: toTagged(type.types.find((t) => t.branchName === name), v[name]) };
    }
    default: return v;
  }
}

function run(job) {
  const type = parse(job.schema);
  switch (job.op) {
    case 'canonical': return JSON.stringify(type.schema());
    case 'encode': return job.data.map((item) => type.toBuffer(fromTagged(type, item)).toString('hex'));
    case 'decode': {
      const reader = job.readerSchema ? parse(job.readerSchema) : type;
      const resolver = job.readerSchema ? reader.createResolver(type) : undefined;
      return job.data.map((hex) => toTagged(reader, reader.fromBuffer(Buffer.from(hex, 'hex'), resolver)));
    }
    default: throw new Error(`unknown op ${job.op}`);
  }
}

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const request = JSON.parse(Buffer.concat(chunks).toString('utf8'));
const results = request.jobs.map((job) => {
  try {
    return { ok: true, data: run(job) };
  } catch (e) {
    return { ok: false, error: String(e && e.stack ? e.stack : e) };
  }
});
process.stdout.write(JSON.stringify({ results }));
