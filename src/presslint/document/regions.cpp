#include <presslint/document/regions.hpp>

#include <presslint/core/regex_groups.hpp>
#include <presslint/core/utf8.hpp>
#include <presslint/core/word_alternation.hpp>

#include <re2/re2.h>

#include <algorithm>

namespace presslint::document {

namespace {

// Markdown emphasis, escapes and quote markers that may wrap a label.
constexpr std::string_view k_wrap = R"([\s>*_\\~]*)";

std::string
alternation(std::vector<std::string> words, bool escaped_chars = false)
{
  const std::string out = core::word_alternation(
    std::move(words), escaped_chars ? core::WordSpacing::escaped_marks : core::WordSpacing::runs);
  // An empty list matches nothing.
  return out.empty() ? std::string(R"([^\x00-\x{10FFFF}])") : out;
}

std::unique_ptr<RE2>
compile(const std::string& pattern)
{
  RE2::Options options;
  options.set_log_errors(false);
  return std::make_unique<RE2>(pattern, options);
}

std::vector<std::string>
symbol_marks(const std::vector<std::string>& marks)
{
  std::vector<std::string> out;
  for (const std::string& m : marks) {
    if (std::none_of(m.begin(), m.end(), [](char c) {
          return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        })) {
      out.push_back(m);
    }
  }
  return out;
}

// What the start of a label pattern ("^" + k_wrap + "(?:#{1,6}\s+)?" +
// k_wrap) can take before the label: RE2's \s (tab, line feed, form feed,
// carriage return, space), the wrapping marks and "#".
bool
is_label_head(char c)
{
  return std::string_view(" \t\n\f\r>*_\\~#").find(c) != std::string_view::npos;
}

// The characters the labels of `words` begin with, in either case; `any`
// when one begins with something else, which is then not looked at.
template <typename Starts>
Starts
label_starts(const std::vector<std::string>& words)
{
  Starts out;
  for (const std::string& word : words) {
    if (word.empty()) {
      continue; // left out of the alternation
    }
    const auto c = static_cast<unsigned char>(word.front());
    const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (!letter && !(c >= '0' && c <= '9')) {
      out.any = true;
      continue;
    }
    out.ascii[c] = true;
    if (letter) {
      out.ascii[c ^ 0x20U] = true; // the other case
    }
  }
  return out;
}

// What k_wrap takes: RE2's \s, ">", "*", "_", "\" and "~".
bool
is_wrap(char c)
{
  return std::string_view(" \t\n\f\r>*_\\~").find(c) != std::string_view::npos;
}

// The bytes `marks` begin and end with.
template <typename Ends>
Ends
mark_ends(const std::vector<std::string>& marks)
{
  Ends out;
  for (const std::string& mark : marks) {
    if (mark.empty()) {
      continue; // left out of the alternation
    }
    if (is_wrap(mark.front()) || is_wrap(mark.back())) {
      out.any = true;
      continue;
    }
    out.first[static_cast<unsigned char>(mark.front())] = true;
    out.last[static_cast<unsigned char>(mark.back())] = true;
  }
  return out;
}

// The first group of the first match of `re` in `text`.
bool
first_group(std::string_view text, const RE2& re, re2::StringPiece& group)
{
  re2::StringPiece groups[2];
  if (!core::find_groups(re, text, 0, groups, 2)) {
    return false;
  }
  group = groups[1];
  return true;
}

} // namespace

namespace {

// The start of every label pattern: markup, an optional heading mark.
std::string
label_head()
{
  return std::string("^") + std::string(k_wrap) + R"((?:#{1,6}\s+)?)" + std::string(k_wrap);
}

} // namespace

RegionMatcher::RegionMatcher(const Vocabulary& v)
  : m_immediate("(?i)" + label_head() + "(" + alternation(v.immediate) + R"()\b)"),
    m_embargo("(?i)" + label_head() + "(" + alternation(v.embargo) + R"()\b)"),
    // A label alone, or followed by a date ("NEWS RELEASE | March 3, 2026").
    m_label("(?i)" + label_head() + "(" + alternation(v.label)
            + R"()[\s*_\\:.]*(?:$|(?:[-|:,]|\x{2013}|\x{2014})[\s*_\\]*\S))"),
    m_end_mark_line(std::string("^") + std::string(k_wrap) + "(" + alternation(v.end_marks, true)
                    + ")" + std::string(k_wrap) + "$"),
    m_end_mark_trailing(R"(\S[*_\\]*\s+()" + alternation(symbol_marks(v.end_marks), true) + ")"
                        + std::string(k_wrap) + "$"),
    m_contact("(?i)" + label_head() + "(" + alternation(v.contact_labels)
              + R"()[*_\\]*\s*(?::|$|\s[-–—]\s))"),
    m_notes("(?i)" + label_head() + "(" + alternation(v.notes_labels) + R"()[*_\\]*\s*(?::|$))"),
    // The label and the space after it; boilerplate_title() looks at what
    // follows (an upper-case letter class would cost this pattern tens of
    // times more to compile).
    m_boilerplate("(?i)(^" + std::string(k_wrap) + "(?:" + alternation(v.boilerplate_labels)
                  + R"()\s+))")
{
  m_label_starts = {label_starts<LabelStarts>(v.immediate), label_starts<LabelStarts>(v.embargo),
                    label_starts<LabelStarts>(v.label), label_starts<LabelStarts>(v.contact_labels),
                    label_starts<LabelStarts>(v.notes_labels)};
  m_marks = mark_ends<MarkEnds>(v.end_marks);
  m_symbol_marks = mark_ends<MarkEnds>(symbol_marks(v.end_marks));
}

RegionMatcher::LazyPattern::LazyPattern(std::string pattern) : m_pattern(std::move(pattern)) {}

RegionMatcher::LazyPattern::~LazyPattern() = default;

const RE2&
RegionMatcher::LazyPattern::get() const
{
  std::call_once(m_once, [this] { m_re = compile(m_pattern); });
  return *m_re;
}

RegionMatcher::~RegionMatcher() = default;

void
RegionMatcher::compile_all() const
{
  for (const LazyPattern* p : {&m_boilerplate, &m_contact, &m_notes, &m_end_mark_trailing,
                               &m_end_mark_line, &m_label, &m_embargo, &m_immediate}) {
    p->get();
  }
}

bool
RegionMatcher::boilerplate_title(std::string_view text) const
{
  // Labels are tried longest first; the name must start with a capital.
  re2::StringPiece label;
  if (!first_group(text, m_boilerplate.get(), label)) {
    return false;
  }
  std::size_t length = 0;
  return label.size() < text.size()
         && core::is_upper_code_point(core::decode_utf8(text, label.size(), length));
}

unsigned
RegionMatcher::line_candidates(std::string_view line) const
{
  std::size_t p = 0;
  while (p < line.size() && is_label_head(line[p])) {
    ++p;
  }
  // The marks: wrapped whole ("^" k_wrap mark k_wrap "$"), or after the
  // text (mark k_wrap "$"); case is not folded.
  std::size_t first = 0;
  while (first < line.size() && is_wrap(line[first])) {
    ++first;
  }
  std::size_t end = line.size();
  while (end > first && is_wrap(line[end - 1])) {
    --end;
  }
  unsigned out = 0;
  if (m_marks.any
      || (first < end && m_marks.first[static_cast<unsigned char>(line[first])]
          && m_marks.last[static_cast<unsigned char>(line[end - 1])])) {
    out |= end_mark_alone;
  }
  if (m_symbol_marks.any
      || (first < end && m_symbol_marks.last[static_cast<unsigned char>(line[end - 1])])) {
    out |= end_mark_after;
  }
  for (std::size_t k = 0; k < m_label_starts.size(); ++k) {
    const LabelStarts& s = m_label_starts[k];
    const bool may = s.any
                     || (p < line.size()
                         && (static_cast<unsigned char>(line[p]) >= 0x80 // case folding beyond ASCII
                             || s.ascii[static_cast<unsigned char>(line[p])]));
    if (may) {
      out |= 1U << k;
    }
  }
  return out;
}

bool
Regions::is_body(std::size_t block) const
{
  return std::find(body.begin(), body.end(), block) != body.end();
}

bool
Regions::is_boilerplate(std::size_t block) const
{
  return std::find(boilerplate.begin(), boilerplate.end(), block) != boilerplate.end();
}

bool
Regions::in_quotation(core::Span span) const
{
  return std::any_of(quotations.begin(), quotations.end(), [&](const core::Span& q) {
    return q.begin <= span.begin && span.end <= q.end;
  });
}

namespace {

bool
is_blank(std::string_view s)
{
  return s.find_first_not_of(" \t\r") == std::string_view::npos;
}

bool
is_prose(const Block& block)
{
  return block.kind != BlockKind::code && block.kind != BlockKind::html;
}

// A paragraph that is only a date ("February 16, 2023", "3 February 2026").
bool
is_date_only(std::string_view text)
{
  static const RE2 k_date(
    R"((?i)^[\s*_]*(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?\s+\d{4}|\d{4}-\d{2}-\d{2})[\s*_.]*$)");
  return text.size() < 60 && RE2::FullMatch(text, k_date);
}

core::Span
capture_span(const MappedText& text, const re2::StringPiece& whole, const re2::StringPiece& group)
{
  const auto b = static_cast<std::size_t>(group.data() - whole.data());
  return text.to_source(b, b + group.size());
}

} // namespace

Regions
detect_regions(const Document& doc, const RegionMatcher& m)
{
  Regions r;
  const auto& lines = doc.lines;

  // Line-oriented parts: end marks, release lines, contact blocks.
  std::vector<bool> line_is_release(lines.size(), false);
  std::vector<bool> line_is_contact(lines.size(), false);
  std::vector<bool> line_is_end(lines.size(), false);
  std::vector<bool> line_is_notes(lines.size(), false);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const Line& line = lines[i];
    if (line.block != Line::npos && doc.blocks[line.block].kind == BlockKind::code) {
      continue;
    }
    const std::string& text = line.content.text;
    if (text.empty() || text.size() > 2000) {
      continue;
    }
    re2::StringPiece whole(text);
    re2::StringPiece group;
    const unsigned candidates = m.line_candidates(text);
    if ((candidates & RegionMatcher::end_mark_alone) != 0
        && first_group(text, m.end_mark_line(), group)) {
      EndMark mark;
      mark.line = i;
      mark.span = capture_span(line.content, whole, group);
      mark.text = std::string(group.data(), group.size());
      r.end_marks.push_back(std::move(mark));
      line_is_end[i] = true;
      continue;
    }
    if ((candidates & RegionMatcher::end_mark_after) != 0
        && first_group(text, m.end_mark_trailing(), group)) {
      EndMark mark;
      mark.line = i;
      mark.span = capture_span(line.content, whole, group);
      mark.text = std::string(group.data(), group.size());
      mark.alone = false;
      r.end_marks.push_back(std::move(mark));
      line_is_end[i] = true;
      continue;
    }
    // Whether they match is enough here (the contact pattern is too large
    // for RE2's backtracker: its groups cost a run of its NFA).
    if ((candidates & RegionMatcher::notes_label) != 0
        && m.notes().Match(whole, 0, whole.size(), RE2::UNANCHORED, nullptr, 0)) {
      line_is_notes[i] = true;
      continue;
    }
    if ((candidates & RegionMatcher::contact_label) != 0
        && m.contact().Match(whole, 0, whole.size(), RE2::UNANCHORED, nullptr, 0)) {
      line_is_contact[i] = true;
      continue;
    }
    const struct
    {
      const RE2& re;
      ReleaseLineKind kind;
      unsigned bit;
    } kinds[] = {{m.immediate(), ReleaseLineKind::immediate, RegionMatcher::immediate_label},
                 {m.embargo(), ReleaseLineKind::embargo, RegionMatcher::embargo_label},
                 {m.label(), ReleaseLineKind::label, RegionMatcher::release_label}};
    for (const auto& k : kinds) {
      if ((candidates & k.bit) != 0 && first_group(text, k.re, group)) {
        ReleaseLine rl;
        rl.kind = k.kind;
        rl.line = i;
        rl.label = capture_span(line.content, whole, group);
        rl.span = core::Span{rl.label.begin, line.span.end};
        r.release_lines.push_back(rl);
        line_is_release[i] = true;
        break;
      }
    }
  }

  // Contact blocks: the label's line and what follows it, up to a blank
  // line (or the label's block, then the next block, in HTML).
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (!line_is_contact[i]) {
      continue;
    }
    ContactBlock c;
    c.first_line = i;
    c.last_line = i;
    re2::StringPiece whole(lines[i].content.text);
    re2::StringPiece group;
    first_group(lines[i].content.text, m.contact(), group);
    c.label = capture_span(lines[i].content, whole, group);
    std::size_t j = i + 1;
    const bool label_only = lines[i].content.text.size()
                            <= static_cast<std::size_t>(group.data() - whole.data())
                                 + group.size() + 4;
    if (label_only) {
      while (j < lines.size() && is_blank(lines[j].content.text)) {
        ++j;
      }
    }
    const std::size_t block = j < lines.size() ? lines[j].block : Line::npos;
    while (j < lines.size() && !is_blank(lines[j].content.text) && !line_is_end[j]
           && !line_is_contact[j] && !line_is_release[j] && !line_is_notes[j]) {
      if (doc.format == Format::html && lines[j].block != block
          && lines[j].block != lines[i].block) {
        break;
      }
      c.last_line = j;
      ++j;
    }
    c.span = core::Span{lines[c.first_line].span.begin, lines[c.last_line].span.end};
    r.contacts.push_back(c);
    i = c.last_line;
  }

  // Which blocks hold a release line, a contact label, notes or an end mark
  // (one pass over the lines).
  enum : unsigned { k_release = 1, k_contact = 2, k_notes = 4, k_end = 8 };
  std::vector<unsigned> block_flags(doc.blocks.size(), 0);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::size_t bl = lines[i].block;
    if (bl == Line::npos) {
      continue;
    }
    block_flags[bl] |= (line_is_release[i] ? k_release : 0U) | (line_is_contact[i] ? k_contact : 0U)
                       | (line_is_notes[i] ? k_notes : 0U) | (line_is_end[i] ? k_end : 0U);
  }
  auto block_has = [&](std::size_t bl, unsigned flag) { return (block_flags[bl] & flag) != 0; };
  auto in_contact = [&](const Block& block) {
    return std::any_of(r.contacts.begin(), r.contacts.end(), [&](const ContactBlock& c) {
      return block.span.begin < c.span.end && c.span.begin < block.span.end;
    });
  };
  // The body ends where the first end mark stands: at its line, or at the
  // mark itself when it ends a line of text.
  std::size_t first_end = doc.source.size();
  if (!r.end_marks.empty()) {
    const EndMark& mark = r.end_marks.front();
    first_end = mark.alone ? lines[mark.line].span.begin : mark.span.begin;
  }

  // Headline and first body paragraph. The top of a release, up to its
  // first paragraph of prose, holds the release line, dates, contacts,
  // mastheads ("Office of Public Affairs") and the headline: a heading if
  // there is one (the highest level), else a paragraph set in emphasis, else
  // a short line with no full stop.
  auto skipped = [&](std::size_t i) {
    const Block& block = doc.blocks[i];
    return !is_prose(block) || block.content.text.empty() || block_has(i, k_release)
           || in_contact(block) || block_has(i, k_notes) || is_date_only(block.content.text);
  };
  auto is_prose_paragraph = [&](std::size_t i) {
    const Block& block = doc.blocks[i];
    return (block.kind == BlockKind::paragraph || block.kind == BlockKind::list_item)
           && !block.emphasized && block.content.text.size() >= 150;
  };
  std::size_t zone_end = 0;
  while (zone_end < doc.blocks.size() && doc.blocks[zone_end].span.begin < first_end
         && (skipped(zone_end) || !is_prose_paragraph(zone_end))) {
    ++zone_end;
  }
  int best_level = 99;
  std::optional<std::size_t> first_emphasized;
  std::optional<std::size_t> first_short;
  for (std::size_t i = 0; i < zone_end; ++i) {
    if (skipped(i)) {
      continue;
    }
    const Block& block = doc.blocks[i];
    const std::string& t = block.content.text;
    if (block.kind == BlockKind::heading && block.level < best_level) {
      best_level = block.level;
      r.headline = i;
    } else if (block.emphasized && !first_emphasized) {
      first_emphasized = i;
    } else if (!first_short && t.find('\n') == std::string::npos && t.size() < 200
               && !t.ends_with('.')) {
      first_short = i;
    }
  }
  if (!r.headline) {
    r.headline = first_emphasized ? first_emphasized : first_short;
  }
  // The first body paragraph: the first paragraph after the headline that is
  // not a subheadline (a heading or emphasis) or part of the top matter.
  for (std::size_t i = r.headline ? *r.headline + 1 : 0; i < doc.blocks.size(); ++i) {
    const Block& block = doc.blocks[i];
    if (block.span.begin >= first_end) {
      break;
    }
    if (skipped(i) || block.kind == BlockKind::heading
        || (block.emphasized && i < zone_end)) {
      continue;
    }
    if (block.kind == BlockKind::paragraph || block.kind == BlockKind::list_item) {
      r.dateline_block = i;
      break;
    }
  }

  // The release lines that count are those before the headline (or the body).
  const std::size_t top_end =
    r.headline ? doc.blocks[*r.headline].span.begin
               : (r.dateline_block ? doc.blocks[*r.dateline_block].span.begin : first_end);
  std::erase_if(r.release_lines,
                [&](const ReleaseLine& rl) { return rl.span.begin >= top_end; });

  // The body: from the dateline paragraph to the end mark, the boilerplate,
  // a contact block or the notes to editors, whichever comes first.
  r.body_end = first_end;
  bool in_boilerplate = false;
  bool in_notes = false;
  const std::size_t body_start = r.dateline_block ? *r.dateline_block : doc.blocks.size();
  for (std::size_t i = 0; i < doc.blocks.size(); ++i) {
    const Block& block = doc.blocks[i];
    if (!is_prose(block) || i < body_start) {
      continue;
    }
    const bool after_end = block.span.begin >= first_end;
    if (block_has(i, k_notes)) {
      in_notes = true;
      in_boilerplate = false;
    } else if (m.boilerplate_title(block.content.text)
               && (block.kind == BlockKind::heading || block.emphasized
                   || block.content.text.find('\n') != std::string::npos
                   || block.content.text.find(':') < 80 || block.content.text.size() < 80)) {
      in_boilerplate = true;
      in_notes = false;
    } else if (block.kind == BlockKind::heading && !after_end) {
      in_boilerplate = false;
    }
    if (in_contact(block) || block_has(i, k_end)) {
      if (!after_end) {
        r.body_end = std::min(r.body_end, block.span.begin);
      }
      continue;
    }
    if (in_notes) {
      r.notes.push_back(i);
    } else if (in_boilerplate || after_end) {
      // What follows the end mark, other than contacts and notes, is the
      // boilerplate ("About ..."), titled or not.
      r.boilerplate.push_back(i);
    } else if (block.span.begin < r.body_end) {
      r.body.push_back(i);
    }
    if ((in_boilerplate || in_notes) && !after_end) {
      r.body_end = std::min(r.body_end, block.span.begin);
    }
  }
  std::erase_if(r.body, [&](std::size_t i) { return doc.blocks[i].span.begin >= r.body_end; });

  // Quoted speech in the body.
  static const RE2 k_quote(R"(“[^”]*”|"[^"\n]*")");
  for (const std::size_t i : r.body) {
    const MappedText& t = doc.blocks[i].content;
    // A quotation begins with a quotation mark: the first mark the
    // pattern matches at, tried in turn, is where the first match begins.
    const re2::StringPiece text(t.text);
    re2::StringPiece q;
    std::size_t from = 0;
    while (from < text.size()) {
      const std::size_t mark = std::min(t.text.find('"', from), t.text.find("“", from));
      if (mark == std::string::npos) {
        break;
      }
      if (!k_quote.Match(text, mark, text.size(), RE2::ANCHOR_START, &q, 1)) {
        from = mark + 1;
        continue;
      }
      r.quotations.push_back(t.to_source(mark, mark + q.size()));
      from = mark + q.size(); // a quotation is never empty
    }
    // A paragraph that opens a quotation and does not close it (AP style for
    // quotes over several paragraphs) is a quotation to its end.
    if (t.text.starts_with("“") && t.text.find("”") == std::string::npos) {
      r.quotations.push_back(t.to_source(0, t.text.size()));
    }
  }
  return r;
}

} // namespace presslint::document
