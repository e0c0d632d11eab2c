"""confluent-kafka-python 1.7 (librdkafka 2.0.2) Consumer: subscribe, consume, commit, close.

Usage: confluent_group.py BOOTSTRAP TOPIC GROUP COUNT [hold]
With COUNT records consumed it commits synchronously and prints JSON
{"values": [...], "committed": {partition: offset}, "assignment": [partitions]}.
With "hold" it prints "assigned <partitions>" on each assignment and never exits (the test
kills it with SIGKILL to simulate a crashed member).
"""
import json
import sys
import time

from confluent_kafka import Consumer, TopicPartition

bootstrap, topic, group, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
hold = len(sys.argv) > 5 and sys.argv[5] == "hold"


def on_assign(consumer, partitions):
    if hold:
        print("assigned " + ",".join(str(p.partition) for p in partitions), flush=True)


consumer = Consumer({
    "bootstrap.servers": bootstrap,
    "group.id": group,
    "client.id": "kayak-confluent",
    "auto.offset.reset": "earliest",
    "enable.auto.commit": False,
    "session.timeout.ms": 3000,
    "heartbeat.interval.ms": 300,
})
consumer.subscribe([topic], on_assign=on_assign)
values = []
deadline = time.time() + 40
while hold or (len(values) < count and time.time() < deadline):
    msg = consumer.poll(0.2)
    if msg is None or msg.error():
        continue
    values.append(msg.value().decode())
consumer.commit(asynchronous=False)
assignment = consumer.assignment()
committed = {tp.partition: tp.offset for tp in consumer.committed(assignment, timeout=10)}
consumer.close()
print(json.dumps({"values": values, "committed": committed, "assignment": sorted(tp.partition for tp in assignment)}))
