// @kafkajs/confluent-schema-registry against a registry, and its Confluent wire-format encode/decode without Kafka.
//   node kafkajs_registry.mjs URL SUBJECT SCHEMA_FILE  < request.json  > response.json
// request  {"encode": [<plain JSON payload>...], "decode": ["<hex of a wire-format message>"...]}
// response {"id": <registered id>, "latestId": .., "lookedUpId": .., "fetched": "<schema by id>", "encoded": ["<hex>"...], "decoded": [<payload>...]}
// Payloads are avsc's plain values (unions unwrapped as avsc does by default for ["null", T]); longs must stay within
// JavaScript's safe integers, as kafkajs users' do.
import { readFileSync } from 'node:fs';
import { SchemaRegistry, SchemaType } from '@kafkajs/confluent-schema-registry';

const [url, subject, schemaFile] = process.argv.slice(2);
const registry = new SchemaRegistry({ host: url }, { forSchemaOptions: {} });
const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const request = JSON.parse(Buffer.concat(chunks).toString('utf8'));

const { id } = await registry.register({ type: SchemaType.AVRO, schema: readFileSync(schemaFile, 'utf8') }, { subject });
const latestId = await registry.getLatestSchemaId(subject);
const lookedUpId = await registry.getRegistryIdBySchema(subject, { type: SchemaType.AVRO, schema: readFileSync(schemaFile, 'utf8') });
const fetched = await registry.getSchema(id);
const encoded = [];
for (const payload of request.encode) {
  encoded.push((await registry.encode(id, payload)).toString('hex'));
}
const decoded = [];
for (const hex of request.decode) {
  decoded.push(await registry.decode(Buffer.from(hex, 'hex')));
}
process.stdout.write(JSON.stringify({ id, latestId, lookedUpId, fetched: JSON.stringify(fetched.schema ? fetched.schema() : fetched), encoded, decoded }));
