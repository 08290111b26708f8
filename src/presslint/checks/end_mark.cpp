// end-mark: the mark that ends a release (###, -30-, ENDS): that there is
// one, on a line of its own, only one, and no release text after it.
#include <presslint/checks/kinds.hpp>
#include <presslint/checks/matching.hpp>
#include <presslint/rules/rule.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>

namespace presslint::checks {

namespace {

constexpr std::array<rules::ParamSpec, 6> k_params{{
  {"problem", rules::ParamType::string, "missing",
   "what the rule checks: missing (no end mark), not-alone (an end mark after text on its "
   "line), content-after (release text after the end mark) or multiple (more than one end "
   "mark)"},
  {"marks", rules::ParamType::string_list, "['###', '# # #']",
   "missing: the end marks the house style uses; the first is the one the fix inserts"},
  {"other-mark-message", rules::ParamType::string, "",
   "missing: the message when the release ends with an end mark of another house style "
   "({match}: the mark as written, {mark}: the first of marks); empty: any end mark will do"},
  {"boilerplate-patterns", rules::ParamType::pattern_list, "[]",
   "content-after: paragraphs that may follow the end mark whatever they hold (About ..., "
   "forward-looking statements, media kit links)"},
  {"body-patterns", rules::ParamType::pattern_list, "[]",
   "content-after: paragraphs that are release body text (quoted speech with its "
   "attribution, a dateline); one after the end mark is reported"},
  {"quote-words", rules::ParamType::integer, "8",
   "content-after: how many words of the offending paragraph the message quotes"},
}};
constexpr std::array<std::string_view, 2> k_placeholders{"mark", "match"};

enum class Problem
{
  missing,
  not_alone,
  content_after,
  multiple
};

std::optional<Problem>
problem_from_name(std::string_view name)
{
  if (name == "missing") {
    return Problem::missing;
  }
  if (name == "not-alone") {
    return Problem::not_alone;
  }
  if (name == "content-after") {
    return Problem::content_after;
  }
  if (name == "multiple") {
    return Problem::multiple;
  }
  return std::nullopt;
}

// A mark compared without Markdown escapes, case or extra spaces.
std::string
normalize_mark(std::string_view mark)
{
  std::string out;
  bool space = false;
  for (const char c : mark) {
    if (c == '\\') {
      continue;
    }
    if (c == ' ' || c == '\t') {
      space = !out.empty();
      continue;
    }
    if (space) {
      out += ' ';
      space = false;
    }
    out += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
  }
  return out;
}

std::string
slice(const document::Document& doc, core::Span span)
{
  return doc.source.substr(span.begin, span.size());
}

bool
is_prose(const document::Block& block)
{
  return block.kind != document::BlockKind::code && block.kind != document::BlockKind::html;
}

// The line end the source uses after `offset` ("\r\n" or "\n").
std::string
line_end_at(std::string_view source, std::size_t offset)
{
  const std::size_t nl = source.find('\n', offset);
  if (nl != std::string_view::npos && nl > 0 && source[nl - 1] == '\r') {
    return "\r\n";
  }
  return "\n";
}

class EndMark final : public Check
{
public:
  EndMark(Problem problem,
          std::vector<std::string> marks,
          std::string other_mark_message,
          std::vector<Pattern> boilerplate,
          std::vector<Pattern> body,
          std::size_t quote_words)
    : m_problem(problem),
      m_marks(std::move(marks)),
      m_other_mark_message(std::move(other_mark_message)),
      m_boilerplate(std::move(boilerplate)),
      m_body(std::move(body)),
      m_quote_words(quote_words)
  {
    for (const std::string& m : m_marks) {
      m_normalized.push_back(normalize_mark(m));
    }
  }

  void run(const Context& ctx) const override
  {
    switch (m_problem) {
    case Problem::missing:
      run_missing(ctx);
      break;
    case Problem::not_alone:
      run_not_alone(ctx);
      break;
    case Problem::content_after:
      run_content_after(ctx);
      break;
    case Problem::multiple:
      run_multiple(ctx);
      break;
    }
  }

private:
  [[nodiscard]] bool accepted(const document::EndMark& mark) const
  {
    const std::string n = normalize_mark(mark.text);
    return std::find(m_normalized.begin(), m_normalized.end(), n) != m_normalized.end();
  }

  [[nodiscard]] std::string preferred() const
  {
    return m_marks.empty() ? std::string("###") : m_marks.front();
  }

  void run_missing(const Context& ctx) const
  {
    const auto& marks = ctx.regions.end_marks;
    if (std::any_of(marks.begin(), marks.end(),
                    [&](const document::EndMark& m) { return accepted(m); })) {
      return;
    }
    if (!marks.empty()) {
      if (m_other_mark_message.empty()) {
        return; // any end mark will do
      }
      // An end mark of another house style: point at it, offer the right one.
      const document::EndMark& m = marks.front();
      const std::string written = slice(ctx.doc, m.span);
      core::Finding f;
      f.rule_id = ctx.rule.id;
      f.severity = ctx.severity;
      f.message = format_message(m_other_mark_message, {{"match", written}, {"mark", preferred()}});
      f.span = m.span;
      f.matched = written;
      if (written == m.text) {
        f.fix = core::Fix{fmt::format("Replace \"{}\" with \"{}\"", written, preferred()),
                          {core::Edit{m.span, preferred()}}};
      }
      ctx.out.push_back(std::move(f));
      return;
    }
    const auto& doc = ctx.doc;
    std::size_t at = body_end(ctx);
    std::optional<core::Fix> fix;
    if (doc.format != document::Format::html) {
      const std::string eol = line_end_at(doc.source, at);
      const std::string_view rest = std::string_view(doc.source).substr(at);
      // A blank line before the mark and after it, as Markdown needs.
      std::string insert = eol + eol + preferred();
      if (rest.starts_with(eol)) {
        const std::string_view next = rest.substr(eol.size());
        const std::string_view next_line = next.substr(0, next.find('\n'));
        const bool blank_after =
          next.empty() || next_line.find_first_not_of(" \t\r") == std::string_view::npos;
        if (!blank_after) {
          insert += eol; // "text\nnext": a blank line between the mark and what follows
        }
      } else {
        insert += rest.empty() ? eol : eol + eol;
      }
      fix = core::Fix{fmt::format("Insert \"{}\" on its own line after the body", preferred()),
                      {core::Edit{core::Span{at, at}, insert}}};
    }
    ctx.report(core::Span{at, at}, {{"mark", preferred()}}, {}, std::move(fix));
  }

  // Where the body ends: the end of its last block, or of the last line
  // that is not blank when there is no body.
  static std::size_t body_end(const Context& ctx)
  {
    const auto& doc = ctx.doc;
    const auto& r = ctx.regions;
    if (!r.body.empty()) {
      const document::Block& b = doc.blocks[r.body.back()];
      std::size_t end = b.span.end;
      // Markdown spans are whole lines; keep trailing spaces out.
      while (end > b.span.begin
             && (doc.source[end - 1] == ' ' || doc.source[end - 1] == '\t'
                 || doc.source[end - 1] == '\r')) {
        --end;
      }
      return end;
    }
    for (std::size_t i = doc.lines.size(); i > 0; --i) {
      const document::Line& line = doc.lines[i - 1];
      if (line.content.text.find_first_not_of(" \t\r") != std::string::npos) {
        return line.span.end;
      }
    }
    return doc.content_begin;
  }

  void run_not_alone(const Context& ctx) const
  {
    const auto& doc = ctx.doc;
    for (const document::EndMark& m : ctx.regions.end_marks) {
      if (m.alone) {
        continue;
      }
      const std::string written = slice(doc, m.span);
      std::optional<core::Fix> fix;
      const core::Span line = doc.lines[m.line].span;
      std::size_t before = m.span.begin;
      while (before > line.begin
             && (doc.source[before - 1] == ' ' || doc.source[before - 1] == '\t')) {
        --before;
      }
      const std::string_view after =
        std::string_view(doc.source).substr(m.span.end, line.end - std::min(line.end, m.span.end));
      const bool nothing_after = after.find_first_not_of(" \t\r") == std::string_view::npos;
      if (doc.format != document::Format::html && nothing_after && before > line.begin
          && before < m.span.begin) {
        const std::string eol = line_end_at(doc.source, m.span.end);
        fix = core::Fix{fmt::format("Put \"{}\" on a line of its own", written),
                        {core::Edit{core::Span{before, m.span.begin}, eol + eol}}};
      }
      ctx.report(m.span, {{"mark", written}, {"match", written}}, written, std::move(fix));
    }
  }

  void run_multiple(const Context& ctx) const
  {
    const auto& marks = ctx.regions.end_marks;
    for (std::size_t i = 1; i < marks.size(); ++i) {
      const std::string written = slice(ctx.doc, marks[i].span);
      ctx.report(marks[i].span, {{"mark", slice(ctx.doc, marks.front().span)}, {"match", written}},
                 written);
    }
  }

  [[nodiscard]] bool matches_any(const std::vector<Pattern>& patterns,
                                 const document::MappedText& text) const
  {
    for (const Pattern& p : patterns) {
      bool any = false;
      for_each_match(p, text.text, [&](std::size_t b, std::size_t e) {
        if (!text.overlaps_code(b, e)) {
          any = true;
        }
      });
      if (any) {
        return true;
      }
    }
    return false;
  }

  void run_content_after(const Context& ctx) const
  {
    const auto& doc = ctx.doc;
    const auto& r = ctx.regions;
    if (r.end_marks.empty()) {
      return;
    }
    const document::EndMark& first = r.end_marks.front();
    const std::size_t after = doc.lines[first.line].span.end;
    auto holds_mark = [&](const document::Block& block) {
      return std::any_of(r.end_marks.begin(), r.end_marks.end(), [&](const document::EndMark& m) {
        const core::Span l = doc.lines[m.line].span;
        return block.span.begin <= l.begin && l.end <= block.span.end;
      });
    };
    auto in_contact = [&](const document::Block& block) {
      return std::any_of(r.contacts.begin(), r.contacts.end(),
                         [&](const document::ContactBlock& c) {
                           return block.span.begin < c.span.end && c.span.begin < block.span.end;
                         });
    };
    // What follows the mark is taken for the boilerplate, the contacts and
    // the notes; a paragraph that reads as body text (quoted speech with its
    // attribution, a dateline) is not.
    for (std::size_t i = 0; i < doc.blocks.size(); ++i) {
      const document::Block& block = doc.blocks[i];
      if (block.span.begin < after || !is_prose(block) || block.content.text.empty()
          || block.kind == document::BlockKind::heading || holds_mark(block)
          || std::find(r.notes.begin(), r.notes.end(), i) != r.notes.end() || in_contact(block)) {
        continue;
      }
      if (!matches_any(m_boilerplate, block.content) && matches_any(m_body, block.content)) {
        report_body_text(ctx, first, block);
        return;
      }
    }
  }

  void report_body_text(const Context& ctx,
                        const document::EndMark& mark,
                        const document::Block& block) const
  {
    // Quote the paragraph's first words, as they stand in the source.
    const std::string& t = block.content.text;
    std::size_t end = 0;
    std::size_t words = 0;
    bool in_word = false;
    for (std::size_t i = 0; i < t.size(); ++i) {
      const bool space = t[i] == ' ' || t[i] == '\n' || t[i] == '\t';
      if (t[i] == '\n') {
        break;
      }
      if (!space && !in_word) {
        if (words == m_quote_words) {
          break;
        }
        ++words;
      }
      in_word = !space;
      if (!space) {
        end = i + 1;
      }
    }
    const core::Span span = block.content.to_source(0, end);
    const std::string quoted = slice(ctx.doc, span);
    ctx.report(span, {{"mark", slice(ctx.doc, mark.span)}, {"match", quoted}}, quoted);
  }

  Problem m_problem;
  std::vector<std::string> m_marks;
  std::vector<std::string> m_normalized;
  std::string m_other_mark_message;
  std::vector<Pattern> m_boilerplate;
  std::vector<Pattern> m_body;
  std::size_t m_quote_words;
};


std::unique_ptr<Check>
create(const rules::Params& params, std::string_view rule_path, core::Errors& errors)
{
  const auto problem = problem_from_name(params.string("problem", "missing"));
  if (!problem) {
    param_error(params, "problem", rule_path,
                "\"problem\" must be missing, not-alone, content-after or multiple", errors);
  }
  std::vector<std::string> marks = params.strings("marks");
  if (marks.empty()) {
    param_error(params, "marks", rule_path, "\"marks\" must name at least one end mark", errors);
  }
  const std::string other = params.string("other-mark-message");
  for (const std::string& ph : message_placeholders(other)) {
    if (ph != "match" && ph != "mark") {
      param_error(params, "other-mark-message", rule_path,
                  fmt::format("unknown placeholder \"{{{}}}\" in \"other-mark-message\" (known: "
                              "{{match}}, {{mark}})",
                              ph),
                  errors);
    }
  }
  const std::int64_t quote_words = params.integer("quote-words", 8);
  if (quote_words < 1) {
    param_error(params, "quote-words", rule_path, "\"quote-words\" must be at least 1", errors);
  }
  return std::make_unique<EndMark>(
    problem.value_or(Problem::missing), std::move(marks), other,
    compile_patterns(params, "boilerplate-patterns", rule_path, errors),
    compile_patterns(params, "body-patterns", rule_path, errors),
    static_cast<std::size_t>(std::max<std::int64_t>(quote_words, 1)));
}

} // namespace

const KindSpec&
EndMarkCheck::spec()
{
  static const KindSpec k_spec{
    "end-mark",
    "Flags a release with no end mark (###, -30-, ENDS), an end mark that shares its line with "
    "text, more than one end mark, and release text after the end mark.",
    k_params, k_placeholders, &create};
  return k_spec;
}

} // namespace presslint::checks
