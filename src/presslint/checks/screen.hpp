#pragma once

// One pass over a text for many patterns (RE2::Set), so that a check scans
// a text with one of its patterns only when the set says it can match: a
// rule pack of two hundred word lists costs one pass a text, not two
// hundred.

#include <presslint/checks/matching.hpp>
#include <presslint/document/document.hpp>

#include <re2/set.h>

#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace presslint::checks {

class PatternScreen
{
public:
  // Patterns with Unicode classes (\p, \P) are left out, and so always
  // tried: they are few, and compiling them a second time costs more than
  // it saves. The set itself is compiled on first use.
  explicit PatternScreen(const std::vector<std::shared_ptr<const LazyRegex>>& patterns);

  // The slot of a pattern in the set, or -1 when it is not screened.
  [[nodiscard]] int slot(const LazyRegex* pattern) const;
  // The slots of the patterns that match somewhere in `text`, sorted. False
  // when the set could not run (it ran out of memory): try every pattern.
  bool screen(std::string_view text, std::vector<int>& slots) const;
  [[nodiscard]] std::size_t size() const { return m_sources.size(); }

private:
  std::vector<int> m_slots; // by LazyRegex::id(); -1: not screened
  std::vector<std::string> m_sources;
  std::vector<std::shared_ptr<const LazyRegex>> m_patterns; // kept alive
  mutable std::once_flag m_once;
  mutable std::unique_ptr<RE2::Set> m_set;
};

// The screen's answers for one document, each text screened once.
class ScreenCache
{
public:
  explicit ScreenCache(const PatternScreen* screen) : m_screen(screen) {}
  // False only when `pattern` cannot match anywhere in `text`.
  bool may_match(const Pattern& pattern, const document::MappedText& text);

private:
  struct Hits
  {
    bool ran = false;
    std::vector<bool> matched; // by slot
  };
  const PatternScreen* m_screen;
  std::unordered_map<const document::MappedText*, Hits> m_hits;
  // A check asks for each of its patterns in turn on the same text.
  const document::MappedText* m_last_text = nullptr;
  const Hits* m_last = nullptr;
};

} // namespace presslint::checks
