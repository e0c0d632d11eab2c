#!/usr/bin/env bash
# Installs the Debian tools the tests drive (real Kafka clients, a browser, the compose
# validator, a JDK and Maven for Apache Kafka and its Java tools) when they are missing, then
# resolves Apache Kafka's jars into the cache once (scripts/kafka-reference.sh). Needs root for
# apt; does nothing when everything is present.
set -euo pipefail
need=()
command -v kcat >/dev/null || need+=(kcat)
/usr/bin/python3 -c 'import kafka' 2>/dev/null || need+=(python3-kafka)
/usr/bin/python3 -c 'import confluent_kafka' 2>/dev/null || need+=(python3-confluent-kafka)
[ -x "${KAYAK_CHROMIUM:-/usr/bin/chromium}" ] || need+=(chromium)
command -v docker-compose >/dev/null || need+=(docker-compose)
command -v javac >/dev/null || need+=(default-jdk-headless)
command -v mvn >/dev/null || need+=(maven)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "missing test tools: ${need[*]} (run as root or install them with apt-get)" >&2
    exit 1
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}"
fi
bash "$(dirname "$0")/kafka-reference.sh" >/dev/null
# confluent-kafka 2.x (librdkafka 2.x, KIP-848 `group.protocol=consumer`) from PyPI, into the
# python3 first on PATH; Debian's python3-confluent-kafka above is 1.x and stays for its tests.
# The schema registry tests use its SchemaRegistryClient and Avro, Protobuf and JSON Schema
# serializers: the extras bring fastavro, avro, protobuf, jsonschema, httpx2, authlib, attrs, cachetools.
if ! python3 -c 'import confluent_kafka, sys; sys.exit(0 if tuple(map(int, confluent_kafka.version().split(".")[:2])) >= (2, 6) else 1)' 2>/dev/null \
  || ! python3 -c 'import confluent_kafka.schema_registry.avro, confluent_kafka.schema_registry.protobuf, confluent_kafka.schema_registry.json_schema' 2>/dev/null; then
  python3 -m pip install -q 'confluent-kafka[schemaregistry,avro,json,protobuf]>=2.6,<3'
fi
