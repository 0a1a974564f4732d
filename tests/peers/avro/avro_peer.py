"""Apache Avro for Python as a compatibility peer for SensorStream's own Avro codec.

Reads one JSON request on stdin and writes one JSON response on stdout:
  request  {"jobs": [{"op": "encode"|"decode"|"canonical"|"compatible", "schema": ..., "readerSchema": ..., "data": [...]}]}
  response {"results": [{"ok": true, "data": [...]} | {"ok": false, "error": "..."}]}
Values travel in a tagged JSON form both sides convert from and to, walking the schema:
  long (and long-based logical types) as decimal strings, bytes/fixed as hex, float/double as numbers or
  "NaN"/"Infinity"/"-Infinity"/"-0.0", unions as null or {"<branch name>": value}, decimals as strings with exactly
  `scale` digits after the point, every other logical type in its underlying form.
"""
import datetime
import decimal
import io
import json
import math
import sys
import warnings

import avro.compatibility
import avro.io
import avro.schema

warnings.simplefilter("ignore")  # raw ints for logical types are intended; python-avro warns about them

EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)


def branch_name(schema):
    if isinstance(schema, avro.schema.NamedSchema):
        return schema.fullname
    return schema.type


def logical(schema):
    # Only logical types python-avro accepted; an invalid one is ignored, as the specification says.
    return getattr(schema, "logical_type", None)


def float_from(value):
    if isinstance(value, str):
        return {"NaN": math.nan, "Infinity": math.inf, "-Infinity": -math.inf, "-0.0": -0.0}[value]
    return float(value)


def float_to(value):
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    if value == 0 and math.copysign(1.0, value) < 0:
        return "-0.0"
    return value


def from_tagged(schema, value):
    """Tagged JSON -> the datum python-avro's DatumWriter expects."""
    t = schema.type
    if t == "union":
        if value is None:
            return None
        (name, inner), = value.items()
        branch = next(b for b in schema.schemas if branch_name(b) == name)
        return from_tagged(branch, inner)
    if t == "record" or t == "error":
        return {f.name: from_tagged(f.type, value[f.name]) for f in schema.fields}
    if t == "array":
        return [from_tagged(schema.items, v) for v in value]
    if t == "map":
        return {k: from_tagged(schema.values, v) for k, v in value.items()}
    if t in ("bytes", "fixed"):
        return decimal.Decimal(value) if logical(schema) == "decimal" else bytes.fromhex(value)
    lt = logical(schema)
    # python-avro validates logical types against their python types, so convert the underlying numbers.
    if t == "int" and lt == "date":
        return datetime.date(1970, 1, 1) + datetime.timedelta(days=value)
    if t == "int" and lt == "time-millis":
        return time_of(value * 1000)
    if t == "long":
        number = int(value)
        if lt == "time-micros":
            return time_of(number)
        if lt == "timestamp-millis":
            return EPOCH + datetime.timedelta(milliseconds=number)
        if lt == "timestamp-micros":
            return EPOCH + datetime.timedelta(microseconds=number)
        return number
    if t in ("float", "double"):
        return float_from(value)
    return value


def time_of(micros):
    seconds, micro = divmod(micros, 1000000)
    minutes, second = divmod(seconds, 60)
    hour, minute = divmod(minutes, 60)
    return datetime.time(hour, minute, second, micro)


def to_tagged(schema, value):
    """What python-avro's DatumReader returns -> tagged JSON."""
    t = schema.type
    if t == "union":
        if value is None:
            return None
        raise AssertionError("unions are resolved by the caller")
    if t == "record" or t == "error":
        return {f.name: to_tagged_field(f.type, value[f.name]) for f in schema.fields}
    if t == "array":
        return [to_tagged_field(schema.items, v) for v in value]
    if t == "map":
        return {k: to_tagged_field(schema.values, v) for k, v in value.items()}
    lt = logical(schema)
    if t in ("bytes", "fixed"):
        if lt == "decimal" and isinstance(value, decimal.Decimal):
            return format(value.quantize(decimal.Decimal(1).scaleb(-schema.get_prop("scale") or 0), context=decimal.Context(prec=100)), "f")
        return bytes(value).hex()
    if t == "int":
        if lt == "date" and isinstance(value, datetime.date):
            return (value - datetime.date(1970, 1, 1)).days
        if lt == "time-millis" and isinstance(value, datetime.time):
            return ((value.hour * 60 + value.minute) * 60 + value.second) * 1000 + value.microsecond // 1000
        return value
    if t == "long":
        if lt == "time-micros" and isinstance(value, datetime.time):
            value = ((value.hour * 60 + value.minute) * 60 + value.second) * 1000000 + value.microsecond
        elif lt in ("timestamp-millis", "timestamp-micros") and isinstance(value, datetime.datetime):
            delta = value - EPOCH
            micros = (delta.days * 86400 + delta.seconds) * 1000000 + delta.microseconds
            value = micros // 1000 if lt == "timestamp-millis" else micros
        return str(value)
    if t in ("float", "double"):
        return float_to(value)
    return value


def to_tagged_field(schema, value):
    if schema.type != "union":
        return to_tagged(schema, value)
    if value is None:
        return None
    # python-avro returns plain values for unions; the branch is the first one the value validates against.
    for branch in schema.schemas:
        if branch.type != "null" and validate_decoded(branch, value):
            return {branch_name(branch): to_tagged(branch, value)}
    raise ValueError(f"no union branch of {schema} fits decoded value {value!r}")


def validate_decoded(schema, value):
    lt = logical(schema)
    t = schema.type
    if t == "boolean":
        return isinstance(value, bool)
    if t == "int":
        if lt in ("date",) and isinstance(value, datetime.date):
            return True
        if lt == "time-millis" and isinstance(value, datetime.time):
            return True
        return isinstance(value, int) and not isinstance(value, bool)
    if t == "long":
        if lt == "time-micros" and isinstance(value, datetime.time):
            return True
        if lt in ("timestamp-millis", "timestamp-micros") and isinstance(value, datetime.datetime):
            return True
        return isinstance(value, int) and not isinstance(value, bool)
    if t in ("float", "double"):
        return isinstance(value, float)
    if t == "bytes":
        return isinstance(value, (bytes, decimal.Decimal))
    if t == "fixed":
        return (isinstance(value, bytes) and len(value) == schema.size) or isinstance(value, decimal.Decimal)
    if t == "string":
        return isinstance(value, str)
    if t == "enum":
        return isinstance(value, str) and value in schema.symbols
    if t in ("record", "error"):
        return isinstance(value, dict) and set(value.keys()) == {f.name for f in schema.fields}
    if t == "map":
        return isinstance(value, dict)
    if t == "array":
        return isinstance(value, list)
    return False


def run(job):
    schema = avro.schema.parse(json.dumps(job["schema"]))
    op = job["op"]
    if op == "canonical":
        return schema.canonical_form
    if op == "compatible":
        # Can data written with "schema" be read with "readerSchema"? python-avro's own checker decides.
        reader_schema = avro.schema.parse(json.dumps(job["readerSchema"]))
        result = avro.compatibility.ReaderWriterCompatibilityChecker().get_compatibility(reader_schema, schema)
        return result.compatibility == avro.compatibility.SchemaCompatibilityType.compatible
    if op == "encode":
        writer = avro.io.DatumWriter(schema)
        out = []
        for item in job["data"]:
            buffer = io.BytesIO()
            writer.write(from_tagged(schema, item), avro.io.BinaryEncoder(buffer))
            out.append(buffer.getvalue().hex())
        return out
    if op == "decode":
        reader_schema = avro.schema.parse(json.dumps(job["readerSchema"])) if job.get("readerSchema") else schema
        reader = avro.io.DatumReader(schema, reader_schema)
        out = []
        for item in job["data"]:
            data = bytes.fromhex(item)
            buffer = io.BytesIO(data)
            value = reader.read(avro.io.BinaryDecoder(buffer))
            if buffer.tell() != len(data):
                raise ValueError(f"{len(data) - buffer.tell()} bytes left after the value")
            out.append(to_tagged_field(reader_schema, value))
        return out
    raise ValueError(f"unknown op {op}")


def main():
    request = json.load(sys.stdin)
    results = []
    for job in request["jobs"]:
        try:
            results.append({"ok": True, "data": run(job)})
        except Exception as e:  # reported per job so one bad case does not hide the others
            results.append({"ok": False, "error": f"{type(e).__name__}: {e}"})
    json.dump({"results": results}, sys.stdout)


if __name__ == "__main__":
    main()
