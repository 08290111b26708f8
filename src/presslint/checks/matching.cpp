#include <presslint/checks/matching.hpp>

#include <presslint/core/utf8.hpp>
#include <presslint/core/word_alternation.hpp>

#include <fmt/format.h>

#include <map>
#include <mutex>
#include <tuple>

namespace presslint::checks {

namespace {

// The offset of the code point after the one at `pos`.
std::size_t
next_code_point(std::string_view text, std::size_t pos)
{
  ++pos;
  while (pos < text.size() && (static_cast<unsigned char>(text[pos]) & 0xC0) == 0x80) {
    ++pos;
  }
  return pos;
}

} // namespace

LazyRegex::LazyRegex(std::string pattern,
                     const RE2::Options& options,
                     std::size_t id,
                     std::vector<std::string> words)
  : m_pattern(std::move(pattern)), m_options(options), m_id(id), m_words(std::move(words))
{
}

const RE2&
LazyRegex::get() const
{
  std::call_once(m_once, [this] { m_re = std::make_unique<const RE2>(m_pattern, m_options); });
  return *m_re;
}

// Patterns by text and options, for the whole run: RE2 objects are
// immutable once built and safe to share between threads.
std::shared_ptr<const LazyRegex>
shared_pattern(const std::string& pattern,
               const RE2::Options& options,
               std::vector<std::string> words)
{
  // The words follow from the pattern: a word list's is their alternation.
  using Key = std::tuple<std::string, bool, std::int64_t, bool>;
  static std::mutex k_mutex;
  static std::map<Key, std::shared_ptr<const LazyRegex>> k_cache;
  Key key{pattern, options.case_sensitive(), options.max_mem(), !words.empty()};
  std::lock_guard<std::mutex> lock(k_mutex);
  if (auto it = k_cache.find(key); it != k_cache.end()) {
    return it->second;
  }
  auto lazy =
    std::make_shared<const LazyRegex>(pattern, options, k_cache.size() + 1, std::move(words));
  return k_cache.emplace(std::move(key), std::move(lazy)).first->second;
}

std::vector<Pattern>
compile_patterns(const rules::Params& params,
                 std::string_view name,
                 std::string_view rule_path,
                 core::Errors& errors)
{
  std::vector<Pattern> out;
  const rules::ParamEntry* entry = params.entry(name);
  if (entry == nullptr) {
    return out;
  }
  RE2::Options options;
  options.set_log_errors(false);
  options.set_max_mem(8 << 20);
  for (const rules::YamlNode& item : entry->node.items) {
    Pattern p;
    p.source = item.value;
    p.lazy = shared_pattern(item.value, options);
    if (!entry->checked && !p.re().ok()) {
      core::Error e;
      e.path = entry->path.empty() ? std::string(rule_path) : entry->path;
      e.line = item.line;
      e.column = item.column;
      e.message = fmt::format("invalid RE2 pattern \"{}\": {}", item.value, p.re().error());
      errors.push_back(std::move(e));
      continue;
    }
    out.push_back(std::move(p));
  }
  return out;
}

Pattern
compile_words(const std::vector<std::string>& words, bool ignore_case)
{
  std::vector<std::string> alternatives = core::word_alternatives(words, core::WordSpacing::runs);
  const std::string alternation = core::join_alternatives(alternatives);
  Pattern p;
  RE2::Options options;
  options.set_log_errors(false);
  options.set_case_sensitive(!ignore_case);
  p.source = alternation;
  // An empty list matches nothing.
  p.lazy = shared_pattern(
    alternation.empty() ? std::string(R"([^\x00-\x{10FFFF}])") : "(" + alternation + ")",
    options, std::move(alternatives));
  p.whole_words = true;
  return p;
}

namespace {

// The matches of `pattern` in `text`, each found from where the last one
// ended: by a search, or with `starts` by anchored tries at the first of
// them at or after that place, which give the match a search would (a
// search finds the first offset where the pattern matches anchored).
// `visit(begin, end)` returns whether to go on; false when it stopped.
template <typename Visit>
bool
each_match(const Pattern& pattern,
           std::string_view text,
           const std::span<const std::size_t>* starts,
           const Visit& visit)
{
  if (!pattern.lazy) {
    return true;
  }
  const RE2& re = pattern.re();
  if (!re.ok()) {
    return true;
  }
  const re2::StringPiece input(text.data(), text.size());
  std::size_t pos = 0;
  std::size_t next_start = 0;
  re2::StringPiece match;
  const auto find = [&] {
    if (starts == nullptr) {
      return pos <= text.size() && re.Match(input, pos, text.size(), RE2::UNANCHORED, &match, 1);
    }
    while (next_start < starts->size()) {
      const std::size_t at = (*starts)[next_start++];
      if (at >= pos && re.Match(input, at, text.size(), RE2::ANCHOR_START, &match, 1)) {
        return true;
      }
    }
    return false;
  };
  while (find()) {
    const auto b = static_cast<std::size_t>(match.data() - text.data());
    const std::size_t e = b + match.size();
    // An empty match, or one inside a word, is tried again one code point
    // further on: "Atkins" holds no "TK".
    if (match.empty() || (pattern.whole_words && !core::is_word_boundary_match(text, b, e))) {
      pos = next_code_point(text, b);
      continue;
    }
    if (!visit(b, e)) {
      return false;
    }
    pos = e;
  }
  return true;
}

} // namespace

void
for_each_match(const Pattern& pattern,
               std::string_view text,
               const std::function<void(std::size_t, std::size_t)>& visit)
{
  each_match(pattern, text, nullptr, [&](std::size_t b, std::size_t e) {
    visit(b, e);
    return true;
  });
}

bool
any_match(const Pattern& pattern,
          std::string_view text,
          const std::function<bool(std::size_t, std::size_t)>& accept)
{
  return !each_match(pattern, text, nullptr,
                     [&](std::size_t b, std::size_t e) { return !accept(b, e); });
}

void
for_each_match_from(const Pattern& pattern,
                    std::string_view text,
                    std::span<const std::size_t> starts,
                    const std::function<void(std::size_t, std::size_t)>& visit)
{
  each_match(pattern, text, &starts, [&](std::size_t b, std::size_t e) {
    visit(b, e);
    return true;
  });
}

} // namespace presslint::checks
