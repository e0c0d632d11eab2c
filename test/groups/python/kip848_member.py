"""One confluent-kafka (librdkafka 2.x from PyPI) consumer in a KIP-848 group
(group.protocol=consumer). Prints one JSON line per event: assign, revoke, record (each
committed synchronously once processed) and closed. Closes cleanly (leaving the group) when
it reads "close" on stdin.

argv: bootstrap topic group_id [remote_assignor]
"""
import json
import sys
import threading

from confluent_kafka import Consumer, KafkaException

bootstrap, topic, group_id = sys.argv[1:4]
assignor = sys.argv[4] if len(sys.argv) > 4 else None


def emit(event, **fields):
    print(json.dumps({"event": event, **fields}), flush=True)


conf = {
    "bootstrap.servers": bootstrap,
    "group.id": group_id,
    "group.protocol": "consumer",
    "auto.offset.reset": "earliest",
    "enable.auto.commit": False,
}
if assignor:
    conf["group.remote.assignor"] = assignor
consumer = Consumer(conf)
stop = threading.Event()


def watch_stdin():
    for line in sys.stdin:
        if line.strip() == "close":
            break
    stop.set()


threading.Thread(target=watch_stdin, daemon=True).start()


def on_assign(_consumer, partitions):
    emit("assign", partitions=sorted(p.partition for p in partitions))


def on_revoke(_consumer, partitions):
    emit("revoke", partitions=sorted(p.partition for p in partitions))


consumer.subscribe([topic], on_assign=on_assign, on_revoke=on_revoke)
try:
    while not stop.is_set():
        msg = consumer.poll(0.2)
        if msg is None:
            continue
        if msg.error():
            emit("error", error=str(msg.error()))
            continue
        consumer.commit(message=msg, asynchronous=False)
        emit("record", partition=msg.partition(), offset=msg.offset(), value=msg.value().decode())
except KafkaException as err:
    emit("error", error=str(err))
finally:
    consumer.close()
    emit("closed")
