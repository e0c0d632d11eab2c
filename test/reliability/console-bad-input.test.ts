import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Kafka, logLevel } from 'kafkajs';
import { rawRequest, type RawInit } from '../helpers/raw-http.ts';
import { randomName, startStack, type Stack } from '../console/stack.ts';

/**
 * The console's bad-input matrix: every API route fed malformed JSON, the wrong content type,
 * oversized bodies, bad parameters, unknown topics/groups/partitions, out-of-range numbers,
 * hostile names, cross-origin writes and foreign Host headers. Each case checks the status,
 * that the JSON error names the problem, and that the cluster did not change.
 */
let stack: Stack;
const topic = randomName('matrix');
const group = randomName('matrix-group');
const json = { 'content-type': 'application/json' };
const MiB = 1024 * 1024;

interface Case {
  name: string;
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: RawInit['body'] | object;
  status: number;
  code?: string;
  /** the error message must match (names the field or the reason) */
  says: RegExp;
}

/** What a refused request must not change: topics, end offsets, the group's offsets, overrides. */
async function snapshot(): Promise<string> {
  const topics = await stack.api('/api/topics');
  const detail = await stack.api(`/api/topics/${topic}`);
  const groupDetail = await stack.api(`/api/groups/${group}`);
  const configs = await stack.api(`/api/topics/${topic}/configs`);
  return JSON.stringify({
    topics: (topics.body as { name: string }[]).map((t) => t.name).sort(),
    partitions: (detail.body.partitions as { partition: number; endOffset?: string; highWatermark?: string }[]).map((p) => [p.partition, p.endOffset ?? p.highWatermark]),
    offsets: (groupDetail.body.offsets as { topic: string; partition: number; committedOffset: string }[]).map((o) => [o.topic, o.partition, o.committedOffset]),
    overrides: (configs.body as { name: string; value: string; source: string }[]).filter((c) => c.source === 'topic').map((c) => [c.name, c.value]),
  });
}

const evil = { origin: 'http://evil.example' };
const T = () => `/api/topics/${topic}`;
const G = () => `/api/groups/${group}`;

const cases: Case[] = [
  // Malformed JSON
  { name: 'create topic: broken JSON', method: 'POST', path: '/api/topics', headers: json, body: '{"name":', status: 400, code: 'bad_request', says: /valid JSON/ },
  { name: 'alter configs: broken JSON', method: 'PATCH', path: `${T()}/configs`, headers: json, body: '{set:1}', status: 400, code: 'bad_request', says: /valid JSON/ },
  { name: 'add partitions: broken JSON', method: 'POST', path: `${T()}/partitions`, headers: json, body: '[', status: 400, code: 'bad_request', says: /valid JSON/ },
  { name: 'produce: broken JSON', method: 'POST', path: `${T()}/produce`, headers: json, body: '{"value":"x"', status: 400, code: 'bad_request', says: /valid JSON/ },
  { name: 'reset preview: broken JSON', method: 'POST', path: `${G()}/reset-offsets/preview`, headers: json, body: 'nope', status: 400, code: 'bad_request', says: /valid JSON/ },
  { name: 'reset apply: broken JSON', method: 'POST', path: `${G()}/reset-offsets`, headers: json, body: "{'offsets':[]}", status: 400, code: 'bad_request', says: /valid JSON/ },
  // Wrong content type (same origin or no origin at all)
  { name: 'create topic: text/plain', method: 'POST', path: '/api/topics', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ name: randomName('x'), partitions: 1, replicationFactor: 1 }), status: 415, code: 'unsupported_media_type', says: /application\/json/ },
  { name: 'create topic: form-urlencoded', method: 'POST', path: '/api/topics', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'name=x&partitions=1', status: 415, code: 'unsupported_media_type', says: /Content-Type/ },
  { name: 'create topic: multipart', method: 'POST', path: '/api/topics', headers: { 'content-type': 'multipart/form-data; boundary=b' }, body: '--b\r\n\r\nx\r\n--b--', status: 415, code: 'unsupported_media_type', says: /Content-Type/ },
  { name: 'create topic: no content type', method: 'POST', path: '/api/topics', body: '{"name":"x","partitions":1,"replicationFactor":1}', status: 415, code: 'unsupported_media_type', says: /got none/ },
  { name: 'produce: text/plain', method: 'POST', path: `${T()}/produce`, headers: { 'content-type': 'text/plain;charset=UTF-8' }, body: '{"value":"x"}', status: 415, code: 'unsupported_media_type', says: /application\/json/ },
  { name: 'reset apply: text/plain', method: 'POST', path: `${G()}/reset-offsets`, headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ offsets: [{ topic, partition: 0, offset: '0' }] }), status: 415, code: 'unsupported_media_type', says: /application\/json/ },
  { name: 'alter configs: text/plain', method: 'PATCH', path: `${T()}/configs`, headers: { 'content-type': 'text/plain' }, body: '{"set":{"retention.ms":"1"}}', status: 415, code: 'unsupported_media_type', says: /application\/json/ },
  { name: 'add partitions: text/plain', method: 'POST', path: `${T()}/partitions`, headers: { 'content-type': 'text/plain' }, body: '{"count":5}', status: 415, code: 'unsupported_media_type', says: /application\/json/ },
  // Cross-origin writes
  { name: 'create topic from another origin', method: 'POST', path: '/api/topics', headers: { ...json, ...evil }, body: { name: randomName('x'), partitions: 1, replicationFactor: 1 }, status: 403, code: 'forbidden', says: /Cross-origin.*evil\.example/ },
  { name: 'delete topic from another origin', method: 'DELETE', path: T(), headers: evil, status: 403, code: 'forbidden', says: /Cross-origin/ },
  { name: 'delete group from another origin', method: 'DELETE', path: G(), headers: evil, status: 403, code: 'forbidden', says: /Cross-origin/ },
  { name: 'delete group offsets from another origin', method: 'DELETE', path: `${G()}/offsets?topic=${topic}`, headers: evil, status: 403, code: 'forbidden', says: /Cross-origin/ },
  { name: 'reset offsets from another port on the same host', method: 'POST', path: `${G()}/reset-offsets`, headers: { ...json, origin: 'http://127.0.0.1:1' }, body: { offsets: [{ topic, partition: 0, offset: '0' }] }, status: 403, code: 'forbidden', says: /127\.0\.0\.1:1/ },
  { name: 'produce from another origin (text/plain form)', method: 'POST', path: `${T()}/produce`, headers: { 'content-type': 'text/plain', ...evil }, body: '{"value":"x"}', status: 403, code: 'forbidden', says: /Cross-origin/ },
  { name: 'alter configs from a null origin', method: 'PATCH', path: `${T()}/configs`, headers: { ...json, origin: 'null' }, body: { set: { 'retention.ms': '1' } }, status: 403, code: 'forbidden', says: /"null"/ },
  { name: 'add partitions marked cross-site', method: 'POST', path: `${T()}/partitions`, headers: { ...json, 'sec-fetch-site': 'cross-site' }, body: { count: 5 }, status: 403, code: 'forbidden', says: /cross-site/ },
  { name: 'add partitions marked same-site', method: 'POST', path: `${T()}/partitions`, headers: { ...json, 'sec-fetch-site': 'same-site' }, body: { count: 5 }, status: 403, code: 'forbidden', says: /same-site/ },
  { name: 'create topic from a look-alike origin', method: 'POST', path: '/api/topics', headers: { ...json, origin: 'http://127.0.0.1.evil.example' }, body: { name: randomName('x'), partitions: 1, replicationFactor: 1 }, status: 403, code: 'forbidden', says: /Cross-origin/ },
  // Foreign Host headers (DNS rebinding)
  { name: 'read topics through a rebinding name', path: '/api/topics', headers: { host: 'evil.example' }, status: 421, code: 'host_not_allowed', says: /evil\.example.*KAYAK_ALLOWED_HOSTS/ },
  { name: 'write through a rebinding name with a matching origin', method: 'POST', path: '/api/topics', headers: { ...json, host: 'evil.example:9000', origin: 'http://evil.example:9000' }, body: { name: randomName('x'), partitions: 1, replicationFactor: 1 }, status: 421, code: 'host_not_allowed', says: /evil\.example/ },
  { name: 'a name that only starts with localhost', path: '/api/groups', headers: { host: 'localhost.evil.example' }, status: 421, code: 'host_not_allowed', says: /localhost\.evil\.example/ },
  { name: 'a wildcard DNS name for 127.0.0.1', path: `${T()}/configs`, headers: { host: '127.0.0.1.nip.io' }, status: 421, code: 'host_not_allowed', says: /nip\.io/ },
  { name: 'delete a topic through a rebinding name', method: 'DELETE', path: T(), headers: { host: 'evil.example' }, status: 421, code: 'host_not_allowed', says: /evil\.example/ },
  // Oversized bodies
  { name: 'create topic: 2 MiB body', method: 'POST', path: '/api/topics', headers: json, body: JSON.stringify({ name: 'x', pad: 'a'.repeat(2 * MiB) }), status: 413, code: 'payload_too_large', says: /1 MiB/ },
  { name: 'reset apply: 2 MiB body', method: 'POST', path: `${G()}/reset-offsets`, headers: json, body: ' '.repeat(2 * MiB), status: 413, code: 'payload_too_large', says: /KAYAK_MAX_BODY_BYTES/ },
  { name: 'create topic: 3 MiB chunked body (no length)', method: 'POST', path: '/api/topics', headers: json, body: { chunked: 3 * MiB }, status: 411, code: 'length_required', says: /Content-Length/ },
  { name: 'create topic: 100-byte chunked body (no length)', method: 'POST', path: '/api/topics', headers: json, body: { chunked: 100 }, status: 411, code: 'length_required', says: /Content-Length/ },
  { name: 'produce: 20 MiB body', method: 'POST', path: `${T()}/produce`, headers: json, body: JSON.stringify({ value: 'a'.repeat(20 * MiB) }), status: 413, code: 'payload_too_large', says: /larger than/ },
  { name: 'produce: 5 MiB chunked body', method: 'POST', path: `${T()}/produce`, headers: json, body: { chunked: 5 * MiB }, status: 411, code: 'length_required', says: /chunked/ },
  { name: 'reset preview: 2 MiB of JSON whitespace', method: 'POST', path: `${G()}/reset-offsets/preview`, headers: json, body: `${' '.repeat(2 * MiB)}{}`, status: 413, code: 'payload_too_large', says: /larger than/ },
  // Bad parameters and out-of-range numbers
  { name: 'create topic: 0 partitions', method: 'POST', path: '/api/topics', headers: json, body: { name: randomName('x'), partitions: 0, replicationFactor: 1 }, status: 400, code: 'bad_request', says: /partition/i },
  { name: 'create topic: partitions as text', method: 'POST', path: '/api/topics', headers: json, body: { name: randomName('x'), partitions: 'three', replicationFactor: 1 }, status: 400, code: 'bad_request', says: /partitions/i },
  { name: 'create topic: a million partitions', method: 'POST', path: '/api/topics', headers: json, body: { name: randomName('x'), partitions: 1e6, replicationFactor: 1 }, status: 400, code: 'bad_request', says: /10000 partitions/ },
  { name: 'create topic: replication factor 0', method: 'POST', path: '/api/topics', headers: json, body: { name: randomName('x'), partitions: 1, replicationFactor: 0 }, status: 400, code: 'bad_request', says: /Replication factor/ },
  { name: 'create topic: name ".."', method: 'POST', path: '/api/topics', headers: json, body: { name: '..', partitions: 1, replicationFactor: 1 }, status: 400, code: 'bad_request', says: /Topic name/ },
  { name: 'create topic: 250-character name', method: 'POST', path: '/api/topics', headers: json, body: { name: 'a'.repeat(250), partitions: 1, replicationFactor: 1 }, status: 400, code: 'bad_request', says: /249/ },
  { name: 'create topic: config name with spaces', method: 'POST', path: '/api/topics', headers: json, body: { name: randomName('x'), partitions: 1, replicationFactor: 1, configs: { 'BAD NAME': '1' } }, status: 400, code: 'bad_request', says: /configs\.BAD NAME: Config names/ },
  { name: 'create topic: body is an array', method: 'POST', path: '/api/topics', headers: json, body: [1, 2], status: 400, code: 'bad_request', says: /.+/ },
  { name: 'add partitions: count 0', method: 'POST', path: `${T()}/partitions`, headers: json, body: { count: 0 }, status: 400, code: 'bad_request', says: /.+/ },
  { name: 'add partitions: fewer than now', method: 'POST', path: `${T()}/partitions`, headers: json, body: { count: 1 }, status: 400, code: 'bad_request', says: /partition/i },
  { name: 'alter configs: value not a string', method: 'PATCH', path: `${T()}/configs`, headers: json, body: { set: { 'retention.ms': 5 } }, status: 400, code: 'bad_request', says: /retention\.ms/ },
  { name: 'alter configs: unknown config', method: 'PATCH', path: `${T()}/configs`, headers: json, body: { set: { 'no.such.config': '1' } }, status: 400, code: 'bad_request', says: /no\.such\.config/ },
  { name: 'alter configs: invalid value', method: 'PATCH', path: `${T()}/configs`, headers: json, body: { set: { 'retention.ms': 'soon' } }, status: 400, code: 'bad_request', says: /retention\.ms.*soon/ },
  { name: 'messages: partition -1', path: `${T()}/messages?partition=-1`, status: 400, code: 'bad_request', says: /partition/i },
  { name: 'messages: offset "abc"', path: `${T()}/messages?offset=abc`, status: 400, code: 'bad_request', says: /offset/i },
  { name: 'messages: offset beyond int64', path: `${T()}/messages?offset=9999999999999999999`, status: 400, code: 'bad_request', says: /offset/i },
  { name: 'messages: count 5000', path: `${T()}/messages?count=5000`, status: 400, code: 'bad_request', says: /count/i },
  { name: 'messages: format xml', path: `${T()}/messages?format=xml`, status: 400, code: 'bad_request', says: /format/i },
  { name: 'messages: timestamp "yesterday"', path: `${T()}/messages?timestamp=yesterday`, status: 400, code: 'bad_request', says: /timestamp/i },
  { name: 'messages: export pdf', path: `${T()}/messages?export=pdf`, status: 400, code: 'bad_request', says: /export/ },
  { name: 'messages: bad cursor', path: `${T()}/messages?partition=all&cursor=x`, status: 400, code: 'bad_request', says: /cursor/i },
  { name: 'messages: isolation serializable', path: `${T()}/messages?isolation=serializable`, status: 400, code: 'bad_request', says: /isolation/ },
  { name: 'tail: isolation 1', path: `${T()}/tail?isolation=1`, status: 400, code: 'bad_request', says: /isolation/ },
  { name: 'search: no criterion', path: `${T()}/search`, status: 400, code: 'bad_request', says: /criterion/ },
  { name: 'search: backreference regex', path: `${T()}/search?value=${encodeURIComponent('(a)\\1')}&valueMatch=regex`, status: 400, code: 'bad_request', says: /value:.*regular expression/ },
  { name: 'search: lookahead regex', path: `${T()}/search?key=${encodeURIComponent('a(?=b)')}&keyMatch=regex`, status: 400, code: 'bad_request', says: /key:.*regular expression/ },
  { name: 'search: unbalanced regex', path: `${T()}/search?headerName=h&headerValue=${encodeURIComponent('(')}&headerValueMatch=regex`, status: 400, code: 'bad_request', says: /headerValue:/ },
  { name: 'search: bad expression', path: `${T()}/search?expr=${encodeURIComponent('value ==')}`, status: 400, code: 'bad_request', says: /expression/i },
  { name: 'search: lookbehind in ~=', path: `${T()}/search?expr=${encodeURIComponent('valueText ~= "(?<=a)b"')}`, status: 400, code: 'bad_request', says: /expr:.*regular expression/ },
  { name: 'search: maxSeconds 0', path: `${T()}/search?value=a&maxSeconds=0`, status: 400, code: 'bad_request', says: /maxSeconds/ },
  { name: 'search: unknown match op', path: `${T()}/search?value=a&valueMatch=glob`, status: 400, code: 'bad_request', says: /Match must be/ },
  { name: 'tail: partition "x"', path: `${T()}/tail?partition=x`, status: 400, code: 'bad_request', says: /partition/i },
  { name: 'any route: bad cluster id', path: `/api/topics?cluster=${encodeURIComponent('../../etc')}`, status: 400, code: 'bad_request', says: /cluster/i },
  { name: 'reset preview: unknown strategy', method: 'POST', path: `${G()}/reset-offsets/preview`, headers: json, body: { strategy: { type: 'sideways' } }, status: 400, code: 'bad_request', says: /.+/ },
  { name: 'reset preview: partition out of int32 range', method: 'POST', path: `${G()}/reset-offsets/preview`, headers: json, body: { strategy: { type: 'earliest' }, topic, partition: 2 ** 31 }, status: 400, code: 'bad_request', says: /Partition/ },
  { name: 'reset apply: offset beyond int64', method: 'POST', path: `${G()}/reset-offsets`, headers: json, body: { offsets: [{ topic, partition: 0, offset: '99999999999999999999' }] }, status: 400, code: 'bad_request', says: /offset/i },
  { name: 'reset apply: offset just past int64', method: 'POST', path: `${G()}/reset-offsets`, headers: json, body: { offsets: [{ topic, partition: 0, offset: '9223372036854775808' }] }, status: 400, code: 'bad_request', says: /64-bit/ },
  { name: 'reset apply: negative partition', method: 'POST', path: `${G()}/reset-offsets`, headers: json, body: { offsets: [{ topic, partition: -1, offset: '0' }] }, status: 400, code: 'bad_request', says: /Partition/ },
  { name: 'reset apply: offsets not an array', method: 'POST', path: `${G()}/reset-offsets`, headers: json, body: { offsets: 'all' }, status: 400, code: 'bad_request', says: /offsets/ },
  { name: 'reset shift: not a number', method: 'POST', path: `${G()}/reset-offsets/preview`, headers: json, body: { strategy: { type: 'shift', by: '1e3' } }, status: 400, code: 'bad_request', says: /whole number/ },
  { name: 'group id longer than 255', path: `/api/groups/${'g'.repeat(300)}`, status: 400, code: 'bad_request', says: /255/ },
  { name: 'produce: partition -1', method: 'POST', path: `${T()}/produce`, headers: json, body: { value: 'x', partition: -1 }, status: 400, code: 'bad_request', says: /Partition/ },
  { name: 'produce: unknown value format', method: 'POST', path: `${T()}/produce`, headers: json, body: { value: 'x', valueFormat: 'xml' }, status: 400, code: 'bad_request', says: /valueFormat|Invalid/ },
  { name: 'produce: invalid JSON value', method: 'POST', path: `${T()}/produce`, headers: json, body: { value: '{', valueFormat: 'json' }, status: 400, code: 'bad_request', says: /Value is not valid JSON/ },
  { name: 'produce: invalid base64 key', method: 'POST', path: `${T()}/produce`, headers: json, body: { key: '***', keyFormat: 'base64' }, status: 400, code: 'bad_request', says: /Key is not valid base64/ },
  { name: 'produce: headers not a list', method: 'POST', path: `${T()}/produce`, headers: json, body: { value: 'x', headers: 'h=1' }, status: 400, code: 'bad_request', says: /headers/ },
  // ACLs
  { name: 'create ACL: broken JSON', method: 'POST', path: '/api/acls', headers: json, body: '{"principal"', status: 400, code: 'bad_request', says: /valid JSON/ },
  { name: 'create ACL: text/plain', method: 'POST', path: '/api/acls', headers: { 'content-type': 'text/plain' }, body: '{}', status: 415, code: 'unsupported_media_type', says: /application\/json/ },
  { name: 'delete ACL from another origin', method: 'DELETE', path: '/api/acls', headers: { ...json, ...evil }, body: '{}', status: 403, code: 'forbidden', says: /Cross-origin/ },
  { name: 'create ACL: 2 MiB body', method: 'POST', path: '/api/acls', headers: json, body: `{"p":"${'a'.repeat(2 * MiB)}"}`, status: 413, code: 'payload_too_large', says: /1 MiB/ },
  { name: 'list ACLs through a rebinding name', path: '/api/acls', headers: { host: 'evil.example' }, status: 421, code: 'host_not_allowed', says: /evil\.example/ },
  // Broker ids: not a number, negative, beyond INT32, and one the cluster does not list
  { name: 'broker id that is not a number', path: '/api/brokers/one', status: 400, code: 'bad_request', says: /Broker id must be a whole number/ },
  { name: 'negative broker id', path: '/api/brokers/-1', status: 400, code: 'bad_request', says: /Broker id/ },
  { name: 'broker id beyond INT32', path: '/api/brokers/2147483648', status: 400, code: 'bad_request', says: /at most 2147483647/ },
  { name: 'unknown broker', path: '/api/brokers/77', status: 404, code: 'not_found', says: /Broker 77 is not in cluster/ },
  { name: 'brokers through a rebinding name', path: '/api/brokers', headers: { host: 'evil.example' }, status: 421, code: 'host_not_allowed', says: /evil\.example/ },
  // Diff and key history
  { name: 'diff: no records', path: `${T()}/diff`, status: 400, code: 'bad_request', says: /a=<partition>:<offset>/ },
  { name: 'diff: only a', path: `${T()}/diff?a=0:0`, status: 400, code: 'bad_request', says: /both records/ },
  { name: 'diff: offset not a number', path: `${T()}/diff?a=0:x&b=0:0`, status: 400, code: 'bad_request', says: /a:.*<partition>:<offset>/ },
  { name: 'diff: negative offset', path: `${T()}/diff?a=0:-1&b=0:0`, status: 400, code: 'bad_request', says: /a:/ },
  { name: 'diff: offset beyond 64 bits', path: `${T()}/diff?a=0:0&b=0:9223372036854775808`, status: 400, code: 'bad_request', says: /b:.*64-bit/ },
  { name: 'diff: hostile topic in b', path: `${T()}/diff?a=0:0&b=${encodeURIComponent('../x:0:0')}`, status: 400, code: 'bad_request', says: /b:/ },
  { name: 'diff: unknown format', path: `${T()}/diff?a=0:0&b=0:1&format=yaml`, status: 400, code: 'bad_request', says: /Format must be/ },
  { name: 'diff: protobuf without a type', path: `${T()}/diff?a=0:0&b=0:1&format=protobuf`, status: 400, code: 'bad_request', says: /protoType/ },
  { name: 'diff: offset past the end', path: `${T()}/diff?a=0:0&b=0:99999`, status: 404, code: 'not_found', says: /past the end/ },
  { name: 'diff: partition 99', path: `${T()}/diff?a=99:0&b=0:0`, status: 404, code: 'not_found', says: /partition 99/ },
  { name: 'diff: b in an unknown topic', path: `${T()}/diff?a=0:0&b=no-such-topic-matrix:0:0`, status: 404, code: 'not_found', says: /no-such-topic-matrix/ },
  { name: 'diff in an unknown topic', path: '/api/topics/no-such-topic-matrix/diff?a=0:0&b=0:1', status: 404, code: 'not_found', says: /no-such-topic-matrix/ },
  { name: 'key history: no key', path: `${T()}/key-history`, status: 400, code: 'bad_request', says: /Give the key/ },
  { name: 'key history: bad hex key', path: `${T()}/key-history?key=zz&keyEncoding=hex`, status: 400, code: 'bad_request', says: /not valid hex/ },
  { name: 'key history: bad base64 key', path: `${T()}/key-history?key=${encodeURIComponent('!!')}&keyEncoding=base64`, status: 400, code: 'bad_request', says: /not valid base64/ },
  { name: 'key history: unknown key encoding', path: `${T()}/key-history?key=a&keyEncoding=ebcdic`, status: 400, code: 'bad_request', says: /keyEncoding must be/ },
  { name: 'key history: versions 0', path: `${T()}/key-history?key=a&versions=0`, status: 400, code: 'bad_request', says: /versions must be between/ },
  { name: 'key history: versions too many', path: `${T()}/key-history?key=a&versions=201`, status: 400, code: 'bad_request', says: /versions must be between/ },
  { name: 'key history: maxRecords too large', path: `${T()}/key-history?key=a&maxRecords=99999999999`, status: 400, code: 'bad_request', says: /maxRecords/ },
  { name: 'key history: bad cursor', path: `${T()}/key-history?key=a&before=0-5`, status: 400, code: 'bad_request', says: /Cursor must look like/ },
  { name: 'key history: cursor of another partition', path: `${T()}/key-history?key=a&partition=0&before=1:5`, status: 400, code: 'bad_request', says: /partition 1/ },
  { name: 'key history: partition 99', path: `${T()}/key-history?key=a&partition=99`, status: 404, code: 'not_found', says: /partition 99/ },
  { name: 'key history: negative partition', path: `${T()}/key-history?key=a&partition=-1`, status: 400, code: 'bad_request', says: /Partition must be/ },
  { name: 'key history of an unknown topic', path: '/api/topics/no-such-topic-matrix/key-history?key=a', status: 404, code: 'not_found', says: /no-such-topic-matrix/ },
  // Unknown topics, groups and partitions
  { name: 'describe an unknown topic', path: '/api/topics/no-such-topic-matrix', status: 404, code: 'not_found', says: /no-such-topic-matrix/ },
  { name: 'delete an unknown topic', method: 'DELETE', path: '/api/topics/no-such-topic-matrix', status: 404, code: 'not_found', says: /.+/ },
  { name: 'configs of an unknown topic', path: '/api/topics/no-such-topic-matrix/configs', status: 404, code: 'not_found', says: /no-such-topic-matrix/ },
  { name: 'produce to an unknown topic', method: 'POST', path: '/api/topics/no-such-topic-matrix/produce', headers: json, body: { value: 'x' }, status: 404, code: 'not_found', says: /no-such-topic-matrix/ },
  { name: 'messages of an unknown topic', path: '/api/topics/no-such-topic-matrix/messages', status: 404, code: 'not_found', says: /no-such-topic-matrix/ },
  { name: 'search an unknown topic', path: '/api/topics/no-such-topic-matrix/search?value=a', status: 404, code: 'not_found', says: /no-such-topic-matrix/ },
  { name: 'tail an unknown topic', path: '/api/topics/no-such-topic-matrix/tail', status: 404, code: 'not_found', says: /no-such-topic-matrix/ },
  { name: 'producers of an unknown topic', path: '/api/topics/no-such-topic-matrix/producers', status: 404, code: 'not_found', says: /no-such-topic-matrix/ },
  { name: 'add partitions to an unknown topic', method: 'POST', path: '/api/topics/no-such-topic-matrix/partitions', headers: json, body: { count: 3 }, status: 404, code: 'not_found', says: /.+/ },
  { name: 'messages of partition 99', path: `${T()}/messages?partition=99`, status: 404, code: 'not_found', says: /partition 99/ },
  { name: 'search partition 99', path: `${T()}/search?value=a&partition=99`, status: 404, code: 'not_found', says: /partition 99/ },
  { name: 'produce to partition 99', method: 'POST', path: `${T()}/produce`, headers: json, body: { value: 'x', partition: 99 }, status: 400, code: 'bad_request', says: /partition 99/ },
  { name: 'reset a partition that does not exist', method: 'POST', path: `${G()}/reset-offsets`, headers: json, body: { offsets: [{ topic, partition: 99, offset: '0' }] }, status: 404, code: 'not_found', says: /partition 99/ },
  { name: 'preview a partition that does not exist', method: 'POST', path: `${G()}/reset-offsets/preview`, headers: json, body: { strategy: { type: 'earliest' }, topic, partition: 99 }, status: 404, code: 'not_found', says: /partition 99/ },
  { name: 'reset onto an unknown topic', method: 'POST', path: `${G()}/reset-offsets`, headers: json, body: { offsets: [{ topic: 'no-such-topic-matrix', partition: 0, offset: '0' }] }, status: 404, code: 'not_found', says: /no-such-topic-matrix/ },
  { name: 'delete an unknown group', method: 'DELETE', path: '/api/groups/no-such-group-matrix', status: 404, code: 'not_found', says: /.+/ },
  { name: "delete a group's offsets on an unknown topic", method: 'DELETE', path: `${G()}/offsets?topic=no-such-topic-matrix`, status: 404, code: 'not_found', says: /no-such-topic-matrix/ },
  // Hostile names
  { name: 'topic name with a path traversal', path: `/api/topics/${encodeURIComponent('../../etc/passwd')}`, status: 400, code: 'bad_request', says: /Topic name/ },
  { name: 'topic name with markup', method: 'DELETE', path: `/api/topics/${encodeURIComponent('<script>alert(1)</script>')}`, status: 400, code: 'bad_request', says: /Topic name/ },
  { name: 'topic name with a NUL byte', path: '/api/topics/a%00b/configs', status: 400, code: 'bad_request', says: /Topic name/ },
  { name: 'group name with markup', path: `/api/groups/${encodeURIComponent('<img src=x onerror=alert(1)>')}`, status: 404, code: 'not_found', says: /<img src=x/ },
  { name: 'group named "%41" is not group "A"', method: 'DELETE', path: `/api/groups/${encodeURIComponent('%41-matrix')}`, status: 404, code: 'not_found', says: /%41-matrix/ },
  { name: 'group name with a lone "%"', method: 'DELETE', path: `/api/groups/${encodeURIComponent('100%-matrix')}`, status: 404, code: 'not_found', says: /100%-matrix/ },
];

before(async () => {
  stack = await startStack();
  assert.equal((await stack.api('/api/topics', { method: 'POST', body: { name: topic, partitions: 2, replicationFactor: 1 } })).status, 201);
  const kafka = new Kafka({ clientId: 'matrix', brokers: [stack.broker], logLevel: logLevel.NOTHING });
  const producer = kafka.producer();
  await producer.connect();
  await producer.send({ topic, messages: [{ value: 'a' }, { value: 'b' }, { value: 'c' }] });
  await producer.disconnect();
  const admin = kafka.admin();
  await admin.connect();
  await admin.setOffsets({ groupId: group, topic, partitions: [{ partition: 0, offset: '1' }, { partition: 1, offset: '0' }] });
  await admin.disconnect();
});
after(async () => {
  await stack?.stop();
});

describe('Console bad-input matrix', () => {
  test(`has at least 60 cases (${cases.length})`, () => {
    assert.ok(cases.length >= 60);
  });

  for (const c of cases) {
    test(c.name, async () => {
      // Only a write could change the cluster; reads skip the (slow) before/after comparison.
      const write = c.method !== undefined && c.method !== 'GET';
      const before = write ? await snapshot() : '';
      const body = c.body === undefined || typeof c.body === 'string' || Buffer.isBuffer(c.body) || 'chunked' in (c.body as object) ? (c.body as RawInit['body']) : JSON.stringify(c.body);
      const res = await rawRequest(stack.url, c.path, { method: c.method, headers: c.headers, body });
      assert.equal(res.status, c.status, `${c.name}: ${res.text.slice(0, 500)}`);
      const error = res.json?.error;
      assert.ok(error, `${c.name}: no JSON error body: ${res.text.slice(0, 200)}`);
      if (c.code) assert.equal(error.code, c.code, c.name);
      assert.ok(typeof error.message === 'string' && error.message.length > 0, 'the message is not empty');
      assert.match(`${error.message} ${(error.details ?? []).join(' ')}`, c.says, c.name);
      if (write) assert.equal(await snapshot(), before, `${c.name}: the cluster changed`);
    });
  }

  test('the console still answers after the matrix', async () => {
    assert.equal((await stack.api('/api/ping')).status, 200);
    assert.equal((await stack.api(`/api/topics/${topic}`)).status, 200);
  });
});
