// Shared by the language-server client test and its benchmark: starts
// `presslint lsp` and talks to it with the libraries VS Code's own client is
// built on (vscode-jsonrpc, vscode-languageserver-protocol).
import { spawn } from 'node:child_process';
import protocolModule from 'vscode-languageserver-protocol/node.js';

export const protocol = protocolModule;
const {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  PublishDiagnosticsNotification,
} = protocolModule;

// Starts the server; the returned object holds the connection, the process,
// a promise of its exit code and a way to wait for diagnostics.
export function startServer(binary, cwd, extraArgs = []) {
  const child = spawn(binary, ['lsp', ...extraArgs], { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const connection = createProtocolConnection(
    new StreamMessageReader(child.stdout),
    new StreamMessageWriter(child.stdin),
  );
  const published = [];  // every publishDiagnostics, in order
  const waiters = [];
  connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
    published.push(params);
    for (const w of [...waiters]) {
      if (w.match(params)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(params);
      }
    }
  });
  const logs = [];
  connection.onNotification('window/logMessage', (params) => logs.push(params));
  connection.listen();

  // Resolves with the first publishDiagnostics (already received or to
  // come) that `match` accepts; rejects after `ms`.
  function waitDiagnostics(match, ms = 10000, from = 0) {
    const earlier = published.slice(from).find(match);
    if (earlier) return Promise.resolve(earlier);
    return new Promise((resolve, reject) => {
      const w = { match, resolve };
      waiters.push(w);
      setTimeout(() => {
        const i = waiters.indexOf(w);
        if (i >= 0) {
          waiters.splice(i, 1);
          reject(new Error(`no matching publishDiagnostics within ${ms} ms; stderr: ${stderr}`));
        }
      }, ms).unref();
    });
  }
  return { child, connection, exited, published, logs, waitDiagnostics, stderr: () => stderr };
}

// Applies LSP TextEdits to a string. JavaScript strings are UTF-16, the unit
// LSP positions count, so a character index is a string index.
export function applyEdits(text, edits) {
  const lines = [];
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i === text.length || text[i] === '\n') {
      lines.push(start);
      start = i + 1;
    }
  }
  const offset = (p) => {
    if (p.line >= lines.length) return text.length;
    const lineStart = lines[p.line];
    let lineEnd = p.line + 1 < lines.length ? lines[p.line + 1] - 1 : text.length;
    if (lineEnd > lineStart && text[lineEnd - 1] === '\r' && p.line + 1 < lines.length) lineEnd--;
    return Math.min(lineStart + p.character, lineEnd);
  };
  const sorted = edits
    .map((e) => ({ begin: offset(e.range.start), end: offset(e.range.end), text: e.newText }))
    .sort((a, b) => b.begin - a.begin || b.end - a.end);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.begin) + e.text + out.slice(e.end);
  return out;
}
