// Feeds `presslint lsp` broken input as raw bytes (no client library would
// send it): a header without Content-Length, a bad Content-Length, a body
// that is not JSON, JSON that is not a request, requests before initialize
// and with bad params. Each gets its JSON-RPC error and the server goes on;
// `exit` without `shutdown` ends it with exit code 1.
//
// usage: node lsp-malformed.mjs PRESSLINT_BINARY
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';

const binary = path.resolve(process.argv[2] ?? '');
const child = spawn(binary, ['lsp'], { stdio: ['pipe', 'pipe', 'pipe'] });
const exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
let stderr = '';
child.stderr.on('data', (d) => { stderr += d; });

// Reads framed messages from the server's output.
const messages = [];
let pending = Buffer.alloc(0);
let notify = null;
child.stdout.on('data', (chunk) => {
  pending = Buffer.concat([pending, chunk]);
  while (true) {
    const end = pending.indexOf('\r\n\r\n');
    if (end < 0) break;
    const header = pending.subarray(0, end).toString('ascii');
    const m = /Content-Length: (\d+)/i.exec(header);
    assert.ok(m, `server sent a header without Content-Length: ${header}`);
    const length = Number(m[1]);
    if (pending.length < end + 4 + length) break;
    messages.push(JSON.parse(pending.subarray(end + 4, end + 4 + length).toString('utf8')));
    pending = pending.subarray(end + 4 + length);
  }
  if (notify) notify();
});

function next(ms = 10000) {
  if (messages.length) return Promise.resolve(messages.shift());
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no message within ${ms} ms; stderr: ${stderr}`)), ms);
    notify = () => {
      if (messages.length) {
        clearTimeout(timer);
        notify = null;
        resolve(messages.shift());
      }
    };
  });
}

const frame = (body) => `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
const send = (raw) => child.stdin.write(raw);
const request = (id, method, params) => send(frame(JSON.stringify({ jsonrpc: '2.0', id, method, params })));

async function expectError(code, id = null) {
  const m = await next();
  assert.equal(m.jsonrpc, '2.0');
  assert.deepEqual(m.id, id, JSON.stringify(m));
  assert.equal(m.error?.code, code, JSON.stringify(m));
  return m;
}

async function main() {
  // Framing errors: the server answers with a parse error and reads on.
  send('X-Nothing: here\r\n\r\n');
  await expectError(-32700);
  send('Content-Length: twelve\r\n\r\n');
  let m = await expectError(-32700);
  assert.match(m.error.message, /invalid Content-Length "twelve"/);
  send(frame('{"jsonrpc": "2.0", "id": 1, "method": '));
  m = await expectError(-32700);
  assert.match(m.error.message, /parse error/);
  send(frame('[1, 2, 3]'));
  await expectError(-32600);
  send(frame('{"jsonrpc": "2.0", "id": 2, "method": 42}'));
  await expectError(-32600, 2);
  send(frame('{"jsonrpc": "2.0", "id": {"a": 1}, "method": "initialize"}'));
  await expectError(-32600);
  // A body in Latin-1, not UTF-8: not JSON text.
  send(Buffer.concat([Buffer.from('Content-Length: 43\r\n\r\n'),
    Buffer.from('{"jsonrpc":"2.0","method":"x","params":"\xe9"}', 'latin1')]));
  await expectError(-32700);

  // Before initialize: requests are refused, notifications dropped.
  request(3, 'textDocument/hover', {});
  await expectError(-32002, 3);
  send(frame(JSON.stringify({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: {} })));

  request(4, 'initialize', { processId: null, capabilities: {}, initializationOptions: { offline: true } });
  m = await next();
  assert.equal(m.id, 4);
  assert.ok(m.result.capabilities.hoverProvider);
  request(5, 'initialize', { capabilities: {} });
  await expectError(-32600, 5);

  // Bad params: InvalidParams for a request, nothing for a notification.
  request('six', 'textDocument/hover', { textDocument: { uri: 7 }, position: { line: 0, character: 0 } });
  await expectError(-32602, 'six');
  request(7, 'textDocument/hover', { textDocument: { uri: 'file:///not/open.md' }, position: { line: 0, character: 0 } });
  await expectError(-32602, 7);
  send(frame(JSON.stringify({ jsonrpc: '2.0', method: 'textDocument/didChange', params: { textDocument: 5 } })));
  m = await next();
  assert.equal(m.method, 'window/logMessage');
  assert.match(m.params.message, /didChange: invalid params/);
  // Unknown request: MethodNotFound; unknown notification and a
  // cancellation: nothing; the server still answers afterwards.
  request(8, 'presslint/frobnicate', {});
  await expectError(-32601, 8);
  send(frame(JSON.stringify({ jsonrpc: '2.0', method: '$/cancelRequest', params: { id: 8 } })));
  send(frame(JSON.stringify({ jsonrpc: '2.0', method: '$/somethingElse', params: {} })));
  request(9, 'textDocument/codeAction', { textDocument: { uri: 'file:///not/open.md' },
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [] } });
  await expectError(-32602, 9);

  // exit without shutdown: exit code 1.
  send(frame(JSON.stringify({ jsonrpc: '2.0', method: 'exit' })));
  const code = await exited;
  assert.equal(code, 1, `exit code; stderr: ${stderr}`);
  assert.equal(messages.length, 0, `unexpected messages: ${JSON.stringify(messages)}`);
}

main()
  .then(() => console.log('lsp-malformed: all checks passed'))
  .catch((e) => {
    console.error(e);
    child.kill();
    process.exit(1);
  });
