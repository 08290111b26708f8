// contact: the contact block (Contact:, Media Contact:, ...) and what it
// must hold: a name, and a phone number or an e-mail address that work.
#include <presslint/checks/contact_parse.hpp>
#include <presslint/checks/kinds.hpp>
#include <presslint/checks/matching.hpp>
#include <presslint/core/utf8.hpp>
#include <presslint/rules/rule.hpp>

#include <fmt/format.h>
#include <re2/re2.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <set>

namespace presslint::checks {

namespace {

constexpr std::array<rules::ParamSpec, 9> k_params{{
  {"problem", rules::ParamType::string, "missing",
   "what the rule checks: missing (no contact block), incomplete (no name, or no phone number "
   "and no e-mail address), invalid-email or invalid-phone"},
  {"at", rules::ParamType::string, "start",
   "missing: where the finding points: start (the top of the release) or end (its last line)"},
  {"national-format", rules::ParamType::string, "nanp",
   "invalid-phone: how a number without a country code must look: nanp (US and Canada: 10 "
   "digits), uk (0 and 9 or 10 digits) or any (7 to 15 digits)"},
  {"phone-labels", rules::ParamType::string_list,
   "[phone, telephone, tel, mobile, cell, cellphone, fax, office, direct, main, call, ph, t, p, "
   "m]",
   "invalid-phone: words that introduce a phone number; a number after one is checked however "
   "few digits it has"},
  {"field-words", rules::ParamType::string_list,
   "[email, e-mail, mail, phone, telephone, tel, mobile, cell, fax, web, website, url, twitter, "
   "linkedin, ext, or, and, at, call]",
   "incomplete: words that label a field or join two, and so are not a name"},
  {"obfuscations", rules::ParamType::pattern_list, "[]",
   "invalid-email: patterns of addresses hidden from robots ([email protected], jane [at] "
   "acme.com): a reader cannot copy them"},
  {"require-name", rules::ParamType::boolean, "true",
   "incomplete: a contact block must name a person or an office"},
  {"office-labels", rules::ParamType::string_list,
   "[Investor Relations, Media Relations, Press Office, Public Relations, Communications]",
   "incomplete: labels that name an office to ask for, so that the block needs no other name"},
  {"accept-patterns", rules::ParamType::pattern_list, "[]",
   "missing: patterns of a sentence that gives a media contact outside a block (\"For more "
   "information, contact Dana Atkins at dana@acme.com\"); a release with one passes"},
}};
constexpr std::array<std::string_view, 4> k_placeholders{"label", "missing", "match", "reason"};

enum class Problem
{
  missing,
  incomplete,
  invalid_email,
  invalid_phone
};

// A contact block is extended over paragraphs no longer than this...
constexpr std::size_t k_max_field_line = 120;
// ... and over this many of them at most.
constexpr std::size_t k_max_field_lines = 10;

std::optional<Problem>
problem_from_name(std::string_view name)
{
  if (name == "missing") {
    return Problem::missing;
  }
  if (name == "incomplete") {
    return Problem::incomplete;
  }
  if (name == "invalid-email") {
    return Problem::invalid_email;
  }
  if (name == "invalid-phone") {
    return Problem::invalid_phone;
  }
  return std::nullopt;
}

bool
is_prose(const document::Block& block)
{
  return block.kind != document::BlockKind::code && block.kind != document::BlockKind::html;
}

// A stretch of a contact block's text: [begin, end) of a mapped text.
struct Segment
{
  const document::MappedText* text = nullptr;
  std::size_t begin = 0;
  std::size_t end = 0;

  [[nodiscard]] std::string_view view() const
  {
    return std::string_view(text->text).substr(begin, end - begin);
  }
};

// The first text offset whose source offset is at or after `source`.
std::size_t
text_offset_at(const document::MappedText& text, std::size_t source)
{
  std::size_t lo = 0;
  std::size_t hi = text.text.size();
  while (lo < hi) {
    const std::size_t mid = lo + (hi - lo) / 2;
    if (text.source_begin_of(mid) < source) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo;
}

// The text of a contact block after its label, as the reader sees it
// (Markdown rendered, HTML decoded).
std::vector<Segment>
contact_segments(const document::Document& doc, const document::ContactBlock& c)
{
  std::vector<Segment> out;
  std::set<std::size_t> blocks;
  const std::size_t from = c.label.end;
  for (std::size_t l = c.first_line; l <= c.last_line && l < doc.lines.size(); ++l) {
    const document::Line& line = doc.lines[l];
    if (line.block != document::Line::npos && is_prose(doc.blocks[line.block])) {
      blocks.insert(line.block);
      continue;
    }
    if (line.block != document::Line::npos) {
      continue; // code or raw HTML
    }
    const std::size_t b = text_offset_at(line.content, from);
    out.push_back(Segment{&line.content, b, line.content.text.size()});
  }
  for (const std::size_t bl : blocks) {
    const document::MappedText& t = doc.blocks[bl].content;
    const std::size_t b = text_offset_at(t, from);
    const std::size_t e = text_offset_at(t, c.span.end);
    if (b < e) {
      out.push_back(Segment{&t, b, e});
    }
  }
  std::sort(out.begin(), out.end(), [](const Segment& a, const Segment& b) {
    return a.text->source_begin_of(a.begin) < b.text->source_begin_of(b.begin);
  });
  return out;
}

std::string
slice(const document::Document& doc, core::Span span)
{
  return doc.source.substr(span.begin, span.size());
}

bool
starts_with_mailto(std::string_view s)
{
  if (s.size() < 7) {
    return false;
  }
  for (std::size_t i = 0; i < 7; ++i) {
    const char c = s[i] >= 'A' && s[i] <= 'Z' ? static_cast<char>(s[i] - 'A' + 'a') : s[i];
    if (c != "mailto:"[i]) {
      return false;
    }
  }
  return true;
}

class Contact final : public Check
{
public:
  Contact(Problem problem,
          std::string at,
          contact::NationalFormat national,
          std::vector<std::string> phone_labels,
          std::vector<std::string> field_words,
          std::vector<Pattern> obfuscations,
          bool require_name,
          std::vector<std::string> office_labels,
          std::vector<Pattern> accept)
    : m_problem(problem),
      m_at(std::move(at)),
      m_national(national),
      m_phone_labels(std::move(phone_labels)),
      m_field_words(std::move(field_words)),
      m_obfuscations(std::move(obfuscations)),
      m_require_name(require_name),
      m_office_labels(std::move(office_labels)),
      m_accept(std::move(accept))
  {
  }

  void run(const Context& ctx) const override
  {
    if (m_problem == Problem::missing) {
      if (ctx.regions.contacts.empty() && !accepted(ctx)) {
        const std::size_t at = m_at == "end" ? document_end(ctx.doc) : ctx.doc.content_begin;
        ctx.report(core::Span{at, at}, {}, {});
      }
      return;
    }
    for (const document::ContactBlock& found : ctx.regions.contacts) {
      const document::ContactBlock c = extend(ctx, found);
      const std::vector<Segment> segments = contact_segments(ctx.doc, c);
      switch (m_problem) {
      case Problem::incomplete:
        check_complete(ctx, c, segments);
        break;
      case Problem::invalid_email:
        check_emails(ctx, c, segments);
        break;
      case Problem::invalid_phone:
        check_phones(ctx, segments);
        break;
      case Problem::missing:
        break;
      }
    }
  }

private:
  // The end of the last line that is not blank.
  static std::size_t document_end(const document::Document& doc)
  {
    for (std::size_t i = doc.lines.size(); i > 0; --i) {
      const document::Line& line = doc.lines[i - 1];
      if (line.content.text.find_first_not_of(" \t\r") != std::string::npos) {
        return line.span.end;
      }
    }
    return doc.content_begin;
  }

  // Copy taken from web pages often sets each field of a contact block as a
  // paragraph of its own ("Media Contact", blank line, "Dana Atkins", blank
  // line, "Email: ..."). The block goes on over such short paragraphs while
  // they hold a field ("Email: ...", an address, a number), or lead to one.
  document::ContactBlock extend(const Context& ctx, const document::ContactBlock& c) const
  {
    const auto& doc = ctx.doc;
    const auto& r = ctx.regions;
    auto stops = [&](std::size_t l) {
      const document::Line& line = doc.lines[l];
      const std::string& t = line.content.text;
      if (t.size() > k_max_field_line || std::none_of(t.begin(), t.end(), [](char ch) {
            return std::isalnum(static_cast<unsigned char>(ch)) != 0;
          })) {
        return true; // a paragraph of prose, or a rule (---)
      }
      if (line.block != document::Line::npos) {
        const document::Block& b = doc.blocks[line.block];
        if (!is_prose(b) || b.kind == document::BlockKind::heading || r.is_body(line.block)
            || (r.headline && *r.headline == line.block)
            || std::find(r.notes.begin(), r.notes.end(), line.block) != r.notes.end()) {
          return true;
        }
      }
      return std::any_of(r.contacts.begin(), r.contacts.end(),
                         [&](const document::ContactBlock& o) { return o.first_line == l; })
             || std::any_of(r.end_marks.begin(), r.end_marks.end(),
                            [&](const document::EndMark& m) { return m.line == l; })
             || std::any_of(r.release_lines.begin(), r.release_lines.end(),
                            [&](const document::ReleaseLine& rl) { return rl.line == l; });
    };
    auto is_field = [&](std::size_t l) {
      const std::string& t = doc.lines[l].content.text;
      return !contact::find_email_candidates(t).empty()
             || !contact::find_phone_candidates(t, m_phone_labels).empty() || contact::is_field_line(t);
    };
    auto blank = [&](std::size_t l) {
      return doc.lines[l].content.text.find_first_not_of(" \t\r") == std::string::npos;
    };
    document::ContactBlock out = c;
    std::vector<std::size_t> waiting; // short lines that may lead to a field
    std::size_t taken = 0;
    for (std::size_t l = c.last_line + 1; l < doc.lines.size() && taken < k_max_field_lines; ++l) {
      if (blank(l)) {
        continue;
      }
      if (stops(l)) {
        break;
      }
      if (is_field(l)) {
        out.last_line = l;
        taken += waiting.size() + 1;
        waiting.clear();
        continue;
      }
      waiting.push_back(l);
      if (waiting.size() > 3) {
        break;
      }
    }
    out.span.end = doc.lines[out.last_line].span.end;
    return out;
  }

  void check_complete(const Context& ctx,
                      const document::ContactBlock& c,
                      const std::vector<Segment>& segments) const
  {
    bool reachable = false;
    bool named = false;
    for (const Segment& s : segments) {
      const std::string_view v = s.view();
      if (!contact::find_email_candidates(v).empty()
          || !contact::find_phone_candidates(v, m_phone_labels).empty() || obfuscated(v)) {
        reachable = true;
      }
      if (contact::has_name(v, m_field_words)) {
        named = true;
      }
    }
    reachable =
      reachable
      || std::any_of(ctx.doc.links.begin(), ctx.doc.links.end(), [&](const document::Link& link) {
           return inside(link.span, c.span) && starts_with_mailto(link.target);
         });
    const std::string label = slice(ctx.doc, c.label);
    if (!m_require_name || names_office(label)) {
      named = true;
    }
    if (reachable && named) {
      return;
    }
    std::string missing;
    if (!reachable && !named) {
      missing = "a name, a phone number or an e-mail address";
    } else if (!reachable) {
      missing = "a phone number or an e-mail address";
    } else {
      missing = "a name";
    }
    ctx.report(c.label, {{"label", label}, {"missing", missing}}, label);
  }

  // Whether a label names an office ("Investor Relations").
  bool names_office(std::string_view label) const
  {
    return std::any_of(m_office_labels.begin(), m_office_labels.end(), [&](const std::string& o) {
      return o.size() == label.size()
             && std::equal(o.begin(), o.end(), label.begin(), [](char a, char b) {
                  return std::tolower(static_cast<unsigned char>(a))
                         == std::tolower(static_cast<unsigned char>(b));
                });
    });
  }

  // Whether a sentence gives a media contact, block or not.
  bool accepted(const Context& ctx) const
  {
    bool found = false;
    for_each_scoped_text(ctx.doc, ctx.regions, {"all"}, [&](const document::MappedText& text) {
      for (const Pattern& p : m_accept) {
        if (found) {
          return;
        }
        for_each_match(p, text.text, [&](std::size_t b, std::size_t e) {
          found = found || !text.overlaps_code(b, e);
        });
      }
    });
    return found;
  }

  bool obfuscated(std::string_view text) const
  {
    for (const Pattern& p : m_obfuscations) {
      bool any = false;
      for_each_match(p, text, [&](std::size_t, std::size_t) { any = true; });
      if (any) {
        return true;
      }
    }
    return false;
  }

  static bool inside(core::Span inner, core::Span outer)
  {
    return outer.begin <= inner.begin && inner.end <= outer.end;
  }

  void report_at(const Context& ctx, core::Span span, const std::string& reason) const
  {
    // A Markdown escape before the first character, as in \[email protected\],
    // belongs to the text quoted.
    const std::string& src = ctx.doc.source;
    if (span.begin > 0 && span.begin < src.size() && src[span.begin - 1] == '\\'
        && std::ispunct(static_cast<unsigned char>(src[span.begin])) != 0) {
      --span.begin;
    }
    const std::string quoted = slice(ctx.doc, span);
    ctx.report(span, {{"match", quoted}, {"reason", reason}}, quoted);
  }

  void check_emails(const Context& ctx,
                    const document::ContactBlock& c,
                    const std::vector<Segment>& segments) const
  {
    std::set<std::string> seen;
    for (const Segment& s : segments) {
      const std::string_view v = s.view();
      // Addresses hidden from robots.
      std::vector<std::pair<std::size_t, std::size_t>> hidden;
      for (const Pattern& p : m_obfuscations) {
        for_each_match(p, v, [&](std::size_t b, std::size_t e) {
          if (!s.text->overlaps_code(s.begin + b, s.begin + e)) {
            hidden.emplace_back(b, e);
          }
        });
      }
      std::sort(hidden.begin(), hidden.end());
      std::size_t covered = 0;
      for (const auto& [b, e] : hidden) {
        if (b < covered) {
          continue;
        }
        covered = e;
        report_at(ctx, s.text->to_source(s.begin + b, s.begin + e),
                  "obfuscated: write the address itself");
      }
      for (const contact::Found& f : contact::find_email_candidates(v)) {
        if (s.text->overlaps_code(s.begin + f.begin, s.begin + f.end)
            || std::any_of(hidden.begin(), hidden.end(),
                           [&](const auto& h) { return f.begin < h.second && h.first < f.end; })) {
          continue;
        }
        const std::string address(v.substr(f.begin, f.end - f.begin));
        seen.insert(address);
        if (const auto why = contact::email_problem(address)) {
          report_at(ctx, s.text->to_source(s.begin + f.begin, s.begin + f.end), *why);
        }
      }
    }
    // mailto: link targets whose address the text does not show.
    for (const document::Link& link : ctx.doc.links) {
      if (!inside(link.span, c.span) || !starts_with_mailto(link.target)) {
        continue;
      }
      std::string address = link.target.substr(7);
      address = address.substr(0, address.find('?'));
      if (seen.count(address) != 0) {
        continue;
      }
      seen.insert(address);
      const auto why = contact::email_problem(address);
      if (!why) {
        continue;
      }
      core::Span span = link.target_span;
      const std::string target = slice(ctx.doc, span);
      if (starts_with_mailto(target) && target.compare(7, address.size(), address) == 0) {
        span = core::Span{span.begin + 7, span.begin + 7 + address.size()};
      }
      report_at(ctx, span, *why);
    }
  }

  void check_phones(const Context& ctx, const std::vector<Segment>& segments) const
  {
    for (const Segment& s : segments) {
      const std::string_view v = s.view();
      for (const contact::PhoneCandidate& p : contact::find_phone_candidates(v, m_phone_labels)) {
        if (s.text->overlaps_code(s.begin + p.begin, s.begin + p.end)) {
          continue;
        }
        if (const auto why =
              contact::phone_problem(v.substr(p.begin, p.end - p.begin), m_national)) {
          report_at(ctx, s.text->to_source(s.begin + p.begin, s.begin + p.end), *why);
        }
      }
    }
  }

  Problem m_problem;
  std::string m_at;
  contact::NationalFormat m_national;
  std::vector<std::string> m_phone_labels;
  std::vector<std::string> m_field_words;
  std::vector<Pattern> m_obfuscations;
  bool m_require_name;
  std::vector<std::string> m_office_labels;
  std::vector<Pattern> m_accept;
};


std::unique_ptr<Check>
create(const rules::Params& params, std::string_view rule_path, core::Errors& errors)
{
  const std::string problem_name = params.string("problem", "missing");
  const auto problem = problem_from_name(problem_name);
  if (!problem) {
    param_error(params, "problem", rule_path,
                "\"problem\" must be missing, incomplete, invalid-email or invalid-phone", errors);
  }
  const std::string at = params.string("at", "start");
  if (at != "start" && at != "end") {
    param_error(params, "at", rule_path, "\"at\" must be start or end", errors);
  }
  const auto national =
    contact::national_format_from_name(params.string("national-format", "nanp"));
  if (!national) {
    param_error(params, "national-format", rule_path, "\"national-format\" must be nanp, uk or any",
                errors);
  }
  return std::make_unique<Contact>(
    problem.value_or(Problem::missing), at, national.value_or(contact::NationalFormat::nanp),
    params.strings("phone-labels"), params.strings("field-words"),
    compile_patterns(params, "obfuscations", rule_path, errors),
    params.boolean("require-name", true), params.strings("office-labels"),
    compile_patterns(params, "accept-patterns", rule_path, errors));
}

} // namespace

const KindSpec&
ContactCheck::spec()
{
  static const KindSpec k_spec{
    "contact",
    "Flags a release with no contact block, a contact block with no name or no way to reach "
    "anyone, and malformed e-mail addresses and phone numbers in it.",
    k_params, k_placeholders, &create};
  return k_spec;
}

} // namespace presslint::checks
