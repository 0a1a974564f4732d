"""python3-confluent-kafka's SchemaRegistryClient against a registry: registers, looks up, fetches, checks and deletes
schemas under one subject, and prints what each call returned (or the registry error it raised) as JSON.

usage: confluent_registry_client.py URL SUBJECT
"""
import json
import sys

try:
    from confluent_kafka.schema_registry import Schema, SchemaRegistryClient
    from confluent_kafka.schema_registry.error import SchemaRegistryError
except ModuleNotFoundError as missing:
    # Debian's python3-confluent-kafka only suggests python3-requests, which its registry client imports.
    sys.exit(f"{missing}: install the Debian package python3-requests (needed by confluent_kafka.schema_registry)")

V1 = '{"type":"record","name":"PyReading","namespace":"peer","fields":[{"name":"id","type":"string"}]}'
V2 = ('{"type":"record","name":"PyReading","namespace":"peer","fields":[{"name":"id","type":"string"},'
      '{"name":"unit","type":"string","default":"degC"}]}')
INCOMPATIBLE = ('{"type":"record","name":"PyReading","namespace":"peer","fields":[{"name":"id","type":"string"},'
                '{"name":"unit","type":"string","default":"degC"},{"name":"level","type":"int"}]}')


def error(call):
    try:
        call()
    except SchemaRegistryError as e:
        return {"http_status": e.http_status_code, "error_code": e.error_code, "message": e.error_message}
    return None


def main():
    url, subject = sys.argv[1], sys.argv[2]
    client = SchemaRegistryClient({"url": url})
    out = {}
    out["id1"] = client.register_schema(subject, Schema(V1, "AVRO"))
    out["compatible_v2"] = client.test_compatibility(subject, Schema(V2, "AVRO"))
    out["compatible_incompatible"] = client.test_compatibility(subject, Schema(INCOMPATIBLE, "AVRO"))
    out["id2"] = client.register_schema(subject, Schema(V2, "AVRO"))
    lookup = client.lookup_schema(subject, Schema(V1, "AVRO"))
    out["lookup"] = {"id": lookup.schema_id, "version": lookup.version, "subject": lookup.subject}
    latest = client.get_latest_version(subject)
    out["latest"] = {"id": latest.schema_id, "version": latest.version, "schema": latest.schema.schema_str}
    out["version1_id"] = client.get_version(subject, 1).schema_id
    out["schema_by_id"] = client.get_schema(out["id2"]).schema_str
    out["subjects"] = client.get_subjects()
    out["versions"] = client.get_versions(subject)
    out["set_compatibility"] = client.set_compatibility(subject_name=subject, level="full")
    out["compatibility"] = client.get_compatibility(subject)
    out["global_compatibility"] = client.get_compatibility()
    out["incompatible"] = error(lambda: client.register_schema(subject, Schema(INCOMPATIBLE, "AVRO")))
    out["invalid"] = error(lambda: client.register_schema(subject, Schema('{"type":"record","name":"X","fields":[{"name":"a"}]}', "AVRO")))
    out["missing_version"] = error(lambda: client.get_version(subject, 99))
    out["missing_subject"] = error(lambda: client.get_latest_version(subject + "-nope"))
    out["missing_schema"] = error(lambda: client.get_schema(2147483000))
    out["deleted_version"] = client.delete_version(subject, 2)
    out["deleted_subject"] = client.delete_subject(subject, permanent=True)
    out["subjects_after"] = client.get_subjects()
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
