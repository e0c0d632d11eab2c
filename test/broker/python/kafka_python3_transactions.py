"""kafka-python 3.x transactional producer: a commit, an abort, a commit with group offsets sent
to the transaction; then read_committed and read_uncommitted consumers read the topic back.

Usage: kafka_python3_transactions.py BOOTSTRAP TOPIC
Prints JSON: {"read_committed": [...], "read_uncommitted": [...], "group_offset": n}
"""
import json
import sys

from kafka import KafkaAdminClient, KafkaConsumer, KafkaProducer, TopicPartition
from kafka.structs import OffsetAndMetadata

bootstrap, topic = sys.argv[1], sys.argv[2]
tp = TopicPartition(topic, 0)
producer = KafkaProducer(bootstrap_servers=bootstrap, transactional_id='kayak-py3-txn')
producer.init_transactions()
for prefix, n, commit in (('commit', 5, True), ('abort', 3, False), ('last', 2, True)):
    producer.begin_transaction()
    for i in range(n):
        producer.send(topic, value=f'{prefix}-{i}'.encode(), partition=0)
    if prefix == 'last':
        # The consumer-side half of read-process-write: offsets committed only with the transaction.
        producer.send_offsets_to_transaction({TopicPartition(topic, 0): OffsetAndMetadata(7, '', -1)}, 'kayak-py3-txn-group')
    # Flushed first: aborting drops records still in the client, and they must reach the broker.
    producer.flush()
    if commit:
        producer.commit_transaction()
    else:
        producer.abort_transaction()
producer.close()


def read(isolation):
    consumer = KafkaConsumer(bootstrap_servers=bootstrap, group_id=None, enable_auto_commit=False,
                             isolation_level=isolation, consumer_timeout_ms=3000)
    consumer.assign([tp])
    consumer.seek_to_beginning(tp)
    values = [m.value.decode() for m in consumer]
    consumer.close()
    return values


admin = KafkaAdminClient(bootstrap_servers=bootstrap)
offsets = admin.list_group_offsets({'kayak-py3-txn-group': None})['kayak-py3-txn-group']
admin.close()
print(json.dumps({'read_committed': read('read_committed'), 'read_uncommitted': read('read_uncommitted'),
                  'group_offset': offsets[tp].offset}))
