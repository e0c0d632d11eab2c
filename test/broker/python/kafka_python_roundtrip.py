"""kafka-python (Debian's 2.0.2 and PyPI's 3.x): produce with keys, then read back with assign + seek (no group)."""
import json
import sys

from kafka import KafkaConsumer, KafkaProducer, TopicPartition

bootstrap, topic = sys.argv[1], sys.argv[2]

producer = KafkaProducer(bootstrap_servers=bootstrap, acks='all', linger_ms=5)
futures = [producer.send(topic, key=f'k{i}'.encode(), value=f'v{i}'.encode(), headers=[('h', str(i).encode())]) for i in range(300)]
producer.flush()
offsets = [f.get(timeout=10).offset for f in futures]
producer.close()

consumer = KafkaConsumer(bootstrap_servers=bootstrap, group_id=None, enable_auto_commit=False, consumer_timeout_ms=3000)
tp = TopicPartition(topic, 0)
consumer.assign([tp])
consumer.seek(tp, 100)
records = []
for message in consumer:
    records.append({'offset': message.offset, 'key': message.key.decode(), 'value': message.value.decode(),
                    'headers': {k: v.decode() for k, v in message.headers}})
    if len(records) == 200:
        break
end = consumer.end_offsets([tp])[tp]
begin = consumer.beginning_offsets([tp])[tp]
consumer.close()
print(json.dumps({'produced': offsets, 'records': records, 'end': end, 'begin': begin}))
