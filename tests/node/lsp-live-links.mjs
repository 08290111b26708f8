// Live link checks in the language server, with VS Code's client libraries,
// against the loopback test server (tests/links/server.py on 127.0.0.1: no
// other address is ever linked). On open, the text's diagnostics come first,
// then the same version again with the verdicts of the fetches; on save the
// verdicts come from the cache, without a request.
//
// usage: node lsp-live-links.mjs PRESSLINT_BINARY
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { protocol, startServer } from './lsp-common.mjs';

const {
  InitializeRequest, InitializedNotification, DidOpenTextDocumentNotification,
  DidSaveTextDocumentNotification, ShutdownRequest, ExitNotification,
} = protocol;

const binary = path.resolve(process.argv[2] ?? '');
assert.ok(fs.existsSync(binary), `usage: node lsp-live-links.mjs PRESSLINT_BINARY (got ${binary})`);
const here = path.dirname(fileURLToPath(import.meta.url));
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'presslint-lsp-links-'));

// The loopback server, on a free port.
const portFile = path.join(dir, 'port');
const web = spawn('/usr/bin/python3', [path.join(here, '..', 'links', 'server.py'), '--port-file', portFile],
  { stdio: 'ignore' });
for (let i = 0; i < 200 && !fs.existsSync(portFile); i++) {
  await new Promise((r) => setTimeout(r, 25));
}
const port = Number(fs.readFileSync(portFile, 'utf8'));
assert.ok(port > 0, 'the loopback server is up');
const base = `http://127.0.0.1:${port}`;
const stats = async () => (await fetch(`${base}/__stats`)).json();

try {
  fs.writeFileSync(path.join(dir, '.presslint.yaml'),
    'links:\n  allow-private: true\n  timeout: 2s\n  retries: 1\n');
  const file = path.join(dir, 'release.md');
  const uri = `file://${file}`;
  const text = [
    '# Acme opens a plant in Dayton',
    '',
    `DAYTON, Ohio, March 3, 2026 — Acme hires 200 people. See [the plan](${base}/ok/plan)`,
    `and [the old page](${base}/status/404).`,
    '',
  ].join('\n');
  fs.writeFileSync(file, text);

  // Live checks on: no PRESSLINT_OFFLINE, a cache folder of the test's own.
  delete process.env.PRESSLINT_OFFLINE;
  process.env.XDG_CACHE_HOME = path.join(dir, 'cache');
  const server = startServer(binary, dir);
  const { connection, waitDiagnostics, published } = server;
  await connection.sendRequest(InitializeRequest.type, {
    processId: process.pid, rootUri: `file://${dir}`, capabilities: {},
  });
  connection.sendNotification(InitializedNotification.type, {});

  const dead = (p) => p.uri === uri && p.diagnostics.some((d) => d.code === 'link.dead');
  connection.sendNotification(DidOpenTextDocumentNotification.type, {
    textDocument: { uri, languageId: 'markdown', version: 1, text },
  });
  const first = await waitDiagnostics((p) => p.uri === uri && p.version === 1);
  assert.ok(!dead(first), 'the text is not held up by the fetches');
  const withLinks = await waitDiagnostics((p) => p.version === 1 && dead(p), 20000);
  const d = withLinks.diagnostics.find((x) => x.code === 'link.dead');
  assert.equal(d.range.start.line, 3);
  assert.equal(d.severity, 1);
  assert.match(d.message, /404/);
  assert.ok(!withLinks.diagnostics.some((x) => x.code === 'link.unreachable'), 'the live page is alive');
  let s = await stats();
  assert.equal(s.requests, 3, `HEAD /ok/plan, HEAD and GET /status/404: ${JSON.stringify(s.by_path)}`);

  // Save: the verdicts again, from the cache, with no request.
  await fetch(`${base}/__reset`);
  const before = published.length;
  connection.sendNotification(DidSaveTextDocumentNotification.type, { textDocument: { uri } });
  await waitDiagnostics((p) => dead(p), 20000, before);
  await new Promise((r) => setTimeout(r, 500));
  s = await stats();
  assert.equal(s.requests, 0, 'a save after a check is answered by the cache');

  await connection.sendRequest(ShutdownRequest.type);
  connection.sendNotification(ExitNotification.type);
  const { code } = await server.exited;
  assert.equal(code, 0);
  console.log('lsp live links: ok');
} finally {
  web.kill();
  fs.rmSync(dir, { recursive: true, force: true });
}
process.exit(0);
