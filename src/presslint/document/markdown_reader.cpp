#include <presslint/core/regex_groups.hpp>
#include <presslint/core/utf8.hpp>
#include <presslint/document/reader.hpp>

#include <md4c.h>
#include <re2/re2.h>

#include <algorithm>
#include <array>
#include <string_view>

namespace presslint::document {

namespace {

// The common named entities of release copy; others stay as written.
struct NamedEntity
{
  std::string_view name;
  char32_t code_point;
};

constexpr std::array k_entities{
  NamedEntity{"amp", '&'},        NamedEntity{"lt", '<'},         NamedEntity{"gt", '>'},
  NamedEntity{"quot", '"'},       NamedEntity{"apos", '\''},      NamedEntity{"nbsp", 0xA0},
  NamedEntity{"ndash", 0x2013},   NamedEntity{"mdash", 0x2014},   NamedEntity{"lsquo", 0x2018},
  NamedEntity{"rsquo", 0x2019},   NamedEntity{"ldquo", 0x201C},   NamedEntity{"rdquo", 0x201D},
  NamedEntity{"hellip", 0x2026},  NamedEntity{"copy", 0xA9},      NamedEntity{"reg", 0xAE},
  NamedEntity{"trade", 0x2122},   NamedEntity{"eacute", 0xE9},    NamedEntity{"bull", 0x2022},
  NamedEntity{"middot", 0xB7},    NamedEntity{"euro", 0x20AC},    NamedEntity{"pound", 0xA3},
};

std::string
decode_entity(std::string_view entity)
{
  // entity is "&...;" as md4c recognised it.
  std::string out;
  if (entity.size() < 3 || entity.front() != '&' || entity.back() != ';') {
    return std::string(entity);
  }
  const std::string_view body = entity.substr(1, entity.size() - 2);
  if (body.front() == '#') {
    char32_t cp = 0;
    const bool hex = body.size() > 1 && (body[1] == 'x' || body[1] == 'X');
    for (std::size_t i = hex ? 2 : 1; i < body.size(); ++i) {
      const char c = body[i];
      unsigned digit = 0;
      if (c >= '0' && c <= '9') {
        digit = static_cast<unsigned>(c - '0');
      } else if (hex && c >= 'a' && c <= 'f') {
        digit = static_cast<unsigned>(c - 'a' + 10);
      } else if (hex && c >= 'A' && c <= 'F') {
        digit = static_cast<unsigned>(c - 'A' + 10);
      } else {
        return std::string(entity);
      }
      cp = cp * (hex ? 16 : 10) + digit;
      if (cp > 0x10FFFF) {
        cp = 0xFFFD;
      }
    }
    if (cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF)) {
      cp = 0xFFFD;
    }
    core::append_utf8(out, cp);
    return out;
  }
  for (const auto& e : k_entities) {
    if (e.name == body) {
      core::append_utf8(out, e.code_point);
      return out;
    }
  }
  return std::string(entity);
}

struct OpenLink
{
  std::string target;
  std::size_t target_begin = 0;
  std::size_t target_end = 0;
  bool target_in_source = false;
  std::size_t start = 0; // source offset where the link text starts
  bool start_known = false;
  std::size_t opened_at = 0; // where the text before the link ends
  std::string text;
  bool image = false;
};

class MarkdownBuilder
{
public:
  explicit MarkdownBuilder(Document& doc) : m_doc(doc) {}

  int enter_block(MD_BLOCKTYPE type, void* detail)
  {
    m_stack.push_back(type);
    switch (type) {
    case MD_BLOCK_QUOTE:
      ++m_quote_depth;
      break;
    case MD_BLOCK_H:
      open_block(BlockKind::heading,
                 static_cast<int>(static_cast<MD_BLOCK_H_DETAIL*>(detail)->level));
      break;
    case MD_BLOCK_P:
      open_block(BlockKind::paragraph, 0);
      break;
    case MD_BLOCK_TH:
    case MD_BLOCK_TD:
      open_block(BlockKind::table_cell, 0);
      break;
    case MD_BLOCK_CODE:
      open_block(BlockKind::code, 0);
      break;
    case MD_BLOCK_HTML:
      open_block(BlockKind::html, 0);
      break;
    default:
      break;
    }
    return 0;
  }

  int leave_block(MD_BLOCKTYPE type)
  {
    if (!m_stack.empty()) {
      m_stack.pop_back();
    }
    switch (type) {
    case MD_BLOCK_QUOTE:
      --m_quote_depth;
      break;
    case MD_BLOCK_H:
    case MD_BLOCK_P:
    case MD_BLOCK_TH:
    case MD_BLOCK_TD:
    case MD_BLOCK_CODE:
    case MD_BLOCK_HTML:
    case MD_BLOCK_LI:
      close_block();
      break;
    default:
      break;
    }
    return 0;
  }

  int enter_span(MD_SPANTYPE type, void* detail)
  {
    switch (type) {
    case MD_SPAN_EM:
    case MD_SPAN_STRONG:
      ++m_emphasis_depth;
      break;
    case MD_SPAN_CODE:
      m_in_code = true;
      break;
    case MD_SPAN_A:
      open_link(static_cast<MD_SPAN_A_DETAIL*>(detail)->href, false);
      break;
    case MD_SPAN_IMG:
      open_link(static_cast<MD_SPAN_IMG_DETAIL*>(detail)->src, true);
      break;
    default:
      break;
    }
    return 0;
  }

  int leave_span(MD_SPANTYPE type)
  {
    switch (type) {
    case MD_SPAN_EM:
    case MD_SPAN_STRONG:
      --m_emphasis_depth;
      break;
    case MD_SPAN_CODE:
      m_in_code = false;
      break;
    case MD_SPAN_A:
    case MD_SPAN_IMG:
      close_link();
      break;
    default:
      break;
    }
    return 0;
  }

  int text(MD_TEXTTYPE type, const MD_CHAR* text, MD_SIZE size)
  {
    if (!m_open) {
      // Text straight inside a list item of a tight list.
      open_block(BlockKind::list_item, 0);
    }
    const std::string_view s(text, size);
    const bool in_source = contains(text);
    const std::size_t offset = in_source ? source_offset(text) : m_last_end;
    switch (type) {
    case MD_TEXT_NULLCHAR:
      m_block.content.append_mapped("\xEF\xBF\xBD", offset, offset);
      break;
    case MD_TEXT_BR:
    case MD_TEXT_SOFTBR:
      m_block.content.append_mapped("\n", m_last_end, m_last_end);
      break;
    case MD_TEXT_ENTITY: {
      const std::string decoded = decode_entity(s);
      if (in_source) {
        m_block.content.append_mapped(decoded, offset, offset + size);
        m_last_end = offset + size;
      } else {
        m_block.content.append_mapped(decoded, m_last_end, m_last_end);
      }
      note_text(decoded, offset);
      break;
    }
    case MD_TEXT_HTML:
      // Inline HTML (a comment, a tag) is not prose.
      if (in_source) {
        m_last_end = offset + size;
      }
      break;
    default:
      if (in_source) {
        m_block.content.append_verbatim(s, offset, m_in_code || type == MD_TEXT_CODE);
        m_last_end = offset + size;
      } else {
        m_block.content.append_mapped(s, m_last_end, m_last_end, m_in_code);
      }
      note_text(s, offset);
      break;
    }
    return 0;
  }

  void finish()
  {
    close_block();
  }

private:
  bool contains(const MD_CHAR* p) const
  {
    const char* begin = m_doc.source.data();
    return p >= begin && p < begin + m_doc.source.size();
  }

  std::size_t source_offset(const MD_CHAR* p) const
  {
    return static_cast<std::size_t>(p - m_doc.source.data());
  }

  void open_block(BlockKind kind, int level)
  {
    close_block();
    m_open = true;
    m_block = Block{};
    m_block.kind = kind;
    m_block.level = level;
    m_block.in_quote = m_quote_depth > 0;
    m_block.emphasized = true;
    m_has_text = false;
  }

  void close_block()
  {
    if (!m_open) {
      return;
    }
    m_open = false;
    if (!m_has_text || m_block.content.pieces.empty()) {
      return; // An empty heading ("###") has no place to point at.
    }
    std::size_t lo = m_block.content.pieces.front().source_begin;
    std::size_t hi = 0;
    for (const Piece& p : m_block.content.pieces) {
      lo = std::min(lo, p.source_begin);
      hi = std::max(hi, p.source_end);
    }
    // Whole lines.
    m_block.span.begin = m_doc.line_start(m_doc.line_index(lo));
    const std::size_t last_line = m_doc.line_index(hi > lo ? hi - 1 : lo);
    m_block.span.end = m_doc.line_start(last_line) + m_doc.raw_line(last_line).size();
    if (m_block.kind == BlockKind::heading) {
      m_doc.anchors.push_back(heading_slug(m_block.content.text));
    }
    m_doc.blocks.push_back(std::move(m_block));
  }

  void note_text(std::string_view s, std::size_t offset)
  {
    if (s.find_first_not_of(" \t\n") == std::string_view::npos) {
      return;
    }
    m_has_text = true;
    if (m_emphasis_depth == 0) {
      m_block.emphasized = false;
    }
    for (OpenLink& link : m_links) {
      if (!link.start_known) {
        link.start = offset;
        link.start_known = true;
      }
      link.text.append(s);
    }
  }

  void open_link(const MD_ATTRIBUTE& href, bool image)
  {
    OpenLink link;
    link.image = image;
    // md4c hands out the attribute as one or more sub-strings; entities and
    // escapes make it a copy, so decode it here.
    for (unsigned i = 0; href.substr_offsets != nullptr && i < 64; ++i) {
      const MD_OFFSET b = href.substr_offsets[i];
      if (b >= href.size) {
        break;
      }
      const MD_OFFSET e = href.substr_offsets[i + 1];
      const std::string_view part(href.text + b, e - b);
      if (href.substr_types[i] == MD_TEXT_ENTITY) {
        link.target += decode_entity(part);
      } else if (href.substr_types[i] == MD_TEXT_NULLCHAR) {
        link.target += "\xEF\xBF\xBD";
      } else {
        link.target.append(part);
      }
    }
    if (href.substr_offsets == nullptr) {
      link.target.assign(href.text, href.size);
    }
    if (href.size > 0 && contains(href.text)) {
      link.target_in_source = true;
      link.target_begin = source_offset(href.text);
      link.target_end = link.target_begin + href.size;
    }
    link.start = m_last_end;
    link.opened_at = m_last_end;
    m_links.push_back(std::move(link));
  }

  void close_link()
  {
    if (m_links.empty()) {
      return;
    }
    OpenLink link = std::move(m_links.back());
    m_links.pop_back();
    Link out;
    out.target = link.target;
    out.text = link.text;
    const std::string_view src = m_doc.source;
    // An inline link: the destination stands between "](" and ")" right
    // after the link text. A reference link's href points at its
    // definition; an autolink's href is its text.
    const std::size_t search_from = std::max(m_last_end, link.start);
    const std::size_t window_end = std::min(src.size(), search_from + 8);
    // Only the first ']' after the link text can close it: a reference link
    // ("[ref] [x](url)") is not followed by "(".
    std::size_t bracket = src.substr(0, window_end).find(']', search_from);
    if (bracket != std::string_view::npos
        && (bracket + 1 >= src.size() || src[bracket + 1] != '(')) {
      bracket = std::string_view::npos;
    }
    if (bracket != std::string_view::npos) {
      std::size_t p = bracket + 2;
      while (p < src.size() && (src[p] == ' ' || src[p] == '\t' || src[p] == '\n')) {
        ++p;
      }
      std::size_t dest_begin = p;
      std::size_t dest_end = p;
      if (p < src.size() && src[p] == '<') {
        dest_begin = p + 1;
        const std::size_t close = src.find_first_of(">\n", dest_begin);
        dest_end = close == std::string_view::npos ? src.size() : close;
      } else {
        int depth = 0;
        while (p < src.size()) {
          const char c = src[p];
          if (c == '\\' && p + 1 < src.size()) {
            p += 2;
            continue;
          }
          if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            break;
          }
          if (c == '(') {
            ++depth;
          } else if (c == ')') {
            if (depth == 0) {
              break;
            }
            --depth;
          }
          ++p;
        }
        dest_end = p;
      }
      out.target_span = core::Span{dest_begin, dest_end};
      const std::size_t close = src.find(')', dest_end);
      std::size_t span_begin = bracket;
      if (link.start_known) {
        // The '[' may stand before emphasis or a code span ("[*our* site]").
        const std::size_t open = link.start > 0 ? src.rfind('[', link.start - 1)
                                                : std::string_view::npos;
        span_begin =
          open != std::string_view::npos && open >= link.opened_at ? open : link.start;
      }
      out.span = core::Span{span_begin,
                            close == std::string_view::npos ? dest_end : close + 1};
    } else if (link.target_in_source) {
      out.target_span = core::Span{link.target_begin, link.target_end};
      out.autolink = link.start_known && link.start == link.target_begin;
      const std::size_t b = link.start_known ? link.start : link.target_begin;
      out.span = core::Span{b, std::max(b, m_last_end)};
    } else {
      const std::size_t b = link.start_known ? link.start : m_last_end;
      out.target_span = core::Span{b, std::max(b, m_last_end)};
      out.span = out.target_span;
    }
    if (out.span.begin > out.span.end) {
      out.span.begin = out.span.end;
    }
    m_doc.links.push_back(std::move(out));
  }

  Document& m_doc;
  std::vector<MD_BLOCKTYPE> m_stack;
  Block m_block;
  bool m_open = false;
  bool m_has_text = false;
  bool m_in_code = false;
  int m_quote_depth = 0;
  int m_emphasis_depth = 0;
  std::size_t m_last_end = 0;
  std::vector<OpenLink> m_links;
};

// Where YAML front matter ends, or `begin` when there is none.
std::size_t
skip_front_matter(std::string_view source, std::size_t begin)
{
  const std::string_view rest = source.substr(begin);
  if (!(rest.starts_with("---\n") || rest.starts_with("---\r\n"))) {
    return begin;
  }
  std::size_t pos = begin + rest.find('\n') + 1;
  while (pos < source.size()) {
    std::size_t eol = source.find('\n', pos);
    const std::size_t next = eol == std::string_view::npos ? source.size() : eol + 1;
    std::string_view line = source.substr(pos, (eol == std::string_view::npos ? source.size() : eol) - pos);
    if (!line.empty() && line.back() == '\r') {
      line.remove_suffix(1);
    }
    if (line == "---" || line == "...") {
      return next;
    }
    pos = next;
  }
  return begin; // no closing line: not front matter
}

} // namespace

bool
parse_markdown(Document& doc, core::Error& /*error*/)
{
  std::size_t begin = doc.source.starts_with("\xEF\xBB\xBF") ? 3 : 0;
  begin = skip_front_matter(doc.source, begin);
  doc.content_begin = begin;

  MarkdownBuilder builder(doc);
  MD_PARSER parser{};
  parser.abi_version = 0;
  parser.flags = MD_FLAG_TABLES | MD_FLAG_STRIKETHROUGH | MD_FLAG_PERMISSIVEURLAUTOLINKS;
  parser.enter_block = [](MD_BLOCKTYPE t, void* d, void* u) {
    return static_cast<MarkdownBuilder*>(u)->enter_block(t, d);
  };
  parser.leave_block = [](MD_BLOCKTYPE t, void*, void* u) {
    return static_cast<MarkdownBuilder*>(u)->leave_block(t);
  };
  parser.enter_span = [](MD_SPANTYPE t, void* d, void* u) {
    return static_cast<MarkdownBuilder*>(u)->enter_span(t, d);
  };
  parser.leave_span = [](MD_SPANTYPE t, void*, void* u) {
    return static_cast<MarkdownBuilder*>(u)->leave_span(t);
  };
  parser.text = [](MD_TEXTTYPE t, const MD_CHAR* s, MD_SIZE n, void* u) {
    return static_cast<MarkdownBuilder*>(u)->text(t, s, n);
  };
  md_parse(doc.source.data() + begin,
           static_cast<MD_SIZE>(doc.source.size() - begin),
           &parser,
           &builder);
  builder.finish();

  // Source lines, each mapped to the block it belongs to.
  std::size_t block = 0;
  for (std::size_t i = doc.line_index(begin); i < doc.line_count(); ++i) {
    const std::size_t start = doc.line_start(i);
    const std::string_view raw = doc.raw_line(i);
    Line line;
    line.span = core::Span{start, start + raw.size()};
    line.content.append_verbatim(raw, start);
    while (block < doc.blocks.size() && doc.blocks[block].span.end < start) {
      ++block;
    }
    if (block < doc.blocks.size() && doc.blocks[block].span.begin <= start
        && start <= doc.blocks[block].span.end) {
      line.block = block;
    }
    doc.lines.push_back(std::move(line));
  }

  // Ids written as raw HTML in Markdown (<a name="x">, <span id="x">).
  static const RE2 k_id(R"((?i)\b(?:id|name)\s*=\s*["']([^"'<>]+)["'])");
  // A match holds an "=" with only the name and blanks before it: the
  // search starts there, and a release without one needs none.
  re2::StringPiece groups[2];
  const std::string_view source(doc.source);
  std::size_t from = 0;
  for (std::size_t eq = source.find('=');
       eq != std::string_view::npos;
       eq = source.find('=', std::max(from, eq + 1))) {
    std::size_t start = eq;
    while (start > from && std::string_view(" \t\n\f\r").find(source[start - 1]) != std::string_view::npos) {
      --start;
    }
    start = start >= from + 4 ? start - 4 : from; // "name"
    if (!core::find_groups(k_id, source, start, groups, 2)) {
      break;
    }
    doc.anchors.emplace_back(groups[1].data(), groups[1].size());
    from = static_cast<std::size_t>(groups[0].data() - source.data()) + groups[0].size();
  }
  std::sort(doc.anchors.begin(), doc.anchors.end());
  doc.anchors.erase(std::unique(doc.anchors.begin(), doc.anchors.end()), doc.anchors.end());
  return true;
}

} // namespace presslint::document
