// kafkajs + @kafkajs/confluent-schema-registry through a real Kafka topic (the embedded broker in the tests).
//   node kafkajs_avro_kafka.mjs produce BOOTSTRAP REGISTRY_URL TOPIC SCHEMA_FILE < payloads.json
//       registers SCHEMA_FILE under TOPIC-value, encodes each payload (avsc plain values) and produces it keyed by sensor_id
//   node kafkajs_avro_kafka.mjs consume BOOTSTRAP REGISTRY_URL TOPIC COUNT
//       reads COUNT messages from the beginning, decodes them with the registry and prints them as a JSON array
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { SchemaRegistry, SchemaType } from '@kafkajs/confluent-schema-registry';

const require = createRequire(import.meta.url);
const { Kafka, logLevel, Partitioners } = require('kafkajs');

const [mode, bootstrap, registryUrl, topic, extra] = process.argv.slice(2);
const kafka = new Kafka({ brokers: [bootstrap], clientId: 'kafkajs-avro-peer', logLevel: logLevel.ERROR });
const registry = new SchemaRegistry({ host: registryUrl });

if (mode === 'produce') {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  const payloads = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  const { id } = await registry.register({ type: SchemaType.AVRO, schema: readFileSync(extra, 'utf8') }, { subject: `${topic}-value` });
  const producer = kafka.producer({ idempotent: true, createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  const messages = [];
  for (const payload of payloads) {
    messages.push({ key: payload.sensor_id, value: await registry.encode(id, payload) });
  }
  await producer.send({ topic, acks: -1, messages });
  await producer.disconnect();
  process.stdout.write(JSON.stringify({ id, produced: messages.length }));
} else if (mode === 'consume') {
  const count = Number(extra);
  const consumer = kafka.consumer({ groupId: `${topic}-kafkajs-reader` });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  const decoded = [];
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`only ${decoded.length} of ${count} messages arrived`)), 30000);
    consumer.run({
      eachMessage: async ({ message }) => {
        decoded.push(await registry.decode(message.value));
        if (decoded.length >= count) { clearTimeout(timer); resolve(); }
      },
    });
  });
  await consumer.disconnect();
  process.stdout.write(JSON.stringify(decoded));
} else {
  throw new Error(`unknown mode ${mode}`);
}
