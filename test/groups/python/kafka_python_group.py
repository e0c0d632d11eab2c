"""kafka-python (Debian's 2.0.2 and PyPI's 3.x) KafkaConsumer in a group: consume `count` records, commit, report.

Usage: kafka_python_group.py BOOTSTRAP TOPIC GROUP COUNT
Prints JSON: {"values": [...], "committed": {partition: offset}, "assignment": [partitions]}
"""
import json
import sys
import time

from kafka import KafkaConsumer, TopicPartition

bootstrap, topic, group, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
consumer = KafkaConsumer(
    topic,
    bootstrap_servers=bootstrap,
    group_id=group,
    client_id="kayak-kafka-python",
    auto_offset_reset="earliest",
    enable_auto_commit=False,
    session_timeout_ms=6000,
    heartbeat_interval_ms=500,
)
values = []
deadline = time.time() + 40
while len(values) < count and time.time() < deadline:
    for records in consumer.poll(timeout_ms=500).values():
        values.extend(r.value.decode() for r in records)
consumer.commit()
assignment = sorted(tp.partition for tp in consumer.assignment())
committed = {tp.partition: consumer.committed(tp) for tp in consumer.assignment()}
consumer.close()
print(json.dumps({"values": values, "committed": committed, "assignment": assignment}))
