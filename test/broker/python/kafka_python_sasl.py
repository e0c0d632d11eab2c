"""kafka-python 2.0.2 over SASL (SaslHandshake v0, then bare tokens): produce one record, list topics."""
import json
import sys

from kafka import KafkaProducer, KafkaConsumer
from kafka.errors import KafkaError

bootstrap, mechanism, user, password = sys.argv[1:5]
try:
    producer = KafkaProducer(bootstrap_servers=bootstrap, security_protocol='SASL_PLAINTEXT', sasl_mechanism=mechanism,
                             sasl_plain_username=user, sasl_plain_password=password, api_version=(2, 5, 0),
                             request_timeout_ms=5000, max_block_ms=5000)
    offset = producer.send('py-sasl', b'hello').get(timeout=10).offset
    producer.close()
    consumer = KafkaConsumer(bootstrap_servers=bootstrap, security_protocol='SASL_PLAINTEXT', sasl_mechanism=mechanism,
                             sasl_plain_username=user, sasl_plain_password=password, api_version=(2, 5, 0))
    topics = sorted(consumer.topics())
    consumer.close()
    print(json.dumps({'ok': True, 'offset': offset, 'topics': topics}))
except KafkaError as e:
    print(json.dumps({'ok': False, 'error': type(e).__name__}))
