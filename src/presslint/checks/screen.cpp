#include <presslint/checks/screen.hpp>

#include <algorithm>

namespace presslint::checks {

namespace {

bool
has_unicode_class(const std::string& pattern)
{
  for (std::size_t i = 0; i + 1 < pattern.size(); ++i) {
    if (pattern[i] == '\\') {
      if (pattern[i + 1] == 'p' || pattern[i + 1] == 'P') {
        return true;
      }
      ++i; // an escaped character, such as "\\\\p"
    }
  }
  return false;
}

} // namespace

PatternScreen::PatternScreen(const std::vector<std::shared_ptr<const LazyRegex>>& patterns)
{
  for (const auto& p : patterns) {
    if (!p || p->id() == 0 || has_unicode_class(p->pattern())) {
      continue;
    }
    if (p->id() >= m_slots.size()) {
      m_slots.resize(p->id() + 1, -1);
    }
    if (m_slots[p->id()] >= 0) {
      continue;
    }
    m_slots[p->id()] = static_cast<int>(m_sources.size());
    // The set has one set of options: a pattern's own go into the pattern.
    m_sources.push_back(p->options().case_sensitive() ? "(?:" + p->pattern() + ")"
                                                      : "(?i:" + p->pattern() + ")");
    m_patterns.push_back(p);
  }
}

int
PatternScreen::slot(const LazyRegex* pattern) const
{
  return pattern->id() < m_slots.size() ? m_slots[pattern->id()] : -1;
}

bool
PatternScreen::screen(std::string_view text, std::vector<int>& slots) const
{
  std::call_once(m_once, [this] {
    RE2::Options options;
    options.set_log_errors(false);
    options.set_max_mem(64 << 20);
    auto set = std::make_unique<RE2::Set>(options, RE2::UNANCHORED);
    for (const std::string& s : m_sources) {
      std::string error;
      if (set->Add(s, &error) < 0) {
        return; // not a valid pattern: no screen, every pattern is tried
      }
    }
    if (set->Compile()) {
      m_set = std::move(set);
    }
  });
  if (!m_set) {
    return false;
  }
  slots.clear();
  RE2::Set::ErrorInfo info{};
  if (!m_set->Match(re2::StringPiece(text.data(), text.size()), &slots, &info)
      && info.kind != RE2::Set::kNoError) {
    return false;
  }
  std::sort(slots.begin(), slots.end());
  return true;
}

bool
ScreenCache::may_match(const Pattern& pattern, const document::MappedText& text)
{
  if (m_screen == nullptr || !pattern.lazy) {
    return true;
  }
  const int slot = m_screen->slot(pattern.lazy.get());
  if (slot < 0) {
    return true;
  }
  if (m_last_text != &text) {
    auto [it, inserted] = m_hits.try_emplace(&text);
    if (inserted) {
      std::vector<int> slots;
      it->second.ran = m_screen->screen(text.text, slots);
      it->second.matched.assign(m_screen->size(), false);
      for (const int s : slots) {
        it->second.matched[static_cast<std::size_t>(s)] = true;
      }
    }
    m_last_text = &text;
    m_last = &it->second;
  }
  return !m_last->ran || m_last->matched[static_cast<std::size_t>(slot)];
}

} // namespace presslint::checks
