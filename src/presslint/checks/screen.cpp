#include <presslint/checks/screen.hpp>

#include <presslint/checks/check.hpp>

#include <algorithm>
#include <unordered_map>

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
  std::unordered_map<std::string, std::size_t> entry_of;
  for (const auto& p : patterns) {
    if (!p || p->id() == 0 || has_unicode_class(p->pattern())) {
      continue;
    }
    if (p->id() >= m_slots.size()) {
      m_slots.resize(p->id() + 1, -1);
    }
    if (m_slots[p->id()] >= 0) {
      m_shared[static_cast<std::size_t>(m_slots[p->id()])] = true;
      continue;
    }
    const int slot = static_cast<int>(m_words.size());
    m_slots[p->id()] = slot;
    m_words.push_back(p->words());
    m_shared.push_back(false);
    m_patterns.push_back(p);
    // The set has one set of options: a pattern's own go into the pattern.
    const char* open = p->options().case_sensitive() ? "(?:" : "(?i:";
    auto add = [&](const std::string& source, bool word) {
      const auto [it, added] = entry_of.try_emplace(open + source + ")", m_entries.size());
      if (added) {
        m_entries.push_back(it->first);
        m_entry_slots.emplace_back();
        m_entry_words.push_back(false);
      }
      std::vector<int>& slots = m_entry_slots[it->second];
      if (slots.empty() || slots.back() != slot) {
        slots.push_back(slot);
      }
      if (word) {
        m_entry_words[it->second] = true;
      }
    };
    if (p->words()) {
      for (const std::string& word : p->alternatives()) {
        add(word, true);
      }
    } else {
      add(p->pattern(), false);
    }
  }
}

int
PatternScreen::slot(const LazyRegex* pattern) const
{
  return pattern->id() < m_slots.size() ? m_slots[pattern->id()] : -1;
}

void
PatternScreen::compile() const
{
  std::call_once(m_once, [this] {
    RE2::Options options;
    options.set_log_errors(false);
    options.set_max_mem(64 << 20);
    auto set = std::make_unique<RE2::Set>(options, RE2::UNANCHORED);
    for (const std::string& s : m_entries) {
      std::string error;
      if (set->Add(s, &error) < 0) {
        return; // not a valid pattern: no screen, every pattern is tried
      }
    }
    if (set->Compile()) {
      m_set = std::move(set);
    }
  });
}

bool
PatternScreen::screen(std::string_view text, std::vector<int>& slots) const
{
  compile();
  if (!m_set) {
    return false;
  }
  slots.clear();
  std::vector<int> entries;
  RE2::Set::ErrorInfo info{};
  if (!m_set->Match(re2::StringPiece(text.data(), text.size()), &entries, &info)
      && info.kind != RE2::Set::kNoError) {
    return false;
  }
  for (const int e : entries) {
    const std::vector<int>& of = m_entry_slots[static_cast<std::size_t>(e)];
    slots.insert(slots.end(), of.begin(), of.end());
  }
  std::sort(slots.begin(), slots.end());
  slots.erase(std::unique(slots.begin(), slots.end()), slots.end());
  return true;
}

bool
PatternScreen::starts(std::string_view text, std::size_t most, std::vector<std::size_t>& starts) const
{
  std::call_once(m_any_once, [this] {
    std::string any;
    for (std::size_t e = 0; e < m_entries.size(); ++e) {
      if (m_entry_words[e]) {
        any += any.empty() ? "" : "|";
        any += m_entries[e];
      }
    }
    if (any.empty()) {
      return;
    }
    RE2::Options options;
    options.set_log_errors(false);
    options.set_max_mem(64 << 20);
    auto re = std::make_unique<const RE2>(any, options);
    if (re->ok()) {
      m_any = std::move(re);
    }
  });
  starts.clear();
  if (!m_any) {
    return false;
  }
  const re2::StringPiece input(text.data(), text.size());
  re2::StringPiece match;
  std::size_t from = 0;
  while (from <= text.size() && m_any->Match(input, from, text.size(), RE2::UNANCHORED, &match, 1)) {
    if (starts.size() == most) {
      return false;
    }
    const auto at = static_cast<std::size_t>(match.data() - text.data());
    starts.push_back(at);
    from = at + 1;
  }
  return true;
}

ScreenCache::Hits*
ScreenCache::hits_for(const document::MappedText& text)
{
  if (m_last_text != &text) {
    auto [it, inserted] = m_hits.try_emplace(&text);
    if (inserted) {
      Hits& hits = it->second;
      hits.ran = m_screen->screen(text.text, hits.slots);
      if (!hits.ran) {
        hits.slots.clear();
      }
      hits.matched.assign(m_screen->size(), false);
      for (const int s : hits.slots) {
        hits.matched[static_cast<std::size_t>(s)] = true;
      }
      hits.words = static_cast<std::size_t>(std::count_if(
        hits.slots.begin(), hits.slots.end(), [this](int s) { return m_screen->words(s); }));
    }
    m_last_text = &text;
    m_last = &it->second;
  }
  return m_last;
}

bool
ScreenCache::may_match(const Pattern& pattern, const document::MappedText& text)
{
  if (m_screen == nullptr || !pattern.lazy) {
    return true;
  }
  const int slot = m_screen->slot(pattern.lazy.get());
  return slot < 0 || !hits_for(text)->rules_out(slot);
}

std::size_t
PatternScreen::scope_id(const std::vector<std::string>& scope)
{
  const auto it = std::find(m_scopes.begin(), m_scopes.end(), scope);
  if (it != m_scopes.end()) {
    return static_cast<std::size_t>(it - m_scopes.begin());
  }
  m_scopes.push_back(scope);
  return m_scopes.size() - 1;
}

void
ScreenBinding::bind(PatternScreen& s,
                    const std::vector<std::string>& in,
                    std::span<const LazyRegex* const> patterns)
{
  screen = nullptr;
  slots.clear();
  for (const LazyRegex* p : patterns) {
    const int slot = p != nullptr ? s.slot(p) : -1;
    if (slot < 0) {
      slots.clear();
      return;
    }
    slots.push_back(slot);
  }
  if (!slots.empty()) {
    screen = &s;
    scope = s.scope_id(in);
  }
}

void
ScreenCache::for_each_text(const document::Document& doc,
                           const document::Regions& regions,
                           const std::vector<std::string>& scope,
                           const ScreenBinding& binding,
                           const std::function<void(const document::MappedText&)>& visit)
{
  if (m_screen == nullptr || binding.screen != m_screen) {
    for_each_scoped_text(doc, regions, scope, visit);
    return;
  }
  if (m_scopes.size() < m_screen->scopes()) {
    m_scopes.resize(m_screen->scopes());
  }
  Scope& s = m_scopes[binding.scope];
  if (!s.listed) {
    s.listed = true;
    for_each_scoped_text(doc, regions, scope, [&](const document::MappedText& text) {
      s.texts.push_back(&text);
    });
    s.any.assign(m_screen->size(), false);
    for (const document::MappedText* text : s.texts) {
      const Hits* hits = hits_for(*text);
      s.hits.push_back(hits);
      s.ran = s.ran && hits->ran;
      for (const int slot : hits->slots) {
        s.any[static_cast<std::size_t>(slot)] = true;
      }
    }
  }
  const auto none = [&](const std::vector<bool>& matched) {
    return std::none_of(binding.slots.begin(), binding.slots.end(),
                        [&](int slot) { return matched[static_cast<std::size_t>(slot)]; });
  };
  if (s.ran && none(s.any)) {
    return;
  }
  for (std::size_t k = 0; k < s.texts.size(); ++k) {
    if (!s.hits[k]->ran || !none(s.hits[k]->matched)) {
      visit(*s.texts[k]);
    }
  }
}

void
ScreenCache::for_each_match(const Pattern& pattern,
                            const document::MappedText& text,
                            const std::function<void(std::size_t, std::size_t)>& visit)
{
  const int slot = m_screen != nullptr && pattern.lazy ? m_screen->slot(pattern.lazy.get()) : -1;
  matches_in(pattern, slot, text, visit);
}

void
ScreenCache::for_each_match(const ScreenBinding& binding,
                            std::size_t index,
                            const Pattern& pattern,
                            const document::MappedText& text,
                            const std::function<void(std::size_t, std::size_t)>& visit)
{
  if (m_screen != nullptr && binding.screen == m_screen) {
    matches_in(pattern, binding.slots[index], text, visit);
  } else {
    for_each_match(pattern, text, visit);
  }
}

void
ScreenCache::matches_in(const Pattern& pattern,
                        int slot,
                        const document::MappedText& text,
                        const std::function<void(std::size_t, std::size_t)>& visit)
{
  Hits* hits = slot >= 0 ? hits_for(text) : nullptr;
  if (hits != nullptr && hits->rules_out(slot)) {
    return;
  }
  // Several rules that look for one pattern in one text: one search.
  if (hits != nullptr && m_screen->shared(slot)) {
    const auto [it, first] =
      m_shared_matches.try_emplace(std::make_tuple(slot, pattern.whole_words, &text));
    if (first) {
      search(pattern, slot, hits, text,
             [&found = it->second](std::size_t b, std::size_t e) { found.emplace_back(b, e); });
    }
    for (const auto& [b, e] : it->second) {
      visit(b, e);
    }
    return;
  }
  search(pattern, slot, hits, text, visit);
}

void
ScreenCache::search(const Pattern& pattern,
                    int slot,
                    Hits* hits,
                    const document::MappedText& text,
                    const std::function<void(std::size_t, std::size_t)>& visit)
{
  // Below this many word lists matching in a text, scanning the text once
  // for each costs less than finding where any of them starts. Other
  // patterns are always scanned for: an alternation of them all can be
  // slow to search (its automaton outgrows its memory).
  constexpr std::size_t k_many_lists = 8;
  if (hits == nullptr || !m_screen->words(slot) || !hits->ran || hits->words < k_many_lists) {
    checks::for_each_match(pattern, text.text, visit);
    return;
  }
  if (!hits->located) {
    hits->located = true;
    // Each start costs every matching pattern an anchored try, each byte
    // of the text one step of a scan: past about one start in 64 bytes,
    // scanning is cheaper.
    hits->usable = m_screen->starts(text.text, 4 + text.text.size() / 64, hits->starts);
    if (hits->usable) {
      ++m_located;
    } else {
      std::vector<std::size_t>().swap(hits->starts);
    }
  }
  if (!hits->usable) {
    checks::for_each_match(pattern, text.text, visit);
    return;
  }
  for_each_match_from(pattern, text.text, hits->starts, visit);
}

} // namespace presslint::checks
