#include <presslint/report/json.hpp>

#include <presslint/report/text.hpp>

#include <nlohmann/json.hpp>

namespace presslint::report {

namespace {

using Json = nlohmann::ordered_json;

Json
point(const document::Document& doc, std::size_t offset)
{
  const document::Position p = doc.position(offset);
  return {{"line", p.line}, {"column", p.column}};
}

Json
error_object(const core::Error& e)
{
  return {{"path", e.path}, {"line", e.line}, {"column", e.column}, {"message", e.message}};
}

} // namespace

std::string
render_json(const lint::RunResult& result, const RunKeys& keys, const JsonOptions& options)
{
  Json files = Json::array();
  for (std::size_t i = 0; i < result.files.size(); ++i) {
    const lint::FileResult& file = result.files[i];
    Json f = Json::object();
    f["path"] = file.path;
    if (file.failed) {
      f["error"] = {{"line", file.error.line},
                    {"column", file.error.column},
                    {"message", file.error.message}};
    } else {
      f["error"] = nullptr;
    }
    Json findings = Json::array();
    if (!file.failed && file.document) {
      const document::Document& doc = *file.document;
      for (std::size_t j = 0; j < file.findings.size(); ++j) {
        const core::Finding& finding = file.findings[j];
        Json o = Json::object();
        o["rule"] = finding.rule_id;
        o["severity"] = core::to_string(finding.severity);
        o["message"] = finding.message;
        o["start"] = point(doc, finding.span.begin);
        o["end"] = point(doc, std::max(finding.span.begin, finding.span.end));
        o["fingerprint"] =
          i < keys.size() && j < keys[i].fingerprints.size() ? keys[i].fingerprints[j] : "";
        if (finding.fix) {
          Json edits = Json::array();
          for (const core::Edit& edit : finding.fix->edits) {
            edits.push_back({{"start", point(doc, edit.span.begin)},
                             {"end", point(doc, std::max(edit.span.begin, edit.span.end))},
                             {"replacement", edit.replacement}});
          }
          o["fix"] = {{"title", finding.fix->title}, {"edits", edits}};
        } else {
          o["fix"] = nullptr;
        }
        findings.push_back(o);
      }
    }
    f["findings"] = findings;
    files.push_back(f);
  }
  Json errors = Json::array();
  for (const core::Error& e : options.config_errors) {
    errors.push_back(error_object(e));
  }
  const Totals totals = count(result);
  Json out = Json::object();
  out["tool"] = {{"name", "presslint"}, {"version", PRESSLINT_VERSION}};
  out["files"] = files;
  out["errors"] = errors;
  out["summary"] = {{"errors", totals.errors},
                    {"warnings", totals.warnings},
                    {"notes", totals.notes},
                    {"files_with_findings", totals.files_with_findings},
                    {"files_checked", result.files_checked}};
  return out.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

} // namespace presslint::report
