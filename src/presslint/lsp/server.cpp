#include <presslint/lsp/server.hpp>

#include <presslint/cli/commands.hpp>
#include <presslint/lint/linter.hpp>
#include <presslint/lsp/latest_wins.hpp>
#include <presslint/lsp/live_links.hpp>
#include <presslint/lsp/text.hpp>
#include <presslint/lsp/transport.hpp>
#include <presslint/lsp/workspace.hpp>

#include <fmt/format.h>
#include <re2/re2.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <optional>
#include <map>
#include <mutex>
#include <set>

namespace fs = std::filesystem;
using nlohmann::json;

namespace presslint::lsp {

namespace {

// A JSON-RPC error raised by a handler; turned into a response at dispatch.
struct RpcError
{
  int code;
  std::string message;
};

// LSP's DiagnosticSeverity.
int
lsp_severity(core::Severity severity)
{
  switch (severity) {
  case core::Severity::error:
    return 1;
  case core::Severity::warning:
    return 2;
  case core::Severity::note:
  case core::Severity::off:
    break;
  }
  return 3;
}

json
to_json(Position16 p)
{
  return json{{"line", p.line}, {"character", p.character}};
}

json
to_json(const Range16& r)
{
  return json{{"start", to_json(r.start)}, {"end", to_json(r.end)}};
}

Position16
position_from_json(const json& j)
{
  return Position16{j.at("line").get<std::size_t>(), j.at("character").get<std::size_t>()};
}

Range16
range_from_json(const json& j)
{
  return Range16{position_from_json(j.at("start")), position_from_json(j.at("end"))};
}

Range16
range_of(const LineIndex& index, core::Span span)
{
  return Range16{index.position(span.begin), index.position(span.end)};
}

document::Format
format_hint(const std::string& language_id)
{
  if (language_id == "html") {
    return document::Format::html;
  }
  if (language_id == "plaintext" || language_id == "text") {
    return document::Format::text;
  }
  return document::Format::markdown;
}

// The comment that turns a rule off on its own line.
constexpr std::string_view k_disable_line = "presslint-disable-line";

} // namespace

// A lint of one version of a document's text.
struct Result
{
  long version = 0;
  std::string text;
  LintOutput output;
};

struct OpenDocument
{
  std::string uri;
  std::string path; // absolute, for config lookup and the format
  document::Format hint = document::Format::markdown;

  std::mutex mutex; // guards the members below
  long version = 0;
  std::string text;
  std::shared_ptr<const Result> last; // the last result published
  LinkVerdicts verdicts;

  std::unique_ptr<LatestWins> worker;
};

struct Server::Impl
{
  std::istream& in;
  Writer writer;
  ServerOptions options;
  Workspace workspace;
  bool initialized = false;
  bool shutdown = false;
  std::map<std::string, std::shared_ptr<OpenDocument>> documents;

  Impl(std::istream& input, std::ostream& output, ServerOptions opts)
    : in(input), writer(output), options(std::move(opts))
  {
  }

  ~Impl() { stop_workers(); }

  void stop_workers()
  {
    for (auto& [uri, doc] : documents) {
      doc->worker->stop();
    }
  }

  // ---- messages out

  void notify(const std::string& method, json params)
  {
    writer.write(json{{"jsonrpc", "2.0"}, {"method", method}, {"params", std::move(params)}});
  }

  void respond(const json& id, json result)
  {
    writer.write(json{{"jsonrpc", "2.0"}, {"id", id}, {"result", std::move(result)}});
  }

  void log(int type, const std::string& message)
  {
    notify("window/logMessage", json{{"type", type}, {"message", message}});
  }

  // ---- diagnostics

  json diagnostic(const core::Finding& f, const LineIndex& index) const
  {
    return json{{"range", to_json(range_of(index, f.span))},
                {"severity", lsp_severity(f.severity)},
                {"code", f.rule_id},
                {"source", "presslint"},
                {"message", f.message}};
  }

  json error_diagnostic(const core::Error& e, const OpenDocument& doc, const std::string& text,
                        const LineIndex& index) const
  {
    Range16 range;
    std::string message = e.message;
    if (e.path == doc.path && e.line > 0 && e.line <= index.line_count()) {
      const Position16 line_start{e.line - 1, 0};
      const std::size_t begin = index.offset(line_start);
      const std::size_t end = index.line_end(e.line - 1);
      const std::string_view line = std::string_view(text).substr(begin, end - begin);
      std::size_t at = begin;
      std::size_t column = 1;
      while (at < end && column < e.column) {
        ++at;
        while (at < end && (static_cast<unsigned char>(line[at - begin]) & 0xC0) == 0x80) {
          ++at;
        }
        ++column;
      }
      range = Range16{index.position(at), index.position(end)};
    } else if (e.path != doc.path) {
      message = e.format(); // a config or rule file: say which, and where
    }
    return json{{"range", to_json(range)},
                {"severity", 1},
                {"source", "presslint"},
                {"message", message}};
  }

  json diagnostics_of(const OpenDocument& doc, const Result& r) const
  {
    const LineIndex index(r.text);
    json list = json::array();
    for (const core::Error& e : r.output.errors) {
      list.push_back(error_diagnostic(e, doc, r.text, index));
    }
    for (const core::Finding& f : r.output.findings) {
      list.push_back(diagnostic(f, index));
    }
    return list;
  }

  // Lints one version of a document (on its worker, or on the main thread
  // for a request about a version not linted yet).
  std::shared_ptr<Result> lint(OpenDocument& doc, long version, std::string text)
  {
    auto r = std::make_shared<Result>();
    r->version = version;
    r->output = workspace.lint(doc.path, text, doc.hint);
    r->text = std::move(text);
    if (r->output.document) {
      LinkVerdicts verdicts;
      {
        std::lock_guard<std::mutex> lock(doc.mutex);
        verdicts = doc.verdicts;
      }
      auto extra = link_findings(*r->output.document, verdicts);
      if (!extra.empty()) {
        r->output.findings.insert(r->output.findings.end(), extra.begin(), extra.end());
        lint::sort_findings(r->output.findings);
      }
    }
    return r;
  }

  void work(const std::shared_ptr<OpenDocument>& doc, const Snapshot& s)
  {
    std::shared_ptr<Result> r = lint(*doc, s.version, s.text);
    const json diagnostics = diagnostics_of(*doc, *r);
    const bool published = doc->worker->publish_if_latest(s.generation, [&] {
      {
        std::lock_guard<std::mutex> lock(doc->mutex);
        doc->last = r;
      }
      notify("textDocument/publishDiagnostics",
             json{{"uri", doc->uri}, {"version", s.version}, {"diagnostics", diagnostics}});
    });
    if (published && s.check_links && options.link_checker && r->output.document
        && !workspace.settings().offline) {
      std::weak_ptr<OpenDocument> weak = doc;
      LinkCheckRequest request{doc->uri, doc->path, r->output.document, r->output.runner};
      options.link_checker->check(std::move(request), [weak](LinkVerdicts v) {
        const auto d = weak.lock();
        if (!d) {
          return;
        }
        long version = 0;
        std::string text;
        {
          std::lock_guard<std::mutex> lock(d->mutex);
          d->verdicts = std::move(v);
          version = d->version;
          text = d->text;
        }
        d->worker->submit(version, std::move(text));
      });
    }
  }

  // The result for the document's current text: the last published one if
  // it is current, or a lint now.
  std::shared_ptr<const Result> current_result(OpenDocument& doc)
  {
    long version = 0;
    std::string text;
    {
      std::lock_guard<std::mutex> lock(doc.mutex);
      if (doc.last && doc.last->version == doc.version && doc.last->text == doc.text) {
        return doc.last;
      }
      version = doc.version;
      text = doc.text;
    }
    return lint(doc, version, std::move(text));
  }

  OpenDocument& find_document(const json& params)
  {
    const std::string uri = params.at("textDocument").at("uri").get<std::string>();
    const auto it = documents.find(uri);
    if (it == documents.end()) {
      throw RpcError{error_code::k_invalid_params, fmt::format("document {} is not open", uri)};
    }
    return *it->second;
  }

  void submit(OpenDocument& doc, bool check_links)
  {
    long version = 0;
    std::string text;
    {
      std::lock_guard<std::mutex> lock(doc.mutex);
      version = doc.version;
      text = doc.text;
    }
    doc.worker->submit(version, std::move(text), check_links);
  }

  // ---- lifecycle

  json on_initialize(const json& params)
  {
    if (initialized) {
      throw RpcError{error_code::k_invalid_request, "initialize was already called"};
    }
    initialized = true;
    if (const auto it = params.find("initializationOptions"); it != params.end()) {
      apply_settings(*it);
    }
    return json{
      {"capabilities",
       {{"textDocumentSync",
         {{"openClose", true}, {"change", 2}, {"save", {{"includeText", false}}}}},
        {"codeActionProvider", {{"codeActionKinds", json::array({"quickfix"})}}},
        {"hoverProvider", true}}},
      {"serverInfo", {{"name", "presslint"}, {"version", PRESSLINT_VERSION}}}};
  }

  void apply_settings(const json& value)
  {
    std::vector<std::string> problems;
    workspace.set_settings(parse_settings(value, workspace.settings(), problems));
    for (const std::string& p : problems) {
      log(2, "presslint: " + p);
    }
  }

  // ---- text synchronisation

  void on_did_open(const json& params)
  {
    const json& item = params.at("textDocument");
    auto doc = std::make_shared<OpenDocument>();
    doc->uri = item.at("uri").get<std::string>();
    if (const auto path = path_from_uri(doc->uri)) {
      doc->path = fs::absolute(*path).lexically_normal().string();
    } else {
      // Not a file (an unsaved buffer): named after the URI's last part, in
      // the server's working folder.
      const std::string& uri = doc->uri;
      doc->path = (fs::current_path() / uri.substr(uri.find_last_of("/:") + 1)).string();
    }
    doc->hint = format_hint(item.value("languageId", std::string("markdown")));
    doc->version = item.at("version").get<long>();
    doc->text = item.at("text").get<std::string>();
    if (const auto old = documents.find(doc->uri); old != documents.end()) {
      old->second->worker->stop();
      documents.erase(old);
    }
    OpenDocument* raw = doc.get();
    std::weak_ptr<OpenDocument> weak = doc;
    raw->worker = std::make_unique<LatestWins>([this, weak](const Snapshot& s) {
      if (const auto d = weak.lock()) {
        work(d, s);
      }
    });
    documents.emplace(doc->uri, doc);
    submit(*raw, true);
  }

  void on_did_change(const json& params)
  {
    OpenDocument& doc = find_document(params);
    std::vector<TextChange> changes;
    for (const json& c : params.at("contentChanges")) {
      TextChange change;
      if (const auto r = c.find("range"); r != c.end() && !r->is_null()) {
        change.range = range_from_json(*r);
      }
      change.text = c.at("text").get<std::string>();
      changes.push_back(std::move(change));
    }
    const long version = params.at("textDocument").at("version").get<long>();
    {
      std::lock_guard<std::mutex> lock(doc.mutex);
      apply_changes(doc.text, changes);
      doc.version = version;
    }
    submit(doc, false);
  }

  void on_did_save(const json& params)
  {
    OpenDocument& doc = find_document(params);
    if (const auto t = params.find("text"); t != params.end() && t->is_string()) {
      std::lock_guard<std::mutex> lock(doc.mutex);
      doc.text = t->get<std::string>();
    }
    submit(doc, true);
  }

  void on_did_close(const json& params)
  {
    const std::string uri = params.at("textDocument").at("uri").get<std::string>();
    const auto it = documents.find(uri);
    if (it == documents.end()) {
      return;
    }
    it->second->worker->stop();
    documents.erase(it);
    notify("textDocument/publishDiagnostics",
           json{{"uri", uri}, {"diagnostics", json::array()}});
  }

  void on_did_change_configuration(const json& params)
  {
    if (const auto it = params.find("settings"); it != params.end()) {
      apply_settings(*it);
    }
    for (auto& [uri, doc] : documents) {
      submit(*doc, false);
    }
  }

  // ---- code actions

  // The edit that adds `rule` to the disable-line comment at the end of the
  // finding's line, or appends such a comment there. At the end of the line
  // the comment stays inside its paragraph (on a line of its own it would end
  // the paragraph and start an HTML block).
  json disable_edit(const std::string& text, const LineIndex& index, std::size_t offset,
                    const std::string& rule) const
  {
    const std::size_t line = index.position(offset).line;
    const std::size_t begin = index.offset(Position16{line, 0});
    const std::size_t end = index.line_end(line);
    const std::string_view content = std::string_view(text).substr(begin, end - begin);
    static const RE2 k_existing(R"((<!--\s*presslint-disable-line(?:\s[^>]*?)?)\s*-->\s*$)");
    re2::StringPiece groups[2];
    if (k_existing.Match(re2::StringPiece(content.data(), content.size()), 0, content.size(),
                         RE2::UNANCHORED, groups, 2)) {
      const auto at = begin + static_cast<std::size_t>(groups[1].data() - content.data())
                      + groups[1].size();
      const Position16 p = index.position(at);
      return json{{"range", to_json(Range16{p, p})}, {"newText", " " + rule}};
    }
    const Position16 p = index.position(end);
    const std::string sep = content.empty() || content.back() == ' ' ? "" : " ";
    return json{{"range", to_json(Range16{p, p})},
                {"newText", fmt::format("{}<!-- {} {} -->", sep, k_disable_line, rule)}};
  }

  json on_code_action(const json& params)
  {
    OpenDocument& doc = find_document(params);
    const Range16 wanted = range_from_json(params.at("range"));
    if (const auto ctx = params.find("context"); ctx != params.end()) {
      if (const auto only = ctx->find("only"); only != ctx->end() && only->is_array()) {
        bool quickfix = false;
        for (const json& kind : *only) {
          quickfix = quickfix || kind == "quickfix";
        }
        if (!quickfix) {
          return json::array();
        }
      }
    }
    const std::shared_ptr<const Result> r = current_result(doc);
    const LineIndex index(r->text);
    json actions = json::array();
    std::set<std::pair<std::size_t, std::string>> disables; // line, rule
    for (const core::Finding& f : r->output.findings) {
      const Range16 range = range_of(index, f.span);
      if (range.end < wanted.start || wanted.end < range.start) {
        continue;
      }
      const json diag = diagnostic(f, index);
      if (f.fix && !f.fix->edits.empty()) {
        json edits = json::array();
        for (const core::Edit& e : f.fix->edits) {
          edits.push_back(
            json{{"range", to_json(range_of(index, e.span))}, {"newText", e.replacement}});
        }
        actions.push_back(json{{"title", f.fix->title},
                               {"kind", "quickfix"},
                               {"diagnostics", json::array({diag})},
                               {"isPreferred", true},
                               {"edit", {{"changes", {{doc.uri, edits}}}}}});
      }
      if (disables.emplace(range.start.line, f.rule_id).second) {
        actions.push_back(
          json{{"title", fmt::format("Disable {} on this line", f.rule_id)},
               {"kind", "quickfix"},
               {"diagnostics", json::array({diag})},
               {"edit",
                {{"changes",
                  {{doc.uri,
                    json::array({disable_edit(r->text, index, f.span.begin, f.rule_id)})}}}}}});
      }
    }
    return actions;
  }

  // ---- hover

  json on_hover(const json& params)
  {
    OpenDocument& doc = find_document(params);
    const Position16 at = position_from_json(params.at("position"));
    const std::shared_ptr<const Result> r = current_result(doc);
    const LineIndex index(r->text);
    std::string value;
    std::optional<Range16> first;
    std::set<std::string> shown;
    for (const core::Finding& f : r->output.findings) {
      const Range16 range = range_of(index, f.span);
      if (at < range.start || range.end < at) {
        continue;
      }
      if (!first) {
        first = range;
      }
      if (!value.empty()) {
        value += "\n----\n\n";
      }
      value += fmt::format("{}: {} [{}]\n", core::to_string(f.severity), f.message, f.rule_id);
      const rules::Rule* rule =
        r->output.runner ? r->output.runner->find_rule(f.rule_id) : nullptr;
      if (rule != nullptr && shown.insert(f.rule_id).second) {
        value += "\n" + cli::render_explain(*rule);
      }
    }
    if (!first) {
      return nullptr;
    }
    return json{{"contents", {{"kind", "plaintext"}, {"value", value}}},
                {"range", to_json(*first)}};
  }

  // ---- dispatch

  json handle_request(const std::string& method, const json& params)
  {
    if (method == "initialize") {
      return on_initialize(params);
    }
    if (!initialized) {
      throw RpcError{error_code::k_server_not_initialized, "the server is not initialized"};
    }
    if (shutdown) {
      throw RpcError{error_code::k_invalid_request, "the server is shutting down"};
    }
    if (method == "shutdown") {
      shutdown = true;
      stop_workers();
      return nullptr;
    }
    if (method == "textDocument/codeAction") {
      return on_code_action(params);
    }
    if (method == "textDocument/hover") {
      return on_hover(params);
    }
    throw RpcError{error_code::k_method_not_found, fmt::format("unknown method \"{}\"", method)};
  }

  void handle_notification(const std::string& method, const json& params)
  {
    if (!initialized || shutdown) {
      return; // dropped, as the protocol says (exit is handled before)
    }
    if (method == "textDocument/didOpen") {
      on_did_open(params);
    } else if (method == "textDocument/didChange") {
      on_did_change(params);
    } else if (method == "textDocument/didSave") {
      on_did_save(params);
    } else if (method == "textDocument/didClose") {
      on_did_close(params);
    } else if (method == "workspace/didChangeConfiguration") {
      on_did_change_configuration(params);
    }
    // Others ("initialized", "$/cancelRequest", "$/setTrace", ...) need
    // nothing: requests are answered in the order they come, so a cancelled
    // one has had its answer by the time its cancellation is read.
  }

  // Returns an exit code when the server should stop.
  std::optional<int> handle(const std::string& body)
  {
    json msg;
    try {
      msg = json::parse(body);
    } catch (const json::parse_error& e) {
      writer.write(make_error_response(nullptr, error_code::k_parse_error,
                                       fmt::format("parse error: {}", e.what())));
      return std::nullopt;
    }
    if (!msg.is_object()) {
      writer.write(make_error_response(nullptr, error_code::k_invalid_request,
                                       "a message must be a JSON object"));
      return std::nullopt;
    }
    const auto id_it = msg.find("id");
    const bool has_id = id_it != msg.end();
    if (has_id && !id_it->is_string() && !id_it->is_number_integer() && !id_it->is_null()) {
      writer.write(make_error_response(nullptr, error_code::k_invalid_request,
                                       "\"id\" must be a string or an integer"));
      return std::nullopt;
    }
    const json id = has_id ? *id_it : json(nullptr);
    const auto method_it = msg.find("method");
    if (method_it == msg.end() || !method_it->is_string()) {
      if (has_id && (msg.contains("result") || msg.contains("error"))) {
        return std::nullopt; // a response: the server sends no requests
      }
      writer.write(make_error_response(id, error_code::k_invalid_request,
                                       "\"method\" must be a string"));
      return std::nullopt;
    }
    const std::string method = method_it->get<std::string>();
    static const json k_no_params = json::object();
    const auto params_it = msg.find("params");
    const json& params = params_it == msg.end() ? k_no_params : *params_it;
    if (!has_id && method == "exit") {
      return shutdown ? 0 : 1;
    }
    try {
      if (has_id) {
        respond(id, handle_request(method, params));
      } else {
        handle_notification(method, params);
      }
    } catch (const RpcError& e) {
      if (has_id) {
        writer.write(make_error_response(id, e.code, e.message));
      }
    } catch (const json::exception& e) {
      if (has_id) {
        writer.write(make_error_response(id, error_code::k_invalid_params,
                                         fmt::format("invalid params: {}", e.what())));
      } else {
        log(1, fmt::format("presslint: {}: invalid params: {}", method, e.what()));
      }
    }
    return std::nullopt;
  }

  int run()
  {
    while (true) {
      ReadResult r = read_message(in);
      switch (r.kind) {
      case ReadResult::Kind::message:
        if (const auto code = handle(r.body)) {
          stop_workers();
          return *code;
        }
        break;
      case ReadResult::Kind::bad_header:
      case ReadResult::Kind::too_large:
        writer.write(make_error_response(nullptr, error_code::k_parse_error, r.error));
        break;
      case ReadResult::Kind::eof:
      case ReadResult::Kind::truncated:
        stop_workers();
        return shutdown ? 0 : 1;
      }
    }
  }
};

Server::Server(std::istream& in, std::ostream& out, ServerOptions options)
  : m_impl(std::make_unique<Impl>(in, out, std::move(options)))
{
}

Server::~Server() = default;

int
Server::run()
{
  return m_impl->run();
}

int
run_stdio(const std::vector<std::string>& args)
{
  for (const std::string& a : args) {
    if (a == "--stdio") {
      continue; // what some clients pass; stdio is the only transport
    }
    std::fprintf(stderr, "presslint lsp: unknown argument \"%s\" (usage: presslint lsp [--stdio])\n",
                 a.c_str());
    return 2;
  }
  std::ios::sync_with_stdio(false);
  // Reading std::cin would flush std::cout first, from the reading thread and
  // outside the writer's lock, while a worker writes: untie them.
  std::cin.tie(nullptr);
  ServerOptions options;
  // PRESSLINT_OFFLINE=1, as for the lint command, keeps the whole server off
  // the network; otherwise the `offline` setting decides per document.
  const char* env = std::getenv("PRESSLINT_OFFLINE");
  if (env == nullptr || env[0] == '\0' || std::string_view(env) == "0") {
    options.link_checker = std::make_shared<LiveLinkChecker>();
  }
  Server server(std::cin, std::cout, std::move(options));
  return server.run();
}

} // namespace presslint::lsp
