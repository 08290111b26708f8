#pragma once

#include <presslint/core/finding.hpp>
#include <presslint/document/document.hpp>

#include <array>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace re2 {
class RE2;
}

namespace presslint::document {

// The words that mark the parts of a release (rules/data/regions.yaml).
struct Vocabulary
{
  std::vector<std::string> immediate;
  std::vector<std::string> embargo;
  std::vector<std::string> label;
  std::vector<std::string> end_marks;
  std::vector<std::string> contact_labels;
  std::vector<std::string> notes_labels;
  std::vector<std::string> boilerplate_labels;
};

// The vocabulary compiled into patterns once per run, shared read-only.
class RegionMatcher
{
public:
  explicit RegionMatcher(const Vocabulary& vocabulary);
  ~RegionMatcher();
  RegionMatcher(const RegionMatcher&) = delete;
  RegionMatcher& operator=(const RegionMatcher&) = delete;

  const re2::RE2& immediate() const { return m_immediate.get(); }
  const re2::RE2& embargo() const { return m_embargo.get(); }
  const re2::RE2& label() const { return m_label.get(); }
  const re2::RE2& end_mark_line() const { return m_end_mark_line.get(); }
  const re2::RE2& end_mark_trailing() const { return m_end_mark_trailing.get(); }
  const re2::RE2& contact() const { return m_contact.get(); }
  const re2::RE2& notes() const { return m_notes.get(); }
  // A boilerplate title: a label followed by a name ("About Acme", not
  // "About 200 people will work there").
  bool boilerplate_title(std::string_view text) const;

  // Compiles every pattern now, rather than on first use: for a run over
  // many releases, which will need them all, on a thread that has time.
  // They are compiled in about the reverse of the order a release first
  // needs them, so that a thread that needs them meanwhile compiles the
  // first ones while this one compiles the last.
  void compile_all() const;

  // The line patterns, as bits of line_candidates().
  enum LinePattern : unsigned {
    immediate_label = 1U << 0,
    embargo_label = 1U << 1,
    release_label = 1U << 2,
    contact_label = 1U << 3,
    notes_label = 1U << 4,
    end_mark_alone = 1U << 5,
    end_mark_after = 1U << 6,
  };
  // The line patterns that may match `line`. A label begins at the first
  // character after the markup in front of it, and an end mark ends at the
  // last one before the markup after it: a line whose characters there
  // begin (or end) none of a pattern's words is not tried against it.
  [[nodiscard]] unsigned line_candidates(std::string_view line) const;

private:
  // A pattern compiled on first use, from whichever thread comes first: a
  // release whose lines never get past line_candidates() to a pattern does
  // not pay for compiling it.
  class LazyPattern
  {
  public:
    explicit LazyPattern(std::string pattern);
    ~LazyPattern();
    LazyPattern(const LazyPattern&) = delete;
    LazyPattern& operator=(const LazyPattern&) = delete;
    const re2::RE2& get() const;

  private:
    std::string m_pattern;
    mutable std::once_flag m_once;
    mutable std::unique_ptr<re2::RE2> m_re;
  };

  // For each label pattern, the ASCII characters its labels begin with,
  // in either case (a label beginning otherwise: the pattern is always
  // tried).
  struct LabelStarts
  {
    std::array<bool, 128> ascii{};
    bool any = false;
  };
  // The bytes end marks begin and end with (a mark beginning or ending with
  // markup or a space: the pattern is always tried).
  struct MarkEnds
  {
    std::array<bool, 256> first{};
    std::array<bool, 256> last{};
    bool any = false;
  };
  std::array<LabelStarts, 5> m_label_starts;
  MarkEnds m_marks;
  MarkEnds m_symbol_marks;

  LazyPattern m_immediate;
  LazyPattern m_embargo;
  LazyPattern m_label;
  LazyPattern m_end_mark_line;
  LazyPattern m_end_mark_trailing;
  LazyPattern m_contact;
  LazyPattern m_notes;
  LazyPattern m_boilerplate;
};

enum class ReleaseLineKind { immediate, embargo, label };

struct ReleaseLine
{
  ReleaseLineKind kind = ReleaseLineKind::immediate;
  std::size_t line = 0;   // index into Document::lines
  core::Span span;        // the label and what follows it on the line
  core::Span label;       // the label alone ("FOR IMMEDIATE RELEASE")
};

struct EndMark
{
  std::size_t line = 0;   // index into Document::lines
  core::Span span;        // the mark
  bool alone = true;      // on a line of its own
  std::string text;       // as written, without emphasis
};

struct ContactBlock
{
  std::size_t first_line = 0; // the label's line
  std::size_t last_line = 0;  // inclusive
  core::Span label;
  core::Span span;
};

// The parts of a release, found once per document. Block and line indices
// refer to Document::blocks and Document::lines.
struct Regions
{
  std::vector<ReleaseLine> release_lines;       // before the headline
  std::optional<std::size_t> headline;          // block index
  std::optional<std::size_t> dateline_block;    // first body paragraph
  std::vector<std::size_t> body;                // body blocks (prose, before the end mark)
  std::vector<std::size_t> boilerplate;         // "About ..." blocks
  std::vector<std::size_t> notes;               // notes to editors
  std::vector<ContactBlock> contacts;
  std::vector<EndMark> end_marks;
  std::vector<core::Span> quotations;           // quoted speech in the body
  std::size_t body_end = 0;                     // source offset where the body ends

  [[nodiscard]] bool is_body(std::size_t block) const;
  [[nodiscard]] bool is_boilerplate(std::size_t block) const;
  [[nodiscard]] bool in_quotation(core::Span span) const;
};

Regions detect_regions(const Document& doc, const RegionMatcher& matcher);

} // namespace presslint::document
