/**
 * connections.max.idle.ms, max.connections, max.connections.per.ip and its overrides, against
 * a real broker process: idle connections and never-finished frames are closed, active ones are
 * not, and connections beyond a limit are closed at once while the others keep working.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import tls from 'node:tls';
import { makeTestCerts } from '../helpers/certs.ts';
import { startBroker, removeDir, type BrokerProcess } from '../helpers/broker-process.ts';
import { RawClient } from '../helpers/raw-client.ts';
import { encodeApiVersionsRequest, defaultApiVersionsRequest } from '../../broker/protocol/messages/api-versions-request.ts';
import { decodeApiVersionsResponse } from '../../broker/protocol/messages/api-versions-response.ts';
import { closedWithin, connect, sleep } from './hostile-helpers.ts';

// Long enough that a busy machine stalling the broker for a moment does not close the active connection.
const IDLE_MS = 3000;
let broker: BrokerProcess;

before(async () => {
  broker = await startBroker({
    config: {
      'connections.max.idle.ms': String(IDLE_MS),
      'max.connections': '6',
      'max.connections.per.ip': '4',
      'max.connections.per.ip.overrides': '127.0.0.3:0',
    },
  });
});

after(async () => {
  await broker.stop();
  removeDir(broker.dataDir);
});

const apiVersions = (client: RawClient) => client.request(18, 0, encodeApiVersionsRequest, defaultApiVersionsRequest(), decodeApiVersionsResponse);

test('connections.max.idle.ms closes silent connections and never-finished frames, not active ones', async () => {
  const silent = await connect(broker.port);
  const partial = await connect(broker.port);
  const size = Buffer.alloc(4);
  size.writeInt32BE(1000);
  partial.write(Buffer.concat([size, Buffer.alloc(10)])); // 10 of 1,000 announced bytes, then nothing
  const active = await RawClient.connect(broker.port);
  const activeClosed = active.closed.then(() => true);
  // Requests every 300 ms for twice the idle time keep a connection open.
  for (let i = 0; i < (2 * IDLE_MS) / 300; i++) {
    assert.equal((await apiVersions(active)).errorCode, 0);
    await sleep(300);
  }
  assert.equal(await Promise.race([activeClosed, Promise.resolve(false)]), false, 'an active connection stays open');
  active.close();
  assert.equal(await closedWithin(silent, 20_000), true, 'a silent connection is closed');
  assert.equal(await closedWithin(partial, 20_000), true, 'a connection holding an unfinished frame is closed');
  assert.match(broker.output(), /idle for connections\.max\.idle\.ms/);
});

test('max.connections.per.ip, its overrides and max.connections close new connections at once', async () => {
  const clients: RawClient[] = [];
  try {
    for (let i = 0; i < 4; i++) clients.push(await RawClient.connect(broker.port, '127.0.0.1'));
    for (const c of clients) assert.equal((await apiVersions(c)).errorCode, 0);
    // A fifth from 127.0.0.1 is over max.connections.per.ip=4.
    assert.equal(await closedWithin(await connect(broker.port, '127.0.0.1'), 10_000), true, 'the fifth connection from one IP is closed');
    // 127.0.0.3 has an override of 0 connections.
    assert.equal(await closedWithin(await connect(broker.port, '127.0.0.3'), 10_000), true, 'an IP overridden to 0 is refused');
    // Another IP may open two more: the broker is then at max.connections=6.
    for (let i = 0; i < 2; i++) clients.push(await RawClient.connect(broker.port, '127.0.0.2'));
    for (const c of clients) assert.equal((await apiVersions(c)).errorCode, 0);
    assert.equal(await closedWithin(await connect(broker.port, '127.0.0.2'), 10_000), true, 'a seventh connection is over max.connections');
    // Closing one frees its slot.
    clients.shift()?.close();
    await sleep(200);
    const again = await RawClient.connect(broker.port, '127.0.0.1');
    clients.push(again);
    assert.equal((await apiVersions(again)).errorCode, 0);
    assert.match(broker.output(), /refusing connection from 127\.0\.0\.1: .*max\.connections\.per\.ip 4/);
  } finally {
    for (const c of clients) c.close();
  }
});

test('on a TLS listener the limits count connections before the handshake', async () => {
  const certs = makeTestCerts();
  const own = await startBroker({
    args: ['--listeners', 'SSL://127.0.0.1:0', '--tls-cert', certs.certFile, '--tls-key', certs.keyFile],
    config: { 'max.connections.per.ip': '2' },
  });
  try {
    // Two TCP connections that never start a handshake use up the IP's slots.
    const silent = [await connect(own.port), await connect(own.port)];
    assert.equal(await closedWithin(await connect(own.port), 10_000), true, 'a third connection is closed before any handshake');
    silent[0]?.destroy();
    await sleep(200);
    // A freed slot takes a real TLS client again; the other silent one is still counted.
    const secured = await new Promise<boolean>((resolve) => {
      const socket = tls.connect({ port: own.port, host: '127.0.0.1', ca: certs.ca, servername: 'localhost' }, () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    assert.equal(secured, true);
    silent[1]?.destroy();
  } finally {
    await own.stop();
    removeDir(own.dataDir);
    removeDir(certs.dir);
  }
});
