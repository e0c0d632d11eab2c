"""confluent-kafka (librdkafka): an idempotent producer, then transactions: init, begin, produce,
send_offsets_to_transaction, commit and abort, read back with read_committed and
read_uncommitted consumers (assign, no group). Prints a JSON summary."""
import json
import sys

from confluent_kafka import Consumer, Producer, TopicPartition

bootstrap, topic = sys.argv[1], sys.argv[2]
result = {}

idem = Producer({'bootstrap.servers': bootstrap, 'enable.idempotence': True, 'linger.ms': 5})
for i in range(200):
    idem.produce(topic + '-idem', key=f'k{i}', value=f'v{i}', partition=0)
result['idem_unflushed'] = idem.flush(30)

p = Producer({'bootstrap.servers': bootstrap, 'transactional.id': 'py-txn', 'linger.ms': 5})
p.init_transactions(30)
p.begin_transaction()
for i in range(10):
    p.produce(topic, key=f'c{i}', value=f'commit-{i}', partition=0)
group = Consumer({'bootstrap.servers': bootstrap, 'group.id': 'py-txn-group'})
p.send_offsets_to_transaction([TopicPartition(topic + '-in', 0, 33)], group.consumer_group_metadata(), 30)
p.commit_transaction(30)
p.begin_transaction()
for i in range(4):
    p.produce(topic, key=f'a{i}', value=f'abort-{i}', partition=0)
p.send_offsets_to_transaction([TopicPartition(topic + '-in', 0, 99)], group.consumer_group_metadata(), 30)
p.flush(30)
p.abort_transaction(30)
p.begin_transaction()
p.produce(topic, key='last', value='commit-last', partition=0)
p.commit_transaction(30)
committed = group.committed([TopicPartition(topic + '-in', 0)], 30)
result['group_offset'] = committed[0].offset
group.close()


def read(t, isolation):
    c = Consumer({'bootstrap.servers': bootstrap, 'group.id': 'unused', 'enable.auto.commit': False, 'isolation.level': isolation, 'enable.partition.eof': True})
    c.assign([TopicPartition(t, 0, 0)])
    values = []
    while True:
        m = c.poll(10)
        if m is None:
            break
        if m.error():
            break  # partition EOF: everything up to the (stable) end was read
        values.append(m.value().decode())
    c.close()
    return values


result['read_committed'] = read(topic, 'read_committed')
result['read_uncommitted'] = read(topic, 'read_uncommitted')
result['idem'] = read(topic + '-idem', 'read_committed')
print(json.dumps(result))
