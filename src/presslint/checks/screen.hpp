#pragma once

// One pass over a text for many patterns (RE2::Set), so that a check scans
// a text with one of its patterns only when the set says it can match: a
// rule pack of two hundred word lists costs one pass a text, not two
// hundred.

#include <presslint/checks/matching.hpp>
#include <presslint/document/document.hpp>
#include <presslint/document/regions.hpp>

#include <re2/set.h>

#include <map>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <tuple>
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

  // Compiles the set now rather than on first use (see compile_all in
  // document/regions.hpp).
  void compile() const;

  // The slot of a pattern in the set, or -1 when it is not screened.
  [[nodiscard]] int slot(const LazyRegex* pattern) const;
  // The slots of the patterns that match somewhere in `text`, sorted. False
  // when the set could not run (it ran out of memory): try every pattern.
  bool screen(std::string_view text, std::vector<int>& slots) const;
  [[nodiscard]] std::size_t size() const { return m_words.size(); }
  // Whether the pattern in `slot` is a word list (LazyRegex::words()).
  [[nodiscard]] bool words(int slot) const { return m_words[static_cast<std::size_t>(slot)]; }
  // Whether more than one check looks for the pattern in `slot`.
  [[nodiscard]] bool shared(int slot) const { return m_shared[static_cast<std::size_t>(slot)]; }
  // Every offset in `text` where one of the word lists matches, anchored
  // there: one pattern that is the alternation of them all, searched again
  // from one byte after each start it finds. False, with `starts` cut
  // short, once there are more than `most` (or when that pattern could not
  // be built).
  bool starts(std::string_view text, std::size_t most, std::vector<std::size_t>& starts) const;

  // A number for each scope (list of region names) that checks name
  // when they bind to the screen (Check::bind), the same for equal lists.
  std::size_t scope_id(const std::vector<std::string>& scope);
  [[nodiscard]] std::size_t scopes() const { return m_scopes.size(); }

private:
  std::vector<std::vector<std::string>> m_scopes;
  std::vector<int> m_slots;  // by LazyRegex::id(); -1: not screened
  std::vector<bool> m_words; // by slot
  std::vector<bool> m_shared; // by slot
  // The set's entries: each screened pattern, but a word list as its words,
  // each distinct word once however many lists name it (in a set of many
  // lists that share words, the automaton's states are then far smaller);
  // and the slots each entry stands for.
  std::vector<std::string> m_entries;
  std::vector<std::vector<int>> m_entry_slots;
  std::vector<bool> m_entry_words; // a word of a word list
  std::vector<std::shared_ptr<const LazyRegex>> m_patterns; // kept alive
  mutable std::once_flag m_once;
  mutable std::unique_ptr<RE2::Set> m_set;
  mutable std::once_flag m_any_once;
  mutable std::unique_ptr<const RE2> m_any; // w1|w2|...: where a word list can start
};

// What a check that looks at the texts of one scope for a list of
// patterns learns from its rule set's screen when it binds to it.
struct ScreenBinding
{
  const PatternScreen* screen = nullptr; // nullptr: not bound
  std::size_t scope = 0;                 // PatternScreen::scope_id
  std::vector<int> slots;                // the patterns' slots, all screened

  // Binds to `screen` for `patterns` in `scope`; left unbound when one of
  // the patterns is not screened (it must always be tried).
  void bind(PatternScreen& screen,
            const std::vector<std::string>& scope,
            std::span<const LazyRegex* const> patterns);
};

// The screen's answers for one document, each text screened once.
class ScreenCache
{
public:
  explicit ScreenCache(const PatternScreen* screen) : m_screen(screen) {}
  // False only when `pattern` cannot match anywhere in `text`.
  bool may_match(const Pattern& pattern, const document::MappedText& text);

  // Calls `visit(begin, end)` for each match of `pattern` in `text`, the
  // same matches as checks::for_each_match, and none when the screen says
  // it cannot match. Where many of the screen's patterns match in one text
  // (a rule pack of word lists), the places where any of them can start
  // are found once, and each pattern is tried only there, anchored: one
  // scan of the text instead of one a pattern.
  void for_each_match(const Pattern& pattern,
                      const document::MappedText& text,
                      const std::function<void(std::size_t, std::size_t)>& visit);
  // The same for the `index`th of the patterns a check bound with
  // `binding`, whose slot the binding knows.
  void for_each_match(const ScreenBinding& binding,
                      std::size_t index,
                      const Pattern& pattern,
                      const document::MappedText& text,
                      const std::function<void(std::size_t, std::size_t)>& visit);

  // Calls `visit` for each text of `scope` in `doc` (the texts of
  // for_each_scoped_text, in its order) in which the screen says one of
  // the bound patterns can match: a rule of a pack whose words a release
  // does not use costs one look, not one a text. Each scope's texts are
  // listed, and screened together, once a document. Without a binding to
  // this cache's screen, every text of `scope` is visited.
  void for_each_text(const document::Document& doc,
                     const document::Regions& regions,
                     const std::vector<std::string>& scope,
                     const ScreenBinding& binding,
                     const std::function<void(const document::MappedText&)>& visit);

  // Texts whose matches were looked for from their starts (for tests).
  [[nodiscard]] std::size_t texts_located() const { return m_located; }
  // Searches for a shared pattern's matches in a text (for tests): the
  // rules that share it are given the matches of the first search.
  [[nodiscard]] std::size_t shared_searches() const { return m_shared_matches.size(); }

private:
  struct Hits
  {
    bool ran = false;
    std::vector<int> slots;    // that matched, sorted
    std::vector<bool> matched; // by slot
    std::size_t words = 0;     // word lists that matched
    bool located = false;      // starts looked for
    bool usable = false;       // and few enough found
    std::vector<std::size_t> starts;

    // Whether the screen ran on the text and found the pattern in `slot`
    // nowhere in it.
    [[nodiscard]] bool rules_out(int slot) const
    {
      return slot >= 0 && ran && !matched[static_cast<std::size_t>(slot)];
    }
  };
  struct Scope
  {
    bool listed = false;
    std::vector<const document::MappedText*> texts;
    std::vector<const Hits*> hits; // of each text
    bool ran = true;       // the set ran on every text
    std::vector<bool> any; // by slot: matched in one of the texts
  };
  Hits* hits_for(const document::MappedText& text);
  // for_each_match, for a pattern in `slot` of the screen (-1: none).
  void matches_in(const Pattern& pattern,
                  int slot,
                  const document::MappedText& text,
                  const std::function<void(std::size_t, std::size_t)>& visit);
  // The same, searched for afresh.
  void search(const Pattern& pattern,
              int slot,
              Hits* hits,
              const document::MappedText& text,
              const std::function<void(std::size_t, std::size_t)>& visit);
  std::vector<Scope> m_scopes; // by PatternScreen::scope_id
  const PatternScreen* m_screen;
  std::unordered_map<const document::MappedText*, Hits> m_hits;
  // A check asks for each of its patterns in turn on the same text.
  const document::MappedText* m_last_text = nullptr;
  Hits* m_last = nullptr;
  std::size_t m_located = 0;
  // The matches of shared patterns: by slot, whole words or not, and text.
  std::map<std::tuple<int, bool, const document::MappedText*>,
           std::vector<std::pair<std::size_t, std::size_t>>>
    m_shared_matches;
};

} // namespace presslint::checks
