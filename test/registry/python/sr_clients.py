"""confluent-kafka-python's SchemaRegistryClient with AvroSerializer, ProtobufSerializer and
JSONSerializer against the bundled registry and broker: register and evolve schemas, produce
serialized values, consume them back (assign, no commits) and deserialize them. Prints a JSON
summary for the calling test."""
import json
import sys

from confluent_kafka import Consumer, Producer, TopicPartition
from confluent_kafka.schema_registry import Schema, SchemaRegistryClient
from confluent_kafka.schema_registry.avro import AvroDeserializer, AvroSerializer
from confluent_kafka.schema_registry.error import SchemaRegistryError
from confluent_kafka.schema_registry.json_schema import JSONDeserializer, JSONSerializer
from confluent_kafka.schema_registry.protobuf import ProtobufDeserializer, ProtobufSerializer
from confluent_kafka.serialization import MessageField, SerializationContext
from google.protobuf import descriptor_pb2, descriptor_pool, message_factory

bootstrap, registry_url, prefix = sys.argv[1], sys.argv[2], sys.argv[3]
client = SchemaRegistryClient({'url': registry_url})
result = {}


def round_trip(topic, serializer, deserializer, values):
    producer = Producer({'bootstrap.servers': bootstrap})
    for v in values:
        producer.produce(topic, value=serializer(v, SerializationContext(topic, MessageField.VALUE)), partition=0)
    assert producer.flush(30) == 0
    consumer = Consumer({'bootstrap.servers': bootstrap, 'group.id': prefix + '-unused', 'enable.auto.commit': False})
    consumer.assign([TopicPartition(topic, 0, 0)])
    out = []
    while len(out) < len(values):
        m = consumer.poll(10)
        assert m is not None, 'no record within 10 s'
        assert m.error() is None, m.error()
        out.append(deserializer(m.value(), SerializationContext(topic, MessageField.VALUE)))
    consumer.close()
    return out


# Avro: the serializer registers v1; v2 adds a field with a default; a field without one is refused.
avro_topic = prefix + '-avro'
v1 = json.dumps({'type': 'record', 'name': 'Reading', 'namespace': 'py', 'fields': [{'name': 'sensor', 'type': 'string'}, {'name': 'value', 'type': 'double'}]})
v2 = json.dumps({'type': 'record', 'name': 'Reading', 'namespace': 'py', 'fields': [{'name': 'sensor', 'type': 'string'}, {'name': 'value', 'type': 'double'}, {'name': 'unit', 'type': 'string', 'default': 'C'}]})
bad = json.dumps({'type': 'record', 'name': 'Reading', 'namespace': 'py', 'fields': [{'name': 'sensor', 'type': 'string'}, {'name': 'value', 'type': 'double'}, {'name': 'site', 'type': 'string'}]})
got = round_trip(avro_topic, AvroSerializer(client, v1), AvroDeserializer(client), [{'sensor': 's1', 'value': 1.5}, {'sensor': 's2', 'value': -2.0}])
result['avro'] = got
subject = avro_topic + '-value'
result['avro_v2_compatible'] = client.test_compatibility(subject, Schema(v2, 'AVRO'))
result['avro_v2_id'] = client.register_schema(subject, Schema(v2, 'AVRO'))
result['avro_bad_compatible'] = client.test_compatibility(subject, Schema(bad, 'AVRO'))
try:
    client.register_schema(subject, Schema(bad, 'AVRO'))
    result['avro_bad_error'] = None
except SchemaRegistryError as e:
    result['avro_bad_error'] = [e.http_status_code, e.error_code]
latest = client.get_latest_version(subject)
result['avro_latest'] = [latest.version, latest.schema_id]
result['avro_versions'] = client.get_versions(subject)
result['avro_by_id'] = json.loads(client.get_schema(latest.schema_id).schema_str)['fields'][-1]['name']
# Reading v1 data with v2 as the reader schema fills in the default.
reader = AvroDeserializer(client, v2)
result['avro_with_reader'] = round_trip(avro_topic + '-reader', AvroSerializer(client, v1), reader, [{'sensor': 's3', 'value': 3.0}])

# Protobuf: a message class built from a descriptor (no protoc needed); the serializer registers
# the file as a base64 FileDescriptorProto, the deserializer fetches it back with format=serialized.
fdp = descriptor_pb2.FileDescriptorProto(name='py_shipment.proto', package='py', syntax='proto3')
msg = fdp.message_type.add(name='Shipment')
msg.field.add(name='id', number=1, type=descriptor_pb2.FieldDescriptorProto.TYPE_STRING, label=descriptor_pb2.FieldDescriptorProto.LABEL_OPTIONAL)
msg.field.add(name='weight', number=2, type=descriptor_pb2.FieldDescriptorProto.TYPE_INT32, label=descriptor_pb2.FieldDescriptorProto.LABEL_OPTIONAL)
msg.field.add(name='tags', number=3, type=descriptor_pb2.FieldDescriptorProto.TYPE_STRING, label=descriptor_pb2.FieldDescriptorProto.LABEL_REPEATED)
pool = descriptor_pool.DescriptorPool()
pool.Add(fdp)
Shipment = message_factory.GetMessageClass(pool.FindMessageTypeByName('py.Shipment'))
pb_topic = prefix + '-proto'
pb_ser = ProtobufSerializer(Shipment, client, {'use.deprecated.format': False})
pb_de = ProtobufDeserializer(Shipment, {'use.deprecated.format': False}, client)
got = round_trip(pb_topic, pb_ser, pb_de, [Shipment(id='x1', weight=3, tags=['a', 'b']), Shipment(id='x2')])
result['protobuf'] = [[m.id, m.weight, list(m.tags)] for m in got]
pb_latest = client.get_latest_version(pb_topic + '-value')
result['protobuf_schema_text'] = pb_latest.schema.schema_str
result['protobuf_type'] = pb_latest.schema.schema_type

# JSON Schema
js = json.dumps({'$schema': 'http://json-schema.org/draft-07/schema#', 'title': 'Event', 'type': 'object', 'properties': {'kind': {'type': 'string'}, 'n': {'type': 'integer'}}, 'required': ['kind'], 'additionalProperties': False})
js_topic = prefix + '-json'
got = round_trip(js_topic, JSONSerializer(js, client), JSONDeserializer(js, schema_registry_client=client), [{'kind': 'a', 'n': 1}, {'kind': 'b'}])
result['json'] = got
try:
    JSONSerializer(js, client)({'n': 2}, SerializationContext(js_topic, MessageField.VALUE))
    result['json_invalid'] = None
except Exception as e:  # the serializer validates against the schema before sending
    result['json_invalid'] = type(e).__name__

print(json.dumps(result))
