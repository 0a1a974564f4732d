// kafkajs peer for SensorStream's compatibility tests.
//   node kafkajs_client.mjs BOOTSTRAP TOPIC GROUP COUNT
// Produces COUNT keyed messages with an idempotent producer (acks=-1), then consumes them with a group
// consumer from the beginning and prints one JSON line: {"produced": N, "consumed": [...values]}.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { Kafka, logLevel, Partitioners } = require('kafkajs');

const [bootstrap, topic, group, countText] = process.argv.slice(2);
const count = Number(countText);
const kafka = new Kafka({ brokers: [bootstrap], clientId: 'kafkajs-peer', logLevel: logLevel.ERROR });

const admin = kafka.admin();
await admin.connect();
await admin.createTopics({ topics: [{ topic, numPartitions: 3 }], waitForLeaders: true });
await admin.disconnect();

const producer = kafka.producer({ idempotent: true, createPartitioner: Partitioners.DefaultPartitioner });
await producer.connect();
let produced = 0;
for (let batch = 0; batch < count; batch += 100) {
  const messages = [];
  for (let i = batch; i < Math.min(count, batch + 100); i++) {
    messages.push({ key: `k${i % 10}`, value: `v${i}` });
  }
  const results = await producer.send({ topic, acks: -1, messages });
  produced += messages.length;
  if (results.some((r) => r.errorCode !== 0)) throw new Error('produce error ' + JSON.stringify(results));
}
await producer.disconnect();

const consumer = kafka.consumer({ groupId: group, heartbeatInterval: 500 });
await consumer.connect();
await consumer.subscribe({ topic, fromBeginning: true });
const consumed = [];
await new Promise((resolve, reject) => {
  const timer = setTimeout(() => reject(new Error(`only ${consumed.length} of ${count} consumed`)), 30000);
  consumer.run({
    eachMessage: async ({ message }) => {
      consumed.push(message.value.toString());
      if (consumed.length >= count) { clearTimeout(timer); resolve(); }
    },
  });
});
await consumer.disconnect();
console.log(JSON.stringify({ produced, consumed }));
