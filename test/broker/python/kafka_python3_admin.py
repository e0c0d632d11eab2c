"""kafka-python 3.x KafkaAdminClient: topic lifecycle, configs, partitions, records, groups, cluster.

Usage: kafka_python3_admin.py BOOTSTRAP TOPIC GROUP
Expects GROUP to have committed offsets on TOPIC partitions 0 and 1 (the test's group run).
Prints one JSON object with what each call answered.
"""
import json
import sys

from kafka import KafkaAdminClient, KafkaProducer, TopicPartition
from kafka.admin import ConfigResource, ConfigResourceType, NewPartitions, NewTopic
from kafka.structs import OffsetAndMetadata

bootstrap, group_topic, group = sys.argv[1], sys.argv[2], sys.argv[3]
admin = KafkaAdminClient(bootstrap_servers=bootstrap, client_id='kayak-kafka-python3-admin')
out = {}
topic = 'py3-admin'
admin.create_topics([NewTopic(topic, 2, 1, topic_configs={'retention.ms': '3600000'})])
out['listed'] = topic in admin.list_topics()
described = admin.describe_topics([topic])
out['partitions'] = sorted(p['partition_index'] for p in described[0]['partitions'])

admin.alter_configs([ConfigResource(ConfigResourceType.TOPIC, topic, configs={'cleanup.policy': 'compact'})])
described = admin.describe_configs([ConfigResource(ConfigResourceType.TOPIC, topic, configs=None)], config_filter='all')
configs = described['topic'][topic]
out['configs'] = {k: configs[k]['value'] for k in ('cleanup.policy', 'retention.ms')}

admin.create_partitions({topic: NewPartitions(4)})
out['partitions_after'] = len(admin.describe_topics([topic])[0]['partitions'])

producer = KafkaProducer(bootstrap_servers=bootstrap)
for i in range(10):
    producer.send(topic, key=b'k', value=f'v{i}'.encode(), partition=0)
producer.flush()
producer.close()
admin.delete_records({TopicPartition(topic, 0): 4})
from kafka.admin import OffsetSpec
earliest = admin.list_partition_offsets({TopicPartition(topic, 0): OffsetSpec.EARLIEST})
latest = admin.list_partition_offsets({TopicPartition(topic, 0): OffsetSpec.LATEST})
out['low_high'] = [earliest[TopicPartition(topic, 0)].offset, latest[TopicPartition(topic, 0)].offset]

cluster = admin.describe_cluster()
out['brokers'] = len(cluster['brokers'])
out['groups'] = group in [g['group_id'] for g in admin.list_groups()]
out['group_state'] = admin.describe_groups([group])[group]['group_state']
offsets = admin.list_group_offsets({group: None})
out['committed'] = {str(tp.partition): om.offset for tp, om in sorted(offsets[group].items())}
admin.alter_group_offsets(group, {TopicPartition(group_topic, 0): OffsetAndMetadata(1, '', -1)})
admin.delete_group_offsets(group, [TopicPartition(group_topic, 1)])
offsets = admin.list_group_offsets({group: None})
out['committed_after'] = {str(tp.partition): om.offset for tp, om in sorted(offsets[group].items())}
out['log_dirs'] = bool(admin.describe_log_dirs())
admin.delete_topics([topic])
out['deleted'] = topic not in admin.list_topics()
admin.close()
print(json.dumps(out))
