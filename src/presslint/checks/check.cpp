#include <presslint/checks/check.hpp>
#include <presslint/checks/kinds.hpp>
#include <presslint/rules/rule.hpp>

#include <algorithm>
#include <stdexcept>

namespace presslint::checks {

std::string
format_message(std::string_view message, const Vars& vars)
{
  std::string out;
  out.reserve(message.size() + 32);
  std::size_t i = 0;
  while (i < message.size()) {
    // The text up to the next "{" as it is.
    const std::size_t open = std::min(message.find('{', i), message.size());
    out.append(message.substr(i, open - i));
    i = open;
    if (i == message.size()) {
      break;
    }
    const std::size_t close = message.find('}', i);
    if (close != std::string_view::npos) {
      const std::string_view name = message.substr(i + 1, close - i - 1);
      auto it = std::find_if(vars.begin(), vars.end(),
                             [&](const auto& v) { return v.first == name; });
      if (it != vars.end()) {
        out += it->second;
        i = close + 1;
        continue;
      }
    }
    out += '{';
    ++i;
  }
  return out;
}

std::vector<std::string>
message_placeholders(std::string_view message)
{
  std::vector<std::string> out;
  std::size_t i = 0;
  while ((i = message.find('{', i)) != std::string_view::npos) {
    const std::size_t close = message.find('}', i);
    if (close == std::string_view::npos) {
      break;
    }
    const std::string_view name = message.substr(i + 1, close - i - 1);
    if (!name.empty()
        && std::all_of(name.begin(), name.end(), [](char ch) {
             return (ch >= 'a' && ch <= 'z') || ch == '-' || ch == '_';
           })) {
      out.emplace_back(name);
    }
    i = close + 1;
  }
  return out;
}

void
Context::report(core::Span span,
                const Vars& vars,
                std::string matched,
                std::optional<core::Fix> fix) const
{
  core::Finding f;
  f.rule_id = rule.id;
  f.severity = severity;
  f.message = format_message(rule.message, vars);
  f.span = span;
  f.fix = std::move(fix);
  f.matched = std::move(matched);
  out.push_back(std::move(f));
}

std::span<const KindSpec>
kinds()
{
  static const std::vector<KindSpec> k_kinds = [] {
    std::vector<KindSpec> v;
#define PRESSLINT_KIND(kind_name, cls)                                                                  \
  v.push_back(cls::spec());                                                                        \
  if (v.back().name != #kind_name) {                                                                    \
    throw std::logic_error("kinds.def names " #kind_name " but its class says otherwise");           \
  }
#include <presslint/checks/kinds.def>
#undef PRESSLINT_KIND
    return v;
  }();
  return k_kinds;
}

const KindSpec*
find_kind(std::string_view name)
{
  for (const KindSpec& k : kinds()) {
    if (k.name == name) {
      return &k;
    }
  }
  return nullptr;
}

void
param_error(const rules::Params& params,
            std::string_view name,
            std::string_view rule_path,
            std::string message,
            core::Errors& errors)
{
  const rules::ParamEntry* e = params.entry(name);
  // A kind's default has no place in any file: the rule file is named.
  const bool located = e != nullptr && !e->path.empty() && e->path != "<default>";
  errors.push_back(core::Error{located ? e->path : std::string(rule_path),
                               located ? e->node.line : 0,
                               located ? e->node.column : 0,
                               std::move(message),
                               {}});
}

void
for_each_scoped_text(const document::Document& doc,
                     const document::Regions& regions,
                     const std::vector<std::string>& scope,
                     const std::function<void(const document::MappedText&)>& visit)
{
  // Sorted vectors, not sets: this runs for every rule on every document.
  std::vector<std::size_t> blocks;
  std::vector<std::size_t> lines;
  for (const std::string& s : scope) {
    if (s == "all") {
      for (std::size_t i = 0; i < doc.blocks.size(); ++i) {
        const auto kind = doc.blocks[i].kind;
        if (kind != document::BlockKind::code && kind != document::BlockKind::html) {
          blocks.push_back(i);
        }
      }
    } else if (s == "headline") {
      if (regions.headline) {
        blocks.push_back(*regions.headline);
      }
    } else if (s == "body" || s == "quotation") {
      blocks.insert(blocks.end(), regions.body.begin(), regions.body.end());
    } else if (s == "boilerplate") {
      blocks.insert(blocks.end(), regions.boilerplate.begin(), regions.boilerplate.end());
    } else if (s == "notes") {
      blocks.insert(blocks.end(), regions.notes.begin(), regions.notes.end());
    } else if (s == "contact") {
      for (const auto& c : regions.contacts) {
        for (std::size_t l = c.first_line; l <= c.last_line; ++l) {
          lines.push_back(l);
        }
      }
    } else if (s == "release-line") {
      for (const auto& r : regions.release_lines) {
        lines.push_back(r.line);
      }
    }
  }
  const auto sort_unique = [](std::vector<std::size_t>& v) {
    std::sort(v.begin(), v.end());
    v.erase(std::unique(v.begin(), v.end()), v.end());
  };
  sort_unique(blocks);
  sort_unique(lines);
  for (const std::size_t b : blocks) {
    visit(doc.blocks[b].content);
  }
  for (const std::size_t l : lines) {
    // A line already seen as part of a block is not visited twice.
    const std::size_t b = doc.lines[l].block;
    if (b != document::Line::npos && std::binary_search(blocks.begin(), blocks.end(), b)) {
      continue;
    }
    visit(doc.lines[l].content);
  }
}

} // namespace presslint::checks
