"""kafka-python peer for SensorStream's compatibility tests.

Usage:
  kafka_python_client.py produce BOOTSTRAP TOPIC COUNT
  kafka_python_client.py consume BOOTSTRAP TOPIC GROUP MAX
      Consumes up to MAX records with a group consumer (earliest reset), commits synchronously,
      closes, and prints one JSON line: {"values": [...], "partitions_committed": N}.
"""
import json
import sys

from kafka import KafkaConsumer, KafkaProducer


def produce(bootstrap, topic, count):
    producer = KafkaProducer(bootstrap_servers=bootstrap, acks="all", retries=5)
    futures = [producer.send(topic, key=("k%d" % (i % 10)).encode(), value=("v%d" % i).encode()) for i in range(count)]
    producer.flush(timeout=30)
    offsets = [f.get(timeout=30).offset for f in futures]
    producer.close()
    print(json.dumps({"produced": len(offsets), "api_version": list(producer.config["api_version"])}))


def consume(bootstrap, topic, group, maximum):
    consumer = KafkaConsumer(topic, bootstrap_servers=bootstrap, group_id=group, auto_offset_reset="earliest",
                             enable_auto_commit=False, consumer_timeout_ms=5000, max_poll_records=50)
    values = []
    for record in consumer:
        values.append(record.value.decode())
        if len(values) >= maximum:
            break
    consumer.commit()
    committed = sum(1 for tp in consumer.assignment() if consumer.committed(tp) is not None)
    consumer.close()
    print(json.dumps({"values": values, "partitions_committed": committed}))


if __name__ == "__main__":
    mode = sys.argv[1]
    if mode == "produce":
        produce(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    elif mode == "consume":
        consume(sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]))
    else:
        sys.exit("unknown mode " + mode)
