// Drives `presslint lsp` with VS Code's client libraries: opens a release,
// checks the exact diagnostics, edits it, checks them again, asks for and
// applies code actions (a fix and "disable on this line"), hovers, reloads
// the config, switches the profile, and shuts down. Offline: the server is
// given `offline: true` and the release's only link is a placeholder.
//
// usage: node lsp-client.mjs PRESSLINT_BINARY
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { protocol, startServer, applyEdits } from './lsp-common.mjs';

const {
  InitializeRequest, InitializedNotification, DidOpenTextDocumentNotification,
  DidChangeTextDocumentNotification, DidSaveTextDocumentNotification,
  DidCloseTextDocumentNotification, DidChangeConfigurationNotification,
  CodeActionRequest, HoverRequest, ShutdownRequest, ExitNotification,
} = protocol;

const binary = path.resolve(process.argv[2] ?? '');
assert.ok(fs.existsSync(binary), `usage: node lsp-client.mjs PRESSLINT_BINARY (got ${binary})`);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'presslint-lsp-'));
const file = path.join(dir, 'release.md');
const uri = `file://${file}`;
let text = [
  'FOR IMMEDIATE RELEASE',
  '',
  '# Acme Widgets opens its third plant in Dayton',
  '',
  'DAYTON, Ohio, March 3, 2026 — Acme Widgets Inc. today opened a manufacturing',
  'plant 🏭 in Dayton with world-class tools. Tours start at 9:00 AM on Friday.',
  '',
  '"We looked at 12 sites in four states, and this one stood out," said Dana',
  'Atkins, chief executive of Acme Widgets.',
  '',
  '###',
  '',
  'About Acme Widgets: Acme Widgets Inc. makes precision components in Ohio.',
  'More at [our site](TODO).',
  '',
  'Media Contact:',
  'Jordan Reyes',
  '+1 937-555-0142',
  'press@acmewidgets.com',
  '',
].join('\n');
fs.writeFileSync(file, text);

// A diagnostic as a compact line: "line:char-line:char severity code message".
const brief = (d) =>
  `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ` +
  `${d.severity} ${d.code} ${d.message}`;

const server = startServer(binary, dir);
const { connection, waitDiagnostics } = server;
let version = 1;
const forVersion = (v) => (p) => p.uri === uri && p.version === v;

async function change(edits) {
  // Sent as incremental changes, the way an editor sends them.
  version += 1;
  text = applyEdits(text, edits);
  connection.sendNotification(DidChangeTextDocumentNotification.type, {
    textDocument: { uri, version },
    contentChanges: edits.map((e) => ({ range: e.range, text: e.newText })),
  });
  return waitDiagnostics(forVersion(version));
}

async function main() {
  const init = await connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: `file://${dir}`,
    capabilities: {},
    initializationOptions: { offline: true },
  });
  assert.equal(init.capabilities.textDocumentSync.change, 2, 'incremental sync');
  assert.equal(init.capabilities.textDocumentSync.openClose, true);
  assert.equal(init.capabilities.hoverProvider, true);
  assert.deepEqual(init.capabilities.codeActionProvider.codeActionKinds, ['quickfix']);
  assert.equal(init.serverInfo.name, 'presslint');
  connection.sendNotification(InitializedNotification.type, {});

  // 1. Open: the exact diagnostics. Line 5 has a 🏭 (two UTF-16 units), so
  // "world-class" starts at character 24 where the text output says column 24
  // (1-based code points).
  connection.sendNotification(DidOpenTextDocumentNotification.type, {
    textDocument: { uri, languageId: 'markdown', version, text },
  });
  let pub = await waitDiagnostics(forVersion(1));
  assert.deepEqual(pub.diagnostics.map(brief), [
    '4:0-4:0 3 body.length body is 47 words long; aim for 300 to 800',
    '5:24-5:35 3 style.hype hype: "world-class"; say what it does or what it changed instead',
    '5:58-5:65 3 style.time-format time "9:00 AM" is not in AP style; write "9 a.m."',
    '13:19-13:23 1 link.placeholder link target "TODO" is a placeholder; link to the real page',
  ]);
  assert.ok(pub.diagnostics.every((d) => d.source === 'presslint'));

  // 2. An edit: an exclamation mark at the end of the headline.
  pub = await change([{ range: { start: { line: 2, character: 46 }, end: { line: 2, character: 46 } }, newText: '!' }]);
  assert.deepEqual(pub.diagnostics.map(brief), [
    '2:40-2:47 2 headline.exclamation exclamation mark in the headline: "Dayton!"',
    '4:0-4:0 3 body.length body is 47 words long; aim for 300 to 800',
    '5:24-5:35 3 style.hype hype: "world-class"; say what it does or what it changed instead',
    '5:58-5:65 3 style.time-format time "9:00 AM" is not in AP style; write "9 a.m."',
    '13:19-13:23 1 link.placeholder link target "TODO" is a placeholder; link to the real page',
  ]);

  // 3. The fix of style.time-format, as a quick fix.
  const timeDiag = pub.diagnostics.find((d) => d.code === 'style.time-format');
  let actions = await connection.sendRequest(CodeActionRequest.type, {
    textDocument: { uri },
    range: timeDiag.range,
    context: { diagnostics: [timeDiag] },
  });
  assert.deepEqual(actions.map((a) => `${a.kind} ${a.title}`), [
    'quickfix Write "9 a.m."',
    'quickfix Disable style.time-format on this line',
  ]);
  assert.equal(actions[0].isPreferred, true);
  assert.equal(actions[0].diagnostics[0].code, 'style.time-format');
  const fixEdits = actions[0].edit.changes[uri];
  assert.deepEqual(fixEdits, [
    { range: { start: { line: 5, character: 58 }, end: { line: 5, character: 65 } }, newText: '9 a.m.' },
  ]);
  pub = await change(fixEdits);
  assert.ok(text.includes('Tours start at 9 a.m. on Friday.'), text);
  assert.deepEqual(pub.diagnostics.map((d) => d.code),
    ['headline.exclamation', 'body.length', 'style.hype', 'link.placeholder']);

  // 4. "Disable on this line" for style.hype: the comment goes at the end of
  // the line, so the paragraph stays whole and nothing new is reported.
  const hypeDiag = pub.diagnostics.find((d) => d.code === 'style.hype');
  actions = await connection.sendRequest(CodeActionRequest.type, {
    textDocument: { uri },
    range: hypeDiag.range,
    context: { diagnostics: [hypeDiag] },
  });
  assert.deepEqual(actions.map((a) => a.title), ['Disable style.hype on this line']);
  pub = await change(actions[0].edit.changes[uri]);
  assert.equal(text.split('\n')[5],
    'plant 🏭 in Dayton with world-class tools. Tours start at 9 a.m. on Friday. <!-- presslint-disable-line style.hype -->');
  assert.deepEqual(pub.diagnostics.map(brief), [
    '2:40-2:47 2 headline.exclamation exclamation mark in the headline: "Dayton!"',
    '4:0-4:0 3 body.length body is 47 words long; aim for 300 to 800',
    '13:19-13:23 1 link.placeholder link target "TODO" is a placeholder; link to the real page',
  ]);
  // A second rule on the same line joins the same comment.
  pub = await change([{ range: { start: { line: 5, character: 58 }, end: { line: 5, character: 64 } }, newText: '9:00 AM' }]);
  assert.deepEqual(pub.diagnostics.map((d) => d.code),
    ['headline.exclamation', 'body.length', 'style.time-format', 'link.placeholder']);
  const again = pub.diagnostics.find((d) => d.code === 'style.time-format');
  actions = await connection.sendRequest(CodeActionRequest.type, {
    textDocument: { uri }, range: again.range, context: { diagnostics: [again] },
  });
  pub = await change(actions.find((a) => a.title.startsWith('Disable')).edit.changes[uri]);
  assert.ok(text.split('\n')[5].endsWith('<!-- presslint-disable-line style.hype style.time-format -->'));
  assert.deepEqual(pub.diagnostics.map((d) => d.code), ['headline.exclamation', 'body.length', 'link.placeholder']);

  // 5. Hover on a finding: the rule's documentation, as `presslint explain`.
  const hover = await connection.sendRequest(HoverRequest.type, {
    textDocument: { uri }, position: { line: 13, character: 20 },
  });
  const explain = execFileSync(binary, ['explain', 'link.placeholder'], { encoding: 'utf8' });
  assert.equal(hover.contents.kind, 'plaintext');
  assert.ok(hover.contents.value.startsWith(
    'error: link target "TODO" is a placeholder; link to the real page [link.placeholder]\n'), hover.contents.value);
  assert.ok(hover.contents.value.includes(explain), 'hover holds the explain text');
  assert.deepEqual(hover.range, { start: { line: 13, character: 19 }, end: { line: 13, character: 23 } });
  assert.equal(await connection.sendRequest(HoverRequest.type, {
    textDocument: { uri }, position: { line: 0, character: 3 },
  }), null);

  // 6. The config: a .presslint.yaml written beside the release applies at
  // the next lint (here on save), without any file-watch event.
  fs.writeFileSync(file, text);
  fs.writeFileSync(path.join(dir, '.presslint.yaml'), 'rules:\n  headline.exclamation: off\n');
  connection.sendNotification(DidSaveTextDocumentNotification.type, { textDocument: { uri } });
  const before = server.published.length;
  pub = await waitDiagnostics((p) => p.uri === uri && !p.diagnostics.some((d) => d.code === 'headline.exclamation'), 10000, before);
  // (with headline.exclamation off, the general rule it supersedes speaks)
  assert.deepEqual(pub.diagnostics.map((d) => d.code), ['style.exclamation', 'body.length', 'link.placeholder']);
  // Changed again (the rule back on, as an error): reloaded again.
  fs.writeFileSync(path.join(dir, '.presslint.yaml'), 'rules:\n  headline.exclamation: error\n');
  pub = await change([{ range: { start: { line: 2, character: 2 }, end: { line: 2, character: 6 } }, newText: 'ACME' }]);
  assert.deepEqual(pub.diagnostics.map(brief).slice(0, 1),
    ['2:40-2:47 1 headline.exclamation exclamation mark in the headline: "Dayton!"']);
  fs.rmSync(path.join(dir, '.presslint.yaml'));

  // 7. The profile from the settings (no config file now): style.time-format
  // is off in the uk profile.
  const lines = text.split('\n');
  lines[5] = 'plant in Dayton. Tours start at 9:00 AM on Friday.';
  pub = await change([{ range: { start: { line: 5, character: 0 }, end: { line: 6, character: 0 } }, newText: lines[5] + '\n' }]);
  assert.ok(pub.diagnostics.some((d) => d.code === 'style.time-format'), JSON.stringify(pub.diagnostics));
  const mark = server.published.length;
  connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { presslint: { profile: 'uk' } } });
  pub = await waitDiagnostics((p) => p.uri === uri, 10000, mark);
  assert.ok(!pub.diagnostics.some((d) => d.code === 'style.time-format'), JSON.stringify(pub.diagnostics));
  // A bad value is reported and the setting kept.
  connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { profile: 'bbc' } });
  pub = await waitDiagnostics((p) => p.uri === uri, 10000, server.published.length);
  assert.ok(!pub.diagnostics.some((d) => d.code === 'style.time-format'));
  assert.ok(server.logs.some((l) => l.message.includes('"bbc" is not one of ap, wire, uk, gov-us')));

  // 8. Many edits in a row: every publication is for a newer version than
  // the one before it, and the last edit's version is published.
  const start = server.published.length;
  for (let i = 0; i < 30; i++) {
    version += 1;
    const edit = { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: '' };
    connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version }, contentChanges: [{ range: edit.range, text: i % 2 ? ' ' : '' }],
    });
    if (i % 2) text = ' ' + text;
  }
  await waitDiagnostics(forVersion(version), 10000, start);
  const versions = server.published.slice(start).filter((p) => p.uri === uri).map((p) => p.version);
  for (let i = 1; i < versions.length; i++) assert.ok(versions[i] > versions[i - 1], `versions ${versions}`);

  // 9. Unknown request: MethodNotFound; close: diagnostics cleared.
  await assert.rejects(connection.sendRequest('presslint/unknown', {}), (e) => e.code === -32601);
  connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  pub = await waitDiagnostics((p) => p.uri === uri && p.diagnostics.length === 0 && p.version === undefined);

  // 10. Shutdown and exit: exit code 0.
  assert.equal(await connection.sendRequest(ShutdownRequest.type), null);
  connection.sendNotification(ExitNotification.type);
  const { code } = await server.exited;
  assert.equal(code, 0, `exit code; stderr: ${server.stderr()}`);
  connection.dispose();
}

main()
  .then(() => {
    fs.rmSync(dir, { recursive: true, force: true });
    console.log('lsp-client: all checks passed');
  })
  .catch((e) => {
    console.error(e);
    server.child.kill();
    fs.rmSync(dir, { recursive: true, force: true });
    process.exit(1);
  });
