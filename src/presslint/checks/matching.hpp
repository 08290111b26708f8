#pragma once

#include <presslint/core/error.hpp>
#include <presslint/rules/params.hpp>

#include <re2/re2.h>

#include <functional>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace presslint::checks {

// An RE2 pattern compiled on first use, once, by whichever thread needs it
// first. Unicode classes make RE2 programs costly to build (\p{L} alone is
// about half a millisecond), and many patterns are reached only by some
// documents (text after the end mark, a second kind of dateline).
class LazyRegex
{
public:
  // `words`: for a word list (compile_words), the alternatives of the
  // alternation `pattern` is, one word each.
  LazyRegex(std::string pattern,
            const RE2::Options& options,
            std::size_t id = 0,
            std::vector<std::string> words = {});
  [[nodiscard]] const RE2& get() const;
  [[nodiscard]] const std::string& pattern() const { return m_pattern; }
  [[nodiscard]] const RE2::Options& options() const { return m_options; }
  // Distinct for each pattern shared_pattern() made, counted from 1.
  [[nodiscard]] std::size_t id() const { return m_id; }
  // Made by compile_words: an alternation of quoted words.
  [[nodiscard]] bool words() const { return !m_words.empty(); }
  // Those words' alternatives, in the alternation's order (none for other
  // patterns).
  [[nodiscard]] const std::vector<std::string>& alternatives() const { return m_words; }

private:
  std::string m_pattern;
  RE2::Options m_options;
  std::size_t m_id;
  std::vector<std::string> m_words;
  mutable std::once_flag m_once;
  mutable std::unique_ptr<const RE2> m_re;
};

// A pattern and whether its matches must stand on word boundaries
// (Unicode-aware: RE2's \b knows only ASCII letters).
struct Pattern
{
  // Shared: the same pattern is compiled once per process (rule files are
  // checked when loaded and their checks built again for every config).
  std::shared_ptr<const LazyRegex> lazy;
  bool whole_words = false;
  std::string source; // as written, for messages

  [[nodiscard]] const RE2& re() const { return lazy->get(); }
};

// The patterns of a pattern_list parameter. Those of a parameter not yet
// checked (a user's rule pack or config) are compiled now, and each one RE2
// rejects is reported at its place in the file; the built-in rules' own
// patterns were checked when presslint was built and compile on first use.
std::vector<Pattern> compile_patterns(const rules::Params& params,
                                      std::string_view name,
                                      std::string_view rule_path,
                                      core::Errors& errors);

// A word list as one pattern that matches any of the words as a whole
// word; a space in a word matches any run of white space. Compiled on
// first use (quoted words always compile).
Pattern compile_words(const std::vector<std::string>& words, bool ignore_case);

// The one LazyRegex of a pattern text and its options, for the whole run
// (`words`: see LazyRegex).
std::shared_ptr<const LazyRegex> shared_pattern(const std::string& pattern,
                                              const RE2::Options& options,
                                              std::vector<std::string> words = {});

// Calls `visit(begin, end)` for each non-overlapping match in `text`.
void for_each_match(const Pattern& pattern,
                    std::string_view text,
                    const std::function<void(std::size_t, std::size_t)>& visit);

// Whether a match in `text` is one `accept(begin, end)` takes: the matches
// are those of for_each_match, tried in turn up to the first taken.
bool any_match(const Pattern& pattern,
               std::string_view text,
               const std::function<bool(std::size_t, std::size_t)>& accept);

// The same matches, found by trying the pattern anchored at each of
// `starts` (ascending), which must hold every offset where it can match.
void for_each_match_from(const Pattern& pattern,
                         std::string_view text,
                         std::span<const std::size_t> starts,
                         const std::function<void(std::size_t, std::size_t)>& visit);

} // namespace presslint::checks
