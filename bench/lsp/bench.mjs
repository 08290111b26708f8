// Time from textDocument/didChange to the publishDiagnostics of that version,
// on a 1,000-line release, over many edits: what an editor's user waits for
// after each keystroke. Uses the same client libraries as the tests
// (tests/node: run scripts/install-test-tools.sh first).
//
// usage: node bench/lsp/bench.mjs PRESSLINT_BINARY [EDITS]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { protocol, startServer } from '../../tests/node/lsp-common.mjs';

const {
  InitializeRequest, InitializedNotification, DidOpenTextDocumentNotification,
  DidChangeTextDocumentNotification, ShutdownRequest, ExitNotification,
} = protocol;

const binary = path.resolve(process.argv[2] ?? '');
const edits = Number(process.argv[3] ?? 500);
const warmup = 20;
if (!fs.existsSync(binary)) {
  console.error('usage: node bench/lsp/bench.mjs PRESSLINT_BINARY [EDITS]');
  process.exit(2);
}

// A long release: headline, dateline, body paragraphs (with a few things to
// report: hype, times not in AP style, an exclamation mark), end mark,
// boilerplate and contact; exactly 1,000 lines.
function release() {
  const lines = [
    'FOR IMMEDIATE RELEASE', '',
    '# Acme Widgets opens its third plant in Dayton', '',
    'DAYTON, Ohio, March 3, 2026 — Acme Widgets Inc. today opened a manufacturing',
    'plant in Dayton, its third in the state.', '',
  ];
  const tail = [
    '', '###', '',
    'About Acme Widgets: Acme Widgets Inc. makes precision components in Ohio.', '',
    'Media Contact:', 'Jordan Reyes', '+1 937-555-0142', 'press@acmewidgets.com',
  ];
  const sentences = [
    'The plant makes precision widgets for the aerospace and medical industries.',
    'Tours of the floor start at 9:00 AM on Fridays and last an hour.',
    'The company calls the new line world-class, and it runs three shifts.',
    'Suppliers from Ohio and Indiana deliver steel and resin every morning.',
    '"We looked at 12 sites in four states, and this one stood out," said Dana Atkins.',
  ];
  let i = 0;
  while (lines.length < 1000 - tail.length) {
    lines.push(sentences[i % sentences.length]);
    i += 1;
    if (i % 4 === 0) lines.push('');
  }
  while (lines.length + tail.length > 1000) lines.pop();
  return [...lines, ...tail].join('\n') + '\n';
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'presslint-lsp-bench-'));
  const file = path.join(dir, 'long-release.md');
  const text = release();
  fs.writeFileSync(file, text);
  const uri = `file://${file}`;
  const server = startServer(binary, dir);
  const { connection, waitDiagnostics } = server;
  await connection.sendRequest(InitializeRequest.type, {
    processId: process.pid, rootUri: `file://${dir}`, capabilities: {},
    initializationOptions: { offline: true },
  });
  connection.sendNotification(InitializedNotification.type, {});
  let version = 1;
  connection.sendNotification(DidOpenTextDocumentNotification.type, {
    textDocument: { uri, languageId: 'markdown', version, text },
  });
  const opened = await waitDiagnostics((p) => p.version === 1);

  // The server's CPU time (user + system) over the measured edits, from
  // /proc: what each edit costs, whatever else the machine is doing.
  const cpuMs = () => {
    try {
      const fields = fs.readFileSync(`/proc/${server.child.pid}/stat`, 'utf8').split(') ')[1].split(' ');
      return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // USER_HZ = 100
    } catch {
      return NaN;
    }
  };
  let cpuStart = 0;
  const times = [];
  let counts = [];
  for (let i = 0; i < warmup + edits; i++) {
    if (i === warmup) cpuStart = cpuMs();
    version += 1;
    // Type a character in the middle of the body, then delete it.
    const line = 100 + (i % 800);
    const change = i % 2 === 0
      ? { range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: 'x' }
      : { range: { start: { line: 100 + ((i - 1) % 800), character: 0 }, end: { line: 100 + ((i - 1) % 800), character: 1 } }, text: '' };
    const v = version;
    const t0 = performance.now();
    connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: v }, contentChanges: [change],
    });
    const pub = await waitDiagnostics((p) => p.version === v, 10000, server.published.length);
    const dt = performance.now() - t0;
    if (i >= warmup) {
      times.push(dt);
      counts.push(pub.diagnostics.length);
    }
  }
  const cpuPerEdit = (cpuMs() - cpuStart) / edits;
  const load = os.loadavg()[0];
  await connection.sendRequest(ShutdownRequest.type);
  connection.sendNotification(ExitNotification.type);
  await server.exited;
  connection.dispose();
  fs.rmSync(dir, { recursive: true, force: true });

  const sorted = [...times].sort((a, b) => a - b);
  const fmt = (x) => x.toFixed(2);
  counts = [...new Set(counts)];
  console.log(`release: ${text.split('\n').length - 1} lines, ${text.length} characters, ` +
    `${opened.diagnostics.length} diagnostics when opened (${counts.join('/')} after edits)`);
  console.log(`edits: ${times.length} (after ${warmup} warm-up), one at a time, each waiting for its diagnostics`);
  console.log(`server CPU time per edit: ${fmt(cpuPerEdit)} ms; load average ${load.toFixed(2)} on ${os.cpus().length} CPUs`);
  console.log('');
  console.log('| didChange → publishDiagnostics | ms |');
  console.log('|---|---|');
  console.log(`| min | ${fmt(sorted[0])} |`);
  console.log(`| median | ${fmt(percentile(sorted, 50))} |`);
  console.log(`| p95 | ${fmt(percentile(sorted, 95))} |`);
  console.log(`| p99 | ${fmt(percentile(sorted, 99))} |`);
  console.log(`| max | ${fmt(sorted[sorted.length - 1])} |`);
  const p95 = percentile(sorted, 95);
  console.log('');
  console.log(p95 < 20 ? `p95 ${fmt(p95)} ms: under the 20 ms target` : `p95 ${fmt(p95)} ms: OVER the 20 ms target`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
