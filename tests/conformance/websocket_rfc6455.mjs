// The WebSocket layer of `subscope --headless` (RFC 6455) against npm `ws`, unmodified, and raw
// TCP sockets for what a well-behaved client never sends: the opening handshake and its refusals,
// frames pipelined with the handshake, fragmentation, ping/pong, the closing handshake in both
// directions, and protocol violations closed with their code.
//
//   node websocket_rfc6455.mjs --subscope build/bin/subscope
import { readFileSync } from 'node:fs';
import { createHash, randomBytes } from 'node:crypto';
import { connect } from 'node:net';
import { strict as assert } from 'node:assert';
import { after, before, test } from 'node:test';
import { parseArgs } from 'node:util';

import WebSocket from 'ws';

import { startHeadless } from '../support/headless_server.mjs';

const { values: options } = parseArgs({ options: { subscope: { type: 'string' } } });
if (!options.subscope) throw new Error('usage: node websocket_rfc6455.mjs --subscope PATH');

let server;
let wsUrl;
let httpUrl;

before(async () => {
  server = await startHeadless(options.subscope, ['--quiet']);
  wsUrl = server.ws;
  httpUrl = server.http;
});

after(() => server?.stop());

const url = () => new URL(wsUrl);

// A client frame (masked unless told otherwise).
function clientFrame(opcode, payload, { fin = true, mask = true } = {}) {
  const data = Buffer.from(payload);
  const head = [(fin ? 0x80 : 0) | opcode];
  if (data.length < 126) head.push((mask ? 0x80 : 0) | data.length);
  else head.push((mask ? 0x80 : 0) | 126, data.length >> 8, data.length & 0xff);
  if (!mask) return Buffer.concat([Buffer.from(head), data]);
  const key = randomBytes(4);
  const masked = Buffer.from(data.map((b, i) => b ^ key[i % 4]));
  return Buffer.concat([Buffer.from(head), key, masked]);
}

// Server frames (unmasked, unfragmented) from the bytes after the HTTP head.
function serverFrames(bytes) {
  const frames = [];
  let pos = 0;
  while (pos + 2 <= bytes.length) {
    let length = bytes[pos + 1] & 0x7f;
    let header = 2;
    if (length === 126) { length = bytes.readUInt16BE(pos + 2); header = 4; }
    if (pos + header + length > bytes.length) break;
    frames.push({ opcode: bytes[pos] & 0x0f, payload: bytes.subarray(pos + header, pos + header + length) });
    pos += header + length;
  }
  return frames;
}

// Opens a TCP connection, writes `request` (then each of `more`), and resolves with everything the
// server sent until it closed the connection, split into the HTTP head and the frames after it.
function raw(request, more = [], { timeoutMs = 3000 } = {}) {
  return new Promise((resolve, reject) => {
    const socket = connect(Number(url().port), url().hostname);
    const chunks = [];
    const started = Date.now();
    const timer = setTimeout(() => { socket.destroy(); reject(new Error('the server did not close the connection')); }, timeoutMs);
    socket.on('connect', () => { socket.write(request); for (const m of more) socket.write(m); });
    socket.on('data', (c) => chunks.push(c));
    socket.on('error', () => {});
    socket.on('close', () => {
      clearTimeout(timer);
      const all = Buffer.concat(chunks);
      const end = all.indexOf('\r\n\r\n');
      resolve({ head: all.subarray(0, end + 4).toString('latin1'), frames: serverFrames(all.subarray(end + 4)), ms: Date.now() - started });
    });
  });
}

const key = 'dGhlIHNhbXBsZSBub25jZQ==';
const handshake = (headers = {}) => {
  const all = {
    Host: url().host, Upgrade: 'websocket', Connection: 'Upgrade', 'Sec-WebSocket-Key': key,
    'Sec-WebSocket-Version': '13', 'Sec-WebSocket-Protocol': 'graphql-transport-ws', ...headers,
  };
  const lines = Object.entries(all).filter(([, v]) => v !== undefined).map(([k, v]) => `${k}: ${v}`);
  return `GET ${url().pathname} HTTP/1.1\r\n${lines.join('\r\n')}\r\n\r\n`;
};
const closeFrame = (code) => clientFrame(0x8, Buffer.from([code >> 8, code & 0xff]));

function open(protocols = ['graphql-transport-ws']) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(wsUrl, protocols);
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}
const nextMessage = (ws) => new Promise((resolve) => ws.once('message', (data) => resolve(JSON.parse(data))));
const closed = (ws) => new Promise((resolve) => {
  const started = Date.now();
  ws.once('close', (code, reason) => resolve({ code, reason: reason.toString(), ms: Date.now() - started }));
});

test('the opening handshake answers 101 with the accept key of RFC 6455 §4.2.2 and the subprotocol (W1)', async () => {
  const result = await raw(handshake(), [closeFrame(1000)]);
  assert.match(result.head, /^HTTP\/1\.1 101 Switching Protocols\r\n/);
  const accept = createHash('sha1').update(key + '258EAFA5-E914-47DA-95CA-C5AB0DC85B11').digest('base64');
  assert.equal(accept, 's3pPLMBiTxaQ9kYGzzhZRbK+xOo=');
  assert.match(result.head, new RegExp(`\r\nSec-WebSocket-Accept: ${accept.replace(/[+/]/g, '\\$&')}\r\n`, 'i'));
  assert.match(result.head, /\r\nSec-WebSocket-Protocol: graphql-transport-ws\r\n/i);
  // The client's Close is echoed with its code, then the server closes the connection.
  assert.deepEqual(result.frames.map((f) => f.opcode), [0x8]);
  assert.equal(result.frames[0].payload.readUInt16BE(0), 1000);
});

test('bad handshakes are refused with an HTTP status that says why', async () => {
  const version = await raw(handshake({ 'Sec-WebSocket-Version': '8' }));
  assert.match(version.head, /^HTTP\/1\.1 426 /);
  assert.match(version.head, /\r\nSec-WebSocket-Version: 13\r\n/);
  const noKey = await raw(handshake({ 'Sec-WebSocket-Key': undefined }));
  assert.match(noKey.head, /^HTTP\/1\.1 400 /);
  const notUpgrade = await raw(handshake({ Connection: 'keep-alive' }));
  assert.match(notUpgrade.head, /^HTTP\/1\.1 400 /);
});

test('frames sent in the same packet as the handshake are read (W3)', async () => {
  // The server keeps the socket open after the ack: this client leaves once it has the ack.
  const socket = connect(Number(url().port), url().hostname);
  const first = await new Promise((resolve) => {
    let bytes = Buffer.alloc(0);
    socket.on('connect', () => socket.write(Buffer.concat([Buffer.from(handshake(), 'latin1'), clientFrame(0x1, '{"type":"connection_init"}')])));
    socket.on('data', (c) => {
      bytes = Buffer.concat([bytes, c]);
      const end = bytes.indexOf('\r\n\r\n');
      const frames = end < 0 ? [] : serverFrames(bytes.subarray(end + 4));
      if (frames.length) { socket.destroy(); resolve(frames[0]); }
    });
  });
  assert.equal(first.opcode, 0x1);
  assert.deepEqual(JSON.parse(first.payload), { type: 'connection_ack' });
});

test('a fragmented message is joined, with a ping between its fragments answered by a pong', async () => {
  const ws = await open();
  const pong = new Promise((resolve) => ws.once('pong', (data) => resolve(data.toString())));
  const ack = nextMessage(ws);
  ws.send('{"type":"conn', { fin: false });
  ws.ping('between');
  ws.send('ection_init"}', { fin: true });
  assert.equal(await pong, 'between');
  assert.deepEqual(await ack, { type: 'connection_ack' });
  ws.close();
});

test('a client-initiated close is echoed with its code and the connection ends at once', async () => {
  const ws = await open();
  const done = closed(ws);
  ws.close(4321, 'done here');
  const result = await done;
  assert.equal(result.code, 4321);
  assert.ok(result.ms < 500, `closed after ${result.ms} ms`);
});

test('a server-initiated close (W1: no supported subprotocol, 1002) reaches the client at once', async () => {
  // npm ws fails such a handshake itself ("Server sent no subprotocol"): a raw client sees it.
  const result = await raw(handshake({ 'Sec-WebSocket-Protocol': 'nothing-we-speak' }));
  assert.match(result.head, /^HTTP\/1\.1 101 /);
  assert.doesNotMatch(result.head, /Sec-WebSocket-Protocol/i);
  assert.equal(result.frames.length, 1);
  assert.equal(result.frames[0].payload.readUInt16BE(0), 1002);
  assert.equal(result.frames[0].payload.subarray(2).toString(), 'Unsupported subprotocol');
  // Our side ends after the Close frame, without waiting for the client's answer.
  assert.ok(result.ms < 500, `closed after ${result.ms} ms`);
});

test('protocol violations close with their code of RFC 6455 §7.4.1', async () => {
  const cases = [
    { name: 'unmasked frame', frame: clientFrame(0x1, '{}', { mask: false }), code: 1002 },
    { name: 'unknown opcode', frame: clientFrame(0x3, 'x'), code: 1002 },
    { name: 'text that is not UTF-8', frame: clientFrame(0x1, Buffer.from([0xff, 0xfe])), code: 1007 },
    { name: 'ping of 126 bytes', frame: clientFrame(0x9, Buffer.alloc(126)), code: 1002 },
  ];
  for (const c of cases) {
    const result = await raw(handshake(), [c.frame]);
    const close = result.frames.find((f) => f.opcode === 0x8);
    assert.ok(close, `${c.name}: no Close frame`);
    assert.equal(close.payload.readUInt16BE(0), c.code, c.name);
    assert.ok(result.ms < 1500, `${c.name}: closed after ${result.ms} ms`);
  }
});

test('a client that sent a Close and goes silent is closed by the server', async () => {
  const result = await raw(handshake(), [closeFrame(1001)]);
  assert.equal(result.frames.at(-1).opcode, 0x8);
  assert.equal(result.frames.at(-1).payload.readUInt16BE(0), 1001);
});

async function openConnections() {
  const text = await (await fetch(httpUrl + '/metrics')).text();
  return text.split('\n').filter((l) => l.startsWith('subscope_connections{'))
    .reduce((sum, l) => sum + Number(l.split(' ')[1]), 0);
}

const rssKiB = () => Number(readFileSync(`/proc/${server.child.pid}/status`, 'utf8').match(/VmRSS:\s+(\d+)/)[1]);

test('a client reset before the 101 is sent leaves no connection behind', async () => {
  for (let i = 0; i < 50; ++i) {
    await new Promise((resolve) => {
      const socket = connect(Number(url().port), url().hostname);
      socket.on('error', () => {});
      socket.on('connect', () => {
        socket.write(handshake());
        socket.resetAndDestroy();
        resolve();
      });
    });
  }
  await new Promise((r) => setTimeout(r, 300));
  assert.equal(await openConnections(), 0);
});

test('a client that floods pings without reading does not grow the server (RFC 6455 §5.5.3)', async () => {
  const before = rssKiB();
  const socket = connect(Number(url().port), url().hostname);
  socket.on('error', () => {});
  await new Promise((resolve) => socket.on('connect', resolve));
  socket.pause(); // never reads: pongs could only pile up in the server
  socket.write(handshake());
  const ping = clientFrame(0x9, Buffer.alloc(125, 0x70));
  const burst = Buffer.concat(Array(1000).fill(ping)); // 131 KB
  for (let i = 0; i < 200; ++i) { // 26 MB of pings
    if (!socket.write(burst)) await new Promise((r) => setTimeout(r, 5));
  }
  await new Promise((r) => setTimeout(r, 500));
  const grown = rssKiB() - before;
  socket.destroy();
  // Under AddressSanitizer freed memory stays in quarantine: no bound to check.
  if (!process.env.SUBSCOPE_SANITIZED) assert.ok(grown < 8 * 1024, `server RSS grew by ${grown} KiB`);
});
