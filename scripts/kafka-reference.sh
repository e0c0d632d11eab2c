#!/usr/bin/env bash
# Resolves Apache Kafka's jars (broker, tools, clients, streams) from Maven Central into a cache
# outside the repository, for the reference tests in test/reference/. Prints the jar directory.
# Does nothing when that version is already cached. Usage: scripts/kafka-reference.sh [version]
set -euo pipefail
# The Kafka the tests run by default; KAYAK_KAFKA_VERSION (or the first argument) picks another,
# e.g. 3.9.1. Keep in step with DEFAULT_KAFKA_VERSION in test/reference/kafka-fixture.ts.
DEFAULT_VERSION=4.1.0
version="${1:-${KAYAK_KAFKA_VERSION:-$DEFAULT_VERSION}}"
cache="${KAYAK_KAFKA_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/kayak}"
dir="$cache/kafka-$version"
# The marker is written last, so an interrupted download is resumed rather than trusted.
if [ -f "$dir/.complete" ]; then
  echo "$dir"
  exit 0
fi
command -v mvn >/dev/null || { echo "kafka-reference: mvn not found (apt-get install maven default-jdk-headless)" >&2; exit 1; }
pom="$(cd "$(dirname "$0")/.." && pwd)/test/reference/pom.xml"
mkdir -p "$dir"
mvn -B -q -f "$pom" dependency:copy-dependencies -Dkafka.version="$version" -DoutputDirectory="$dir" >&2
touch "$dir/.complete"
echo "$dir"
