#include <presslint/lsp/link_results.hpp>

namespace presslint::lsp {

std::vector<core::Finding>
link_findings(const document::Document& document, const LinkVerdicts& verdicts)
{
  std::vector<core::Finding> out;
  if (verdicts.empty()) {
    return out;
  }
  for (const document::Link& link : document.links) {
    const auto it = verdicts.find(link.target);
    if (it == verdicts.end()) {
      continue;
    }
    for (const LinkVerdict& v : it->second) {
      core::Finding f;
      f.rule_id = v.rule_id;
      f.severity = v.severity;
      f.message = v.message;
      f.span = link.target_span;
      f.matched = link.target;
      out.push_back(std::move(f));
    }
  }
  return out;
}

} // namespace presslint::lsp
