/**
 * Kafka client properties → security settings: Java and librdkafka spellings, JAAS lines,
 * ${env:…} references, inference of security.protocol, and errors that never quote a value.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ConfigError, describeSecurity, interpolateEnv, parseProperties, securityFromProperties } from '../../lib/server/kafka-properties.ts';

const from = (text: string) => securityFromProperties(parseProperties(text), 'test');

describe('kafka client properties', () => {
  test('parses comments, separators, continuations and escapes', () => {
    const props = parseProperties(
      ['# comment', '! also a comment', 'a=1', 'b : two words ', 'c three', 'd=x\\', '   y', 'e=tab\\there', 'f\\=g=h', 'empty='].join('\n'),
    );
    assert.deepEqual(props, { a: '1', b: 'two words', c: 'three', d: 'xy', e: 'tab\there', 'f=g': 'h', empty: '' });
  });

  test('Java SASL_SSL with a SCRAM JAAS line and a PEM truststore', () => {
    const s = from(
      [
        'security.protocol=SASL_SSL',
        'sasl.mechanism=SCRAM-SHA-512',
        'sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="kayak" password="p\\\\"w;d";',
        'ssl.truststore.type=PEM',
        'ssl.truststore.location=/etc/ca.pem',
        'ssl.endpoint.identification.algorithm=',
      ].join('\n'),
    );
    assert.deepEqual(s.sasl, { mechanism: 'SCRAM-SHA-512', username: 'kayak', password: 'p"w;d' });
    assert.deepEqual(s.tls?.ca, { file: '/etc/ca.pem' });
    assert.equal(s.tls?.checkHostname, false);
    assert.equal(s.tls?.verify, true);
    assert.equal(describeSecurity(s), 'SASL_SSL, SCRAM-SHA-512, host name check off');
  });

  test('librdkafka names, and PLAIN from the Plain login module', () => {
    const s = from(
      'security.protocol=sasl_ssl\nsasl.mechanisms=scram-sha-256\nsasl.username=u\nsasl.password=p\nssl.ca.location=/ca.pem\nssl.certificate.location=/c.pem\nssl.key.location=/k.pem\nssl.key.password=kp',
    );
    assert.equal(s.protocol, 'SASL_SSL');
    assert.equal(s.sasl?.mechanism, 'SCRAM-SHA-256');
    assert.deepEqual([s.tls?.cert, s.tls?.key, s.tls?.keyPassword], [{ file: '/c.pem' }, { file: '/k.pem' }, 'kp']);
    const plain = from(
      'security.protocol=SASL_PLAINTEXT\nsasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username=u password=p;',
    );
    assert.deepEqual(plain.sasl, { mechanism: 'PLAIN', username: 'u', password: 'p' });
    assert.equal(plain.tls, undefined);
  });

  test('security.protocol is inferred when missing', () => {
    assert.equal(from('').protocol, 'PLAINTEXT');
    assert.equal(from('ssl.ca.location=/ca.pem').protocol, 'SSL');
    assert.equal(from('sasl.username=u\nsasl.password=p').protocol, 'SASL_PLAINTEXT');
    assert.equal(from('sasl.username=u\nsasl.password=p\nssl.ca.location=/ca.pem').protocol, 'SASL_SSL');
    const insecure = from('enable.ssl.certificate.verification=false');
    assert.equal(insecure.protocol, 'SSL');
    assert.equal(insecure.tls?.verify, false);
  });

  test('${env:NAME} takes a value from the environment', () => {
    const props = interpolateEnv({ 'sasl.password': '${env:PW}', other: 'a${env:X}b' }, { PW: 's3cret', X: '-' }, 'test');
    assert.deepEqual(props, { 'sasl.password': 's3cret', other: 'a-b' });
    assert.throws(() => interpolateEnv({ 'sasl.password': '${env:MISSING}' }, {}, 'test'), /MISSING.*not set/);
  });

  test('unsupported or incomplete settings are config errors that quote no value', () => {
    const cases: [string, RegExp][] = [
      ['security.protocol=SASL_SSL\nsasl.mechanism=GSSAPI\nsasl.username=u\nsasl.password=hunter2', /GSSAPI is not supported/],
      ['security.protocol=SASL_SSL\nsasl.password=hunter2', /needs a username and password/],
      ['security.protocol=TLS', /must be one of/],
      ['ssl.truststore.location=/x.jks\nsasl.password=hunter2', /JKS\/PKCS12\) are not supported/],
      ['security.protocol=SSL\nssl.certificate.location=/c.pem', /both ssl\.certificate\.location and ssl\.key\.location/],
      [
        'security.protocol=SASL_SSL\nsasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="u" password="hunter2";',
        /needs sasl\.mechanism=SCRAM/,
      ],
      ['security.protocol=SASL_SSL\nsasl.jaas.config=username="u" password="hunter2"', /not a JAAS login module line/],
    ];
    for (const [text, message] of cases) {
      assert.throws(
        () => from(text),
        (e: unknown) => {
          assert.ok(e instanceof ConfigError);
          assert.match(e.message, message);
          assert.ok(!e.message.includes('hunter2'), e.message);
          return true;
        },
      );
    }
  });
});
