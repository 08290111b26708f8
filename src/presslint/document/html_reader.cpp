#include <presslint/core/utf8.hpp>
#include <presslint/document/reader.hpp>

#include <fmt/format.h>
#include <gumbo.h>

#include <algorithm>
#include <cstddef>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace presslint::document {

namespace {

constexpr std::size_t npos = std::string_view::npos;

bool
is_html_space(char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

bool
is_ascii_alpha(char c)
{
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool
is_ascii_digit(char c)
{
  return c >= '0' && c <= '9';
}

bool
is_ascii_hex_digit(char c)
{
  return is_ascii_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

bool
is_ascii_alnum(char c)
{
  return is_ascii_alpha(c) || is_ascii_digit(c);
}

char
ascii_lower(char c)
{
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

bool
equals_ci(std::string_view a, std::string_view b)
{
  return a.size() == b.size()
         && std::equal(a.begin(), a.end(), b.begin(),
                       [](char x, char y) { return ascii_lower(x) == ascii_lower(y); });
}

// Byte length of the UTF-8 sequence that starts with `lead`.
std::size_t
utf8_sequence_length(char lead)
{
  const auto c = static_cast<unsigned char>(lead);
  if (c >= 0xF0) {
    return 4;
  }
  if (c >= 0xE0) {
    return 3;
  }
  if (c >= 0xC0) {
    return 2;
  }
  return 1;
}

// ---------------------------------------------------------------------------
// Depth guard
//
// Gumbo's tree construction slows down with the square of the nesting depth,
// so the source is first scanned, in linear time, by a small model of the
// HTML tokenizer (comments, raw text of <script>, <style>, <textarea>...) and
// of the tree builder's stack of open elements: void elements, implied end
// tags (<p>, <li>, table parts, options), end tags that close what is open
// inside, dropped tags (a <td> outside a table, most tags in a <select>),
// foreign content, and the formatting elements a parser reopens after
// closing them implicitly. A self-closing slash counts only in SVG and
// MathML: "<div/>" opens a div. The model's depth stays within a small
// factor of the depth of the tree gumbo builds, both ways.

bool
is_void_element(GumboTag tag)
{
  switch (tag) {
  case GUMBO_TAG_AREA:
  case GUMBO_TAG_BASE:
  case GUMBO_TAG_BASEFONT:
  case GUMBO_TAG_BGSOUND:
  case GUMBO_TAG_BR:
  case GUMBO_TAG_COL:
  case GUMBO_TAG_EMBED:
  case GUMBO_TAG_FRAME:
  case GUMBO_TAG_HR:
  case GUMBO_TAG_IMAGE:
  case GUMBO_TAG_IMG:
  case GUMBO_TAG_INPUT:
  case GUMBO_TAG_KEYGEN:
  case GUMBO_TAG_LINK:
  case GUMBO_TAG_MENUITEM:
  case GUMBO_TAG_META:
  case GUMBO_TAG_PARAM:
  case GUMBO_TAG_SOURCE:
  case GUMBO_TAG_TRACK:
  case GUMBO_TAG_WBR:
  case GUMBO_TAG_ISINDEX:
    return true;
  default:
    return false;
  }
}

bool
is_formatting_element(GumboTag tag)
{
  switch (tag) {
  case GUMBO_TAG_A:
  case GUMBO_TAG_B:
  case GUMBO_TAG_BIG:
  case GUMBO_TAG_CODE:
  case GUMBO_TAG_EM:
  case GUMBO_TAG_FONT:
  case GUMBO_TAG_I:
  case GUMBO_TAG_NOBR:
  case GUMBO_TAG_S:
  case GUMBO_TAG_SMALL:
  case GUMBO_TAG_STRIKE:
  case GUMBO_TAG_STRONG:
  case GUMBO_TAG_TT:
  case GUMBO_TAG_U:
    return true;
  default:
    return false;
  }
}

// The "special" category of the HTML parsing algorithm.
bool
is_special_element(GumboTag tag)
{
  switch (tag) {
  case GUMBO_TAG_ADDRESS:
  case GUMBO_TAG_APPLET:
  case GUMBO_TAG_AREA:
  case GUMBO_TAG_ARTICLE:
  case GUMBO_TAG_ASIDE:
  case GUMBO_TAG_BASE:
  case GUMBO_TAG_BASEFONT:
  case GUMBO_TAG_BGSOUND:
  case GUMBO_TAG_BLOCKQUOTE:
  case GUMBO_TAG_BODY:
  case GUMBO_TAG_BR:
  case GUMBO_TAG_BUTTON:
  case GUMBO_TAG_CAPTION:
  case GUMBO_TAG_CENTER:
  case GUMBO_TAG_COL:
  case GUMBO_TAG_COLGROUP:
  case GUMBO_TAG_DD:
  case GUMBO_TAG_DETAILS:
  case GUMBO_TAG_DIR:
  case GUMBO_TAG_DIV:
  case GUMBO_TAG_DL:
  case GUMBO_TAG_DT:
  case GUMBO_TAG_EMBED:
  case GUMBO_TAG_FIELDSET:
  case GUMBO_TAG_FIGCAPTION:
  case GUMBO_TAG_FIGURE:
  case GUMBO_TAG_FOOTER:
  case GUMBO_TAG_FORM:
  case GUMBO_TAG_FRAME:
  case GUMBO_TAG_FRAMESET:
  case GUMBO_TAG_H1:
  case GUMBO_TAG_H2:
  case GUMBO_TAG_H3:
  case GUMBO_TAG_H4:
  case GUMBO_TAG_H5:
  case GUMBO_TAG_H6:
  case GUMBO_TAG_HEAD:
  case GUMBO_TAG_HEADER:
  case GUMBO_TAG_HGROUP:
  case GUMBO_TAG_HR:
  case GUMBO_TAG_HTML:
  case GUMBO_TAG_IFRAME:
  case GUMBO_TAG_IMG:
  case GUMBO_TAG_INPUT:
  case GUMBO_TAG_LI:
  case GUMBO_TAG_LINK:
  case GUMBO_TAG_LISTING:
  case GUMBO_TAG_MAIN:
  case GUMBO_TAG_MARQUEE:
  case GUMBO_TAG_MENU:
  case GUMBO_TAG_META:
  case GUMBO_TAG_NAV:
  case GUMBO_TAG_NOEMBED:
  case GUMBO_TAG_NOFRAMES:
  case GUMBO_TAG_NOSCRIPT:
  case GUMBO_TAG_OBJECT:
  case GUMBO_TAG_OL:
  case GUMBO_TAG_P:
  case GUMBO_TAG_PARAM:
  case GUMBO_TAG_PLAINTEXT:
  case GUMBO_TAG_PRE:
  case GUMBO_TAG_SCRIPT:
  case GUMBO_TAG_SECTION:
  case GUMBO_TAG_SELECT:
  case GUMBO_TAG_SOURCE:
  case GUMBO_TAG_STYLE:
  case GUMBO_TAG_SUMMARY:
  case GUMBO_TAG_TABLE:
  case GUMBO_TAG_TBODY:
  case GUMBO_TAG_TD:
  case GUMBO_TAG_TEMPLATE:
  case GUMBO_TAG_TEXTAREA:
  case GUMBO_TAG_TFOOT:
  case GUMBO_TAG_TH:
  case GUMBO_TAG_THEAD:
  case GUMBO_TAG_TITLE:
  case GUMBO_TAG_TR:
  case GUMBO_TAG_TRACK:
  case GUMBO_TAG_UL:
  case GUMBO_TAG_WBR:
  case GUMBO_TAG_XMP:
  case GUMBO_TAG_MI:
  case GUMBO_TAG_MO:
  case GUMBO_TAG_MN:
  case GUMBO_TAG_MS:
  case GUMBO_TAG_MTEXT:
  case GUMBO_TAG_ANNOTATION_XML:
  case GUMBO_TAG_FOREIGNOBJECT:
  case GUMBO_TAG_DESC:
    return true;
  default:
    return false;
  }
}

// Start tags that close an open <p>.
bool
closes_paragraph(GumboTag tag)
{
  switch (tag) {
  case GUMBO_TAG_ADDRESS:
  case GUMBO_TAG_ARTICLE:
  case GUMBO_TAG_ASIDE:
  case GUMBO_TAG_BLOCKQUOTE:
  case GUMBO_TAG_CENTER:
  case GUMBO_TAG_DETAILS:
  case GUMBO_TAG_DIR:
  case GUMBO_TAG_DIV:
  case GUMBO_TAG_DL:
  case GUMBO_TAG_FIELDSET:
  case GUMBO_TAG_FIGCAPTION:
  case GUMBO_TAG_FIGURE:
  case GUMBO_TAG_FOOTER:
  case GUMBO_TAG_HEADER:
  case GUMBO_TAG_HGROUP:
  case GUMBO_TAG_MAIN:
  case GUMBO_TAG_MENU:
  case GUMBO_TAG_NAV:
  case GUMBO_TAG_OL:
  case GUMBO_TAG_P:
  case GUMBO_TAG_SECTION:
  case GUMBO_TAG_SUMMARY:
  case GUMBO_TAG_UL:
  case GUMBO_TAG_H1:
  case GUMBO_TAG_H2:
  case GUMBO_TAG_H3:
  case GUMBO_TAG_H4:
  case GUMBO_TAG_H5:
  case GUMBO_TAG_H6:
  case GUMBO_TAG_PRE:
  case GUMBO_TAG_LISTING:
  case GUMBO_TAG_FORM:
  case GUMBO_TAG_LI:
  case GUMBO_TAG_DD:
  case GUMBO_TAG_DT:
  case GUMBO_TAG_PLAINTEXT:
  case GUMBO_TAG_TABLE:
  case GUMBO_TAG_XMP:
    return true;
  default:
    return false;
  }
}

bool
is_heading_tag(GumboTag tag)
{
  return tag == GUMBO_TAG_H1 || tag == GUMBO_TAG_H2 || tag == GUMBO_TAG_H3
         || tag == GUMBO_TAG_H4 || tag == GUMBO_TAG_H5 || tag == GUMBO_TAG_H6;
}

// Elements whose content the tokenizer reads as text up to their end tag.
bool
is_raw_text_element(GumboTag tag)
{
  switch (tag) {
  case GUMBO_TAG_SCRIPT:
  case GUMBO_TAG_STYLE:
  case GUMBO_TAG_XMP:
  case GUMBO_TAG_IFRAME:
  case GUMBO_TAG_NOEMBED:
  case GUMBO_TAG_NOFRAMES:
  case GUMBO_TAG_TEXTAREA:
  case GUMBO_TAG_TITLE:
    return true;
  default:
    return false;
  }
}

// Where a search down the stack of open elements gives up.
enum class Scope { plain, list_item, button, table, table_part, special, none };

bool
is_scope_boundary(GumboTag tag, Scope scope)
{
  switch (scope) {
  case Scope::none:
    return false;
  case Scope::special:
    return is_special_element(tag);
  case Scope::table:
    return tag == GUMBO_TAG_HTML || tag == GUMBO_TAG_TABLE || tag == GUMBO_TAG_TEMPLATE;
  case Scope::table_part:
    return tag == GUMBO_TAG_HTML || tag == GUMBO_TAG_TEMPLATE;
  case Scope::list_item:
    if (tag == GUMBO_TAG_OL || tag == GUMBO_TAG_UL) {
      return true;
    }
    break;
  case Scope::button:
    if (tag == GUMBO_TAG_BUTTON) {
      return true;
    }
    break;
  case Scope::plain:
    break;
  }
  switch (tag) {
  case GUMBO_TAG_APPLET:
  case GUMBO_TAG_CAPTION:
  case GUMBO_TAG_HTML:
  case GUMBO_TAG_TABLE:
  case GUMBO_TAG_TD:
  case GUMBO_TAG_TH:
  case GUMBO_TAG_MARQUEE:
  case GUMBO_TAG_OBJECT:
  case GUMBO_TAG_TEMPLATE:
  case GUMBO_TAG_MI:
  case GUMBO_TAG_MO:
  case GUMBO_TAG_MN:
  case GUMBO_TAG_MS:
  case GUMBO_TAG_MTEXT:
  case GUMBO_TAG_ANNOTATION_XML:
  case GUMBO_TAG_FOREIGNOBJECT:
  case GUMBO_TAG_DESC:
  case GUMBO_TAG_TITLE:
    return true;
  default:
    return false;
  }
}

bool
is_marker_element(GumboTag tag)
{
  switch (tag) {
  case GUMBO_TAG_APPLET:
  case GUMBO_TAG_CAPTION:
  case GUMBO_TAG_MARQUEE:
  case GUMBO_TAG_OBJECT:
  case GUMBO_TAG_TD:
  case GUMBO_TAG_TH:
  case GUMBO_TAG_TEMPLATE:
    return true;
  default:
    return false;
  }
}

// Where foreign content (SVG, MathML) lets HTML in again.
bool
is_integration_point(GumboTag tag)
{
  switch (tag) {
  case GUMBO_TAG_FOREIGNOBJECT:
  case GUMBO_TAG_DESC:
  case GUMBO_TAG_TITLE:
  case GUMBO_TAG_MI:
  case GUMBO_TAG_MO:
  case GUMBO_TAG_MN:
  case GUMBO_TAG_MS:
  case GUMBO_TAG_MTEXT:
  case GUMBO_TAG_ANNOTATION_XML:
    return true;
  default:
    return false;
  }
}

// HTML start tags that end foreign content.
bool
breaks_out_of_foreign(GumboTag tag)
{
  switch (tag) {
  case GUMBO_TAG_B:
  case GUMBO_TAG_BIG:
  case GUMBO_TAG_BLOCKQUOTE:
  case GUMBO_TAG_BODY:
  case GUMBO_TAG_BR:
  case GUMBO_TAG_CENTER:
  case GUMBO_TAG_CODE:
  case GUMBO_TAG_DD:
  case GUMBO_TAG_DIV:
  case GUMBO_TAG_DL:
  case GUMBO_TAG_DT:
  case GUMBO_TAG_EM:
  case GUMBO_TAG_EMBED:
  case GUMBO_TAG_H1:
  case GUMBO_TAG_H2:
  case GUMBO_TAG_H3:
  case GUMBO_TAG_H4:
  case GUMBO_TAG_H5:
  case GUMBO_TAG_H6:
  case GUMBO_TAG_HEAD:
  case GUMBO_TAG_HR:
  case GUMBO_TAG_I:
  case GUMBO_TAG_IMG:
  case GUMBO_TAG_LI:
  case GUMBO_TAG_LISTING:
  case GUMBO_TAG_MENU:
  case GUMBO_TAG_META:
  case GUMBO_TAG_NOBR:
  case GUMBO_TAG_OL:
  case GUMBO_TAG_P:
  case GUMBO_TAG_PRE:
  case GUMBO_TAG_RUBY:
  case GUMBO_TAG_S:
  case GUMBO_TAG_SMALL:
  case GUMBO_TAG_SPAN:
  case GUMBO_TAG_STRONG:
  case GUMBO_TAG_STRIKE:
  case GUMBO_TAG_SUB:
  case GUMBO_TAG_SUP:
  case GUMBO_TAG_TABLE:
  case GUMBO_TAG_TT:
  case GUMBO_TAG_U:
  case GUMBO_TAG_UL:
  case GUMBO_TAG_VAR:
    return true;
  default:
    return false;
  }
}

// Start tags before which a parser reopens formatting elements it closed
// implicitly ("reconstructs the active formatting elements").
bool
reopens_formatting(GumboTag tag)
{
  if (!is_special_element(tag)) {
    return true; // formatting elements, <span>, unknown elements...
  }
  switch (tag) {
  case GUMBO_TAG_APPLET:
  case GUMBO_TAG_AREA:
  case GUMBO_TAG_BR:
  case GUMBO_TAG_BUTTON:
  case GUMBO_TAG_EMBED:
  case GUMBO_TAG_IMG:
  case GUMBO_TAG_INPUT:
  case GUMBO_TAG_MARQUEE:
  case GUMBO_TAG_OBJECT:
  case GUMBO_TAG_SELECT:
  case GUMBO_TAG_WBR:
  case GUMBO_TAG_XMP:
    return true;
  default:
    return false;
  }
}

// Elements a parser closes before an end tag ("generate implied end tags").
bool
has_implied_end_tag(GumboTag tag)
{
  switch (tag) {
  case GUMBO_TAG_DD:
  case GUMBO_TAG_DT:
  case GUMBO_TAG_LI:
  case GUMBO_TAG_OPTGROUP:
  case GUMBO_TAG_OPTION:
  case GUMBO_TAG_P:
  case GUMBO_TAG_RB:
  case GUMBO_TAG_RP:
  case GUMBO_TAG_RT:
  case GUMBO_TAG_RTC:
    return true;
  default:
    return false;
  }
}

bool
is_table_structure(GumboTag tag)
{
  return tag == GUMBO_TAG_TABLE || tag == GUMBO_TAG_TBODY || tag == GUMBO_TAG_THEAD
         || tag == GUMBO_TAG_TFOOT || tag == GUMBO_TAG_TR;
}

class DepthGuard
{
public:
  DepthGuard(std::string_view source, std::size_t max_depth)
    : m_src(source), m_max(max_depth)
  {}

  // The offset of the first tag (or text) that nests deeper than the limit.
  std::optional<std::size_t> find_too_deep()
  {
    const std::size_t n = m_src.size();
    std::size_t pos = 0;
    while (true) {
      const std::size_t lt = std::min(m_src.find('<', pos), n);
      if (lt > pos && reopenable() > 0) {
        // Text makes a parser reopen formatting elements.
        const std::string_view text = m_src.substr(pos, lt - pos);
        const std::size_t visible = text.find_first_not_of(" \t\n\r\f");
        if ((visible != npos || !in_table_structure()) && !in_foreign() && m_select == 0) {
          reopen();
          if (depth() > m_max) {
            return pos + (visible != npos ? visible : 0);
          }
        }
      }
      if (lt + 1 >= n) {
        return std::nullopt;
      }
      pos = lt + 1;
      char c = m_src[pos];
      if (c == '!') {
        if (!skip_markup_declaration(pos)) {
          return std::nullopt;
        }
        continue;
      }
      if (c == '?') {
        if (!skip_past('>', pos)) {
          return std::nullopt;
        }
        continue;
      }
      bool closing = false;
      if (c == '/') {
        closing = true;
        ++pos;
        if (pos >= n) {
          return std::nullopt;
        }
        c = m_src[pos];
        if (c == '>') {
          ++pos;
          continue;
        }
        if (!is_ascii_alpha(c)) {
          if (!skip_past('>', pos)) {
            return std::nullopt;
          }
          continue;
        }
      } else if (!is_ascii_alpha(c)) {
        continue; // a literal '<'
      }

      const std::size_t name_begin = pos;
      while (pos < n && !is_html_space(m_src[pos]) && m_src[pos] != '/' && m_src[pos] != '>') {
        ++pos;
      }
      const std::string_view name = m_src.substr(name_begin, pos - name_begin);
      const std::size_t attributes_begin = pos;
      bool self_closing = false;
      if (!skip_attributes(pos, self_closing)) {
        return std::nullopt; // the file ends inside the tag
      }
      const std::string_view attributes =
        m_src.substr(attributes_begin, pos - 1 - attributes_begin);
      const GumboTag tag = gumbo_tagn_enum(name.data(), static_cast<unsigned>(name.size()));
      const std::string lower_name = tag == GUMBO_TAG_UNKNOWN ? lower(name) : std::string();

      if (closing) {
        end_tag(tag, lower_name);
        continue;
      }
      const Start outcome = start_tag(tag, lower_name, attributes, self_closing);
      if (outcome == Start::too_deep) {
        return lt;
      }
      // Only a tag read as HTML switches the tokenizer to raw text.
      if (outcome == Start::html) {
        if (tag == GUMBO_TAG_PLAINTEXT) {
          return std::nullopt; // the rest of the file is text
        }
        if (is_raw_text_element(tag) && !skip_raw_text(name, pos)) {
          return std::nullopt;
        }
      }
    }
  }

private:
  struct OpenElement
  {
    GumboTag tag = GUMBO_TAG_UNKNOWN;
    std::string name;     // lower case, for unknown tags
    std::string key;      // tag and attributes, for formatting elements
    bool foreign = false; // an SVG or MathML element
    bool listed = false;  // a formatting element the parser would reopen
  };

  // A formatting element closed implicitly that a parser would reopen.
  struct Closed
  {
    GumboTag tag = GUMBO_TAG_UNKNOWN;
    std::string key;
  };

  enum class Start { ignored, html, foreign, too_deep };

  std::string_view m_src;
  std::size_t m_max;
  std::vector<OpenElement> m_stack;
  std::vector<Closed> m_closed;
  // For each open marker (<td>, <caption>, <object>...), how many closed
  // formatting elements it hides from reopening.
  std::vector<std::size_t> m_markers;
  std::size_t m_select = 0; // open <select> elements
  bool m_form = false;      // a <form> is open (nested forms are dropped)

  [[nodiscard]] std::size_t floor() const { return m_markers.empty() ? 0 : m_markers.back(); }
  [[nodiscard]] std::size_t reopenable() const
  {
    return m_closed.size() > floor() ? m_closed.size() - floor() : 0;
  }
  [[nodiscard]] std::size_t depth() const { return m_stack.size() + reopenable(); }

  [[nodiscard]] bool in_foreign() const
  {
    return !m_stack.empty() && m_stack.back().foreign
           && !is_integration_point(m_stack.back().tag);
  }

  [[nodiscard]] bool in_table_structure() const
  {
    return !m_stack.empty() && is_table_structure(m_stack.back().tag);
  }

  bool skip_past(char c, std::size_t& pos) const
  {
    const std::size_t end = m_src.find(c, pos);
    if (end == npos) {
      return false;
    }
    pos = end + 1;
    return true;
  }

  // pos is at the '!' of "<!".
  bool skip_markup_declaration(std::size_t& pos) const
  {
    if (m_src.substr(pos, 3) == "!--") {
      const std::size_t body = pos + 3;
      if (m_src.substr(body, 1) == ">") {
        pos = body + 1;
        return true;
      }
      if (m_src.substr(body, 2) == "->") {
        pos = body + 2;
        return true;
      }
      const std::size_t end = m_src.find("-->", body);
      if (end == npos) {
        return false;
      }
      pos = end + 3;
      return true;
    }
    if (in_foreign() && m_src.substr(pos, 8) == "![CDATA[") {
      const std::size_t end = m_src.find("]]>", pos + 8);
      if (end == npos) {
        return false;
      }
      pos = end + 3;
      return true;
    }
    return skip_past('>', pos);
  }

  // pos is just after the tag name; leaves pos after the closing '>'.
  bool skip_attributes(std::size_t& pos, bool& self_closing) const
  {
    const std::size_t n = m_src.size();
    while (true) {
      while (pos < n && is_html_space(m_src[pos])) {
        ++pos;
      }
      if (pos >= n) {
        return false;
      }
      const char c = m_src[pos];
      if (c == '>') {
        ++pos;
        return true;
      }
      if (c == '/') {
        ++pos;
        if (pos < n && m_src[pos] == '>') {
          self_closing = true;
          ++pos;
          return true;
        }
        continue;
      }
      ++pos; // the name's first character may be '='
      while (pos < n && !is_html_space(m_src[pos]) && m_src[pos] != '/' && m_src[pos] != '>'
             && m_src[pos] != '=') {
        ++pos;
      }
      while (pos < n && is_html_space(m_src[pos])) {
        ++pos;
      }
      if (pos >= n || m_src[pos] != '=') {
        continue;
      }
      ++pos;
      while (pos < n && is_html_space(m_src[pos])) {
        ++pos;
      }
      if (pos >= n) {
        return false;
      }
      const char quote = m_src[pos];
      if (quote == '"' || quote == '\'') {
        const std::size_t end = m_src.find(quote, pos + 1);
        if (end == npos) {
          return false;
        }
        pos = end + 1;
      } else {
        while (pos < n && !is_html_space(m_src[pos]) && m_src[pos] != '>') {
          ++pos;
        }
      }
    }
  }

  // Skips the text of <script>, <style>, <textarea>... up to its end tag.
  bool skip_raw_text(std::string_view name, std::size_t& pos) const
  {
    while (true) {
      const std::size_t at = m_src.find("</", pos);
      if (at == npos) {
        return false;
      }
      const std::size_t after = at + 2 + name.size();
      if (equals_ci(m_src.substr(at + 2, name.size()), name)
          && (after >= m_src.size() || is_html_space(m_src[after]) || m_src[after] == '/'
              || m_src[after] == '>')) {
        pos = at; // the end tag itself is scanned as usual
        return true;
      }
      pos = at + 2;
    }
  }

  static std::string lower(std::string_view s)
  {
    std::string out(s);
    for (char& c : out) {
      c = ascii_lower(c);
    }
    return out;
  }

  static bool matches(const OpenElement& e, GumboTag tag, std::string_view lower_name)
  {
    return e.tag == tag && (tag != GUMBO_TAG_UNKNOWN || e.name == lower_name);
  }

  // Reopens the formatting elements closed implicitly, as a parser does
  // before text and most inline elements.
  void reopen()
  {
    for (std::size_t i = floor(); i < m_closed.size(); ++i) {
      OpenElement e;
      e.tag = m_closed[i].tag;
      e.key = std::move(m_closed[i].key);
      e.listed = true;
      m_stack.push_back(std::move(e));
    }
    m_closed.resize(floor());
  }

  // A parser keeps at most three identical formatting elements to reopen
  // (the "Noah's Ark" clause); the oldest drops out of the list, though it
  // stays open if it is.
  void limit_identical(const std::string& key)
  {
    std::size_t same = 0;
    std::size_t first_open = npos;
    for (std::size_t i = m_stack.size(); i-- > 0;) {
      if (is_marker_element(m_stack[i].tag)) {
        break;
      }
      if (m_stack[i].listed && m_stack[i].key == key) {
        ++same;
        first_open = i;
      }
    }
    std::size_t first_closed = npos;
    for (std::size_t i = floor(); i < m_closed.size(); ++i) {
      if (m_closed[i].key == key) {
        ++same;
        if (first_closed == npos) {
          first_closed = i;
        }
      }
    }
    if (same < 3) {
      return;
    }
    if (first_open != npos) {
      m_stack[first_open].listed = false;
    } else if (first_closed != npos) {
      m_closed.erase(m_closed.begin() + static_cast<std::ptrdiff_t>(first_closed));
    }
  }

  // Pops the open elements above index `index`, and that one too when
  // `inclusive`; `explicit_end` when this is the element's own end tag.
  void pop_to(std::size_t index, bool inclusive, bool explicit_end)
  {
    const std::size_t keep = inclusive ? index : index + 1;
    // Closed formatting elements keep their order, outermost first.
    std::size_t closed_before = m_closed.size();
    while (m_stack.size() > keep) {
      OpenElement& e = m_stack.back();
      const bool is_target = m_stack.size() - 1 == index;
      if (e.tag == GUMBO_TAG_SELECT && !e.foreign) {
        --m_select;
      }
      if (is_marker_element(e.tag) && !e.foreign) {
        if (!m_markers.empty()) {
          m_closed.resize(std::min(m_closed.size(), m_markers.back()));
          closed_before = std::min(closed_before, m_closed.size());
          m_markers.pop_back();
        }
      } else if (e.listed && !(is_target && explicit_end)) {
        m_closed.push_back(Closed{e.tag, std::move(e.key)});
      }
      m_stack.pop_back();
    }
    if (m_closed.size() > closed_before) {
      std::reverse(m_closed.begin() + static_cast<std::ptrdiff_t>(closed_before), m_closed.end());
    }
  }

  // The index of the nearest open element that `match`es, searching down to
  // a boundary of `scope`.
  template <typename Match>
  std::optional<std::size_t> find_open(Match match, Scope scope) const
  {
    for (std::size_t i = m_stack.size(); i-- > 0;) {
      if (match(m_stack[i])) {
        return i;
      }
      if (is_scope_boundary(m_stack[i].tag, scope)) {
        return std::nullopt;
      }
    }
    return std::nullopt;
  }

  void close_open(GumboTag tag, Scope scope)
  {
    if (const auto i = find_open([tag](const OpenElement& e) { return e.tag == tag; }, scope)) {
      pop_to(*i, true, false);
    }
  }

  // Pops down to the nearest open element among `tags`, within the table.
  void pop_to_nearest(std::initializer_list<GumboTag> tags, bool inclusive)
  {
    const auto i = find_open(
      [tags](const OpenElement& e) {
        return std::find(tags.begin(), tags.end(), e.tag) != tags.end();
      },
      Scope::table_part);
    if (i) {
      pop_to(*i, inclusive, false);
    }
  }

  void pop_top_if(GumboTag tag)
  {
    if (!m_stack.empty() && m_stack.back().tag == tag) {
      pop_to(m_stack.size() - 1, true, false);
    }
  }

  // A <font> in SVG or MathML is HTML when it has these attributes.
  static bool font_breaks_out(std::string_view attributes)
  {
    const std::string a = lower(attributes);
    return a.find("color") != npos || a.find("face") != npos || a.find("size") != npos;
  }

  // The end of a formatting element, roughly as the adoption agency does it.
  void end_formatting(GumboTag tag)
  {
    for (int round = 0; round < 8; ++round) {
      std::optional<std::size_t> at;
      for (std::size_t i = m_stack.size(); i-- > 0;) {
        if (m_stack[i].tag == tag && m_stack[i].listed) {
          at = i;
          break;
        }
        if (is_marker_element(m_stack[i].tag)) {
          break;
        }
      }
      if (!at) {
        break;
      }
      if (!find_open([&](const OpenElement& e) { return &e == &m_stack[*at]; }, Scope::plain)) {
        return; // not in scope: dropped
      }
      // The first special element above it.
      std::size_t block = *at + 1;
      while (block < m_stack.size() && !is_special_element(m_stack[block].tag)) {
        ++block;
      }
      if (block == m_stack.size()) {
        pop_to(*at, true, true);
        return;
      }
      // The parser moves that block out of the formatting element, drops
      // the plain inline elements between them, and clones the formatting
      // element into the block.
      OpenElement clone = m_stack[*at];
      std::vector<OpenElement> kept;
      for (std::size_t i = *at + 1; i < block; ++i) {
        if (m_stack[i].listed) {
          kept.push_back(std::move(m_stack[i]));
        }
      }
      std::vector<OpenElement> rest;
      rest.push_back(std::move(m_stack[block]));
      rest.push_back(std::move(clone));
      for (std::size_t i = block + 1; i < m_stack.size(); ++i) {
        rest.push_back(std::move(m_stack[i]));
      }
      m_stack.resize(*at);
      for (auto& e : kept) {
        m_stack.push_back(std::move(e));
      }
      for (auto& e : rest) {
        m_stack.push_back(std::move(e));
      }
    }
    // Not open: it will not be reopened either.
    for (std::size_t i = m_closed.size(); i-- > floor();) {
      if (m_closed[i].tag == tag) {
        m_closed.erase(m_closed.begin() + static_cast<std::ptrdiff_t>(i));
        return;
      }
    }
  }

  void end_tag(GumboTag tag, const std::string& lower_name)
  {
    if (in_foreign()) {
      for (std::size_t i = m_stack.size(); i-- > 0 && m_stack[i].foreign;) {
        if (matches(m_stack[i], tag, lower_name)) {
          pop_to(i, true, true);
          return;
        }
      }
      // No such SVG or MathML element: an HTML end tag.
    }
    if (m_select > 0) {
      // A select list only knows its own end tags.
      if (tag == GUMBO_TAG_OPTION || tag == GUMBO_TAG_OPTGROUP || tag == GUMBO_TAG_SELECT) {
        if (const auto i = find_open([tag](const OpenElement& e) { return e.tag == tag; },
                                     Scope::table_part)) {
          pop_to(*i, true, true);
        }
      }
      return;
    }
    if (is_void_element(tag) || tag == GUMBO_TAG_HTML || tag == GUMBO_TAG_HEAD
        || tag == GUMBO_TAG_BODY) {
      return;
    }
    if (is_formatting_element(tag)) {
      end_formatting(tag);
      return;
    }
    if (tag == GUMBO_TAG_FORM) {
      // </form> closes the form alone; what is open inside it stays open.
      if (m_form) {
        m_form = false;
        if (const auto i = find_open(
              [](const OpenElement& e) { return e.tag == GUMBO_TAG_FORM; }, Scope::plain)) {
          while (!m_stack.empty() && has_implied_end_tag(m_stack.back().tag)) {
            pop_to(m_stack.size() - 1, true, false);
          }
          if (*i < m_stack.size()) {
            m_stack.erase(m_stack.begin() + static_cast<std::ptrdiff_t>(*i));
          }
        }
      }
      return;
    }
    std::optional<std::size_t> index;
    if (is_heading_tag(tag)) {
      index = find_open([](const OpenElement& e) { return is_heading_tag(e.tag); }, Scope::plain);
    } else if (tag == GUMBO_TAG_TD || tag == GUMBO_TAG_TH || tag == GUMBO_TAG_TR
               || tag == GUMBO_TAG_TBODY || tag == GUMBO_TAG_THEAD || tag == GUMBO_TAG_TFOOT
               || tag == GUMBO_TAG_CAPTION || tag == GUMBO_TAG_COLGROUP) {
      index = find_open([tag](const OpenElement& e) { return e.tag == tag; }, Scope::table);
    } else if (tag == GUMBO_TAG_TABLE) {
      index = find_open([tag](const OpenElement& e) { return e.tag == tag; }, Scope::table_part);
    } else if (tag == GUMBO_TAG_LI) {
      index = find_open([tag](const OpenElement& e) { return e.tag == tag; }, Scope::list_item);
    } else if (tag == GUMBO_TAG_P) {
      index = find_open([tag](const OpenElement& e) { return e.tag == tag; }, Scope::button);
    } else if (is_special_element(tag)) {
      index = find_open([tag](const OpenElement& e) { return e.tag == tag; }, Scope::plain);
    } else {
      // Any other end tag stops at the first special element.
      index = find_open([&](const OpenElement& e) { return matches(e, tag, lower_name); },
                        Scope::special);
    }
    if (index) {
      pop_to(*index, true, true);
    }
  }

  enum class TableMode { body, table, cell };

  // Where the parser stands with respect to tables, from the nearest open
  // table part (elements placed outside a table do not change it).
  [[nodiscard]] TableMode table_mode() const
  {
    for (std::size_t i = m_stack.size(); i-- > 0;) {
      switch (m_stack[i].tag) {
      case GUMBO_TAG_TD:
      case GUMBO_TAG_TH:
      case GUMBO_TAG_CAPTION:
        return TableMode::cell;
      case GUMBO_TAG_TABLE:
      case GUMBO_TAG_TBODY:
      case GUMBO_TAG_THEAD:
      case GUMBO_TAG_TFOOT:
      case GUMBO_TAG_TR:
      case GUMBO_TAG_COLGROUP:
        return TableMode::table;
      case GUMBO_TAG_HTML:
      case GUMBO_TAG_TEMPLATE:
        return TableMode::body;
      default:
        break;
      }
    }
    return TableMode::body;
  }

  // A start tag inside a <select>: everything but options is dropped.
  // Returns nullopt when the tag goes on as in the body.
  std::optional<Start> start_tag_in_select(GumboTag tag)
  {
    switch (tag) {
    case GUMBO_TAG_OPTION:
      pop_top_if(GUMBO_TAG_OPTION);
      return std::nullopt;
    case GUMBO_TAG_OPTGROUP:
      pop_top_if(GUMBO_TAG_OPTION);
      pop_top_if(GUMBO_TAG_OPTGROUP);
      return std::nullopt;
    case GUMBO_TAG_HR:
      pop_top_if(GUMBO_TAG_OPTION);
      pop_top_if(GUMBO_TAG_OPTGROUP);
      return Start::html;
    case GUMBO_TAG_SELECT:
    case GUMBO_TAG_INPUT:
    case GUMBO_TAG_KEYGEN:
      pop_to_nearest({GUMBO_TAG_SELECT}, true);
      return Start::html;
    case GUMBO_TAG_TEXTAREA:
      pop_to_nearest({GUMBO_TAG_SELECT}, true);
      return std::nullopt;
    case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_TABLE:
    case GUMBO_TAG_TBODY:
    case GUMBO_TAG_TFOOT:
    case GUMBO_TAG_THEAD:
    case GUMBO_TAG_TR:
    case GUMBO_TAG_TD:
    case GUMBO_TAG_TH:
      // Table parts close a list inside a table, and are dropped elsewhere.
      if (table_mode() == TableMode::body) {
        return Start::ignored;
      }
      pop_to_nearest({GUMBO_TAG_SELECT}, true);
      return std::nullopt;
    case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_TEMPLATE:
      return std::nullopt;
    default:
      return Start::ignored;
    }
  }

  // Pushes an element the parser implies (<tbody>, <tr>) when the current
  // one is `top`.
  void push_implied_if_top(GumboTag top, GumboTag implied)
  {
    if (!m_stack.empty() && m_stack.back().tag == top) {
      OpenElement e;
      e.tag = implied;
      m_stack.push_back(std::move(e));
    }
  }

  // Table parts; returns false when the tag is dropped.
  bool start_table_part(GumboTag tag)
  {
    const TableMode mode = table_mode();
    if (tag == GUMBO_TAG_TABLE) {
      if (mode == TableMode::table) {
        pop_to_nearest({GUMBO_TAG_TABLE}, true); // a table in a table closes it
      }
      return true;
    }
    if (mode == TableMode::body) {
      return false;
    }
    if (mode == TableMode::cell) {
      pop_to_nearest({GUMBO_TAG_TD, GUMBO_TAG_TH, GUMBO_TAG_CAPTION}, true);
    }
    switch (tag) {
    case GUMBO_TAG_TR:
      pop_to_nearest({GUMBO_TAG_TBODY, GUMBO_TAG_THEAD, GUMBO_TAG_TFOOT, GUMBO_TAG_TABLE}, false);
      push_implied_if_top(GUMBO_TAG_TABLE, GUMBO_TAG_TBODY);
      break;
    case GUMBO_TAG_TD:
    case GUMBO_TAG_TH:
      pop_to_nearest(
        {GUMBO_TAG_TR, GUMBO_TAG_TBODY, GUMBO_TAG_THEAD, GUMBO_TAG_TFOOT, GUMBO_TAG_TABLE}, false);
      push_implied_if_top(GUMBO_TAG_TABLE, GUMBO_TAG_TBODY);
      if (!m_stack.empty() && m_stack.back().tag != GUMBO_TAG_TR) {
        push_implied_if_top(m_stack.back().tag, GUMBO_TAG_TR);
      }
      break;
    default:
      pop_to_nearest({GUMBO_TAG_TABLE}, false);
      break;
    }
    return true;
  }

  // Implied end tags and dropped tags of a start tag read as HTML; returns
  // false when the tag is dropped.
  bool prepare_html_start(GumboTag tag)
  {
    if (tag == GUMBO_TAG_HTML || tag == GUMBO_TAG_HEAD || tag == GUMBO_TAG_BODY) {
      return false;
    }
    if (tag == GUMBO_TAG_FORM && m_form) {
      return false;
    }
    if (closes_paragraph(tag) || tag == GUMBO_TAG_HR) {
      close_open(GUMBO_TAG_P, Scope::button);
    }
    switch (tag) {
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
      if (!m_stack.empty() && is_heading_tag(m_stack.back().tag)) {
        pop_to(m_stack.size() - 1, true, false);
      }
      break;
    case GUMBO_TAG_LI:
      close_item(GUMBO_TAG_LI, GUMBO_TAG_LI);
      break;
    case GUMBO_TAG_DD:
    case GUMBO_TAG_DT:
      close_item(GUMBO_TAG_DD, GUMBO_TAG_DT);
      break;
    case GUMBO_TAG_A:
    case GUMBO_TAG_NOBR:
      end_formatting(tag);
      break;
    case GUMBO_TAG_BUTTON:
      close_open(GUMBO_TAG_BUTTON, Scope::plain);
      break;
    case GUMBO_TAG_TABLE:
    case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_COLGROUP:
    case GUMBO_TAG_TBODY:
    case GUMBO_TAG_THEAD:
    case GUMBO_TAG_TFOOT:
    case GUMBO_TAG_TR:
    case GUMBO_TAG_TD:
    case GUMBO_TAG_TH:
      return start_table_part(tag);
    case GUMBO_TAG_OPTION:
      pop_top_if(GUMBO_TAG_OPTION);
      break;
    case GUMBO_TAG_OPTGROUP:
      pop_top_if(GUMBO_TAG_OPTION);
      pop_top_if(GUMBO_TAG_OPTGROUP);
      break;
    case GUMBO_TAG_RB:
    case GUMBO_TAG_RP:
    case GUMBO_TAG_RT:
    case GUMBO_TAG_RTC:
      while (!m_stack.empty()
             && (m_stack.back().tag == GUMBO_TAG_RB || m_stack.back().tag == GUMBO_TAG_RP
                 || m_stack.back().tag == GUMBO_TAG_RT
                 || (m_stack.back().tag == GUMBO_TAG_RTC && tag != GUMBO_TAG_RT
                     && tag != GUMBO_TAG_RP))) {
        pop_to(m_stack.size() - 1, true, false);
      }
      break;
    default:
      break;
    }
    if (reopens_formatting(tag) && m_select == 0) {
      reopen();
    }
    return true;
  }

  Start start_tag(GumboTag tag,
                  const std::string& lower_name,
                  std::string_view attributes,
                  bool self_closing)
  {
    if (in_foreign()
        && (tag == GUMBO_TAG_FONT ? font_breaks_out(attributes) : breaks_out_of_foreign(tag))) {
      while (in_foreign()) {
        pop_to(m_stack.size() - 1, true, false);
      }
    }
    const bool foreign = in_foreign() || tag == GUMBO_TAG_SVG || tag == GUMBO_TAG_MATH;
    if (foreign) {
      if (tag == GUMBO_TAG_SVG || tag == GUMBO_TAG_MATH) {
        if (m_select > 0) {
          return Start::ignored;
        }
        reopen();
      }
      if (self_closing) {
        return depth() <= m_max ? Start::foreign : Start::too_deep;
      }
    } else {
      if (m_select > 0) {
        if (const auto outcome = start_tag_in_select(tag)) {
          return *outcome;
        }
      }
      if (!prepare_html_start(tag)) {
        return Start::ignored;
      }
      if (is_void_element(tag) || is_raw_text_element(tag)) {
        return depth() <= m_max ? Start::html : Start::too_deep;
      }
    }

    OpenElement e;
    e.tag = tag;
    e.foreign = foreign;
    if (tag == GUMBO_TAG_UNKNOWN) {
      e.name = lower_name;
    }
    if (!foreign) {
      if (is_formatting_element(tag)) {
        e.key = std::string(gumbo_normalized_tagname(tag));
        e.key += '\0';
        e.key.append(attributes);
        limit_identical(e.key);
        e.listed = true;
      }
      if (is_marker_element(tag)) {
        m_markers.push_back(m_closed.size());
      }
      if (tag == GUMBO_TAG_SELECT) {
        ++m_select;
      }
      if (tag == GUMBO_TAG_FORM) {
        m_form = true;
      }
    }
    m_stack.push_back(std::move(e));
    if (depth() > m_max) {
      return Start::too_deep;
    }
    return foreign ? Start::foreign : Start::html;
  }

  // A new <li>, <dd> or <dt> closes the open one.
  void close_item(GumboTag first, GumboTag second)
  {
    for (std::size_t i = m_stack.size(); i-- > 0;) {
      const GumboTag t = m_stack[i].tag;
      if (t == first || t == second) {
        pop_to(i, true, false);
        return;
      }
      if (is_special_element(t) && t != GUMBO_TAG_ADDRESS && t != GUMBO_TAG_DIV
          && t != GUMBO_TAG_P) {
        return;
      }
    }
  }
};

// ---------------------------------------------------------------------------
// Gumbo helpers

bool
points_into(std::string_view source, const char* p, std::size_t length)
{
  return p != nullptr && p >= source.data() && length <= source.size()
         && static_cast<std::size_t>(p - source.data()) <= source.size() - length;
}

std::size_t
offset_in(std::string_view source, const char* p)
{
  return static_cast<std::size_t>(p - source.data());
}

const GumboAttribute*
attribute(const GumboElement& element, const char* name)
{
  return gumbo_get_attribute(&element.attributes, name);
}

bool
has_role(const GumboElement& element, std::string_view role)
{
  const GumboAttribute* a = attribute(element, "role");
  if (a == nullptr || a->value == nullptr) {
    return false;
  }
  std::string_view value(a->value);
  while (!value.empty() && is_html_space(value.front())) {
    value.remove_prefix(1);
  }
  while (!value.empty() && is_html_space(value.back())) {
    value.remove_suffix(1);
  }
  return equals_ci(value, role);
}

// The source range of an element, from its start tag to the end of its end
// tag (or to where the parser closed it).
core::Span
element_span(std::string_view source, const GumboNode* node)
{
  const GumboElement& e = node->v.element;
  std::size_t begin = e.start_pos.offset;
  std::size_t end = e.end_pos.offset;
  if (e.original_tag.length > 0 && points_into(source, e.original_tag.data, e.original_tag.length)) {
    begin = offset_in(source, e.original_tag.data);
    end = std::max(end, begin + e.original_tag.length);
  }
  // An implied end tag's original text is the tag that closed the element.
  if ((node->parse_flags & GUMBO_INSERTION_IMPLICIT_END_TAG) == 0
      && e.original_end_tag.length > 0
      && points_into(source, e.original_end_tag.data, e.original_end_tag.length)) {
    end = offset_in(source, e.original_end_tag.data) + e.original_end_tag.length;
  }
  begin = std::min(begin, source.size());
  end = std::clamp(end, begin, source.size());
  return core::Span{begin, end};
}

// ---------------------------------------------------------------------------
// Mapping decoded text back to the source

// A stretch of a text node: verbatim bytes, or decoded text standing for a
// source range (an entity, a CR LF).
struct Unit
{
  std::size_t text_begin = 0;
  std::size_t text_end = 0;
  std::size_t source_begin = 0;
  std::size_t source_end = 0;
  bool verbatim = true;
};

class Aligner
{
public:
  Aligner(std::string_view text, std::string_view original, std::size_t base)
    : m_text(text), m_orig(original), m_base(base)
  {}

  std::vector<Unit> run()
  {
    // Gumbo drops a newline right after <pre>.
    if (!m_text.empty() && m_text.front() != '\n') {
      if (m_orig.starts_with("\r\n")) {
        m_j = 2;
      } else if (m_orig.starts_with('\n')) {
        m_j = 1;
      }
    }
    while (m_i < m_text.size() && m_j < m_orig.size()) {
      const char c = m_orig[m_j];
      if (c == '&' && entity()) {
        continue;
      }
      if (c == '\r' && m_text[m_i] == '\n') {
        const bool crlf = m_j + 1 < m_orig.size() && m_orig[m_j + 1] == '\n';
        mapped(1, crlf ? 2 : 1);
        continue;
      }
      if (c == '<') {
        // A literal '<', or a tag or comment the parser dropped from the
        // middle of the text.
        if (m_text[m_i] == '<' && plausible(m_i + 1, m_j + 1)) {
          verbatim_byte();
          continue;
        }
        const std::size_t end = markup_end(m_j);
        if (end == npos) {
          break;
        }
        m_j = end;
        continue;
      }
      if (m_text[m_i] == c) {
        verbatim_byte();
        continue;
      }
      break;
    }
    if (m_i < m_text.size()) {
      // Lost track: the rest stands for the rest.
      mapped(m_text.size() - m_i, m_orig.size() - m_j);
    }
    return std::move(m_units);
  }

private:
  std::string_view m_text;
  std::string_view m_orig;
  std::size_t m_base;
  std::size_t m_i = 0; // in m_text
  std::size_t m_j = 0; // in m_orig
  std::vector<Unit> m_units;

  void verbatim_byte()
  {
    if (!m_units.empty()) {
      Unit& last = m_units.back();
      if (last.verbatim && last.text_end == m_i && last.source_end == m_base + m_j) {
        ++last.text_end;
        ++last.source_end;
        ++m_i;
        ++m_j;
        return;
      }
    }
    m_units.push_back(Unit{m_i, m_i + 1, m_base + m_j, m_base + m_j + 1, true});
    ++m_i;
    ++m_j;
  }

  void mapped(std::size_t text_length, std::size_t source_length)
  {
    m_units.push_back(
      Unit{m_i, m_i + text_length, m_base + m_j, m_base + m_j + source_length, false});
    m_i += text_length;
    m_j += source_length;
  }

  // Byte length of `count` code points of the text from `at`, or npos.
  [[nodiscard]] std::size_t code_points_length(std::size_t at, std::size_t count) const
  {
    std::size_t length = 0;
    for (std::size_t k = 0; k < count; ++k) {
      if (at + length >= m_text.size()) {
        return npos;
      }
      length += utf8_sequence_length(m_text[at + length]);
    }
    return at + length <= m_text.size() ? length : npos;
  }

  // Whether text from `i` and source from `j` go on alike for a while.
  [[nodiscard]] bool plausible(std::size_t i, std::size_t j) const
  {
    for (int k = 0; k < 64; ++k) {
      if (i == m_text.size()) {
        while (j < m_orig.size() && m_orig[j] == '<') {
          j = markup_end(j);
          if (j == npos) {
            return false;
          }
        }
        return j == m_orig.size();
      }
      if (j == m_orig.size()) {
        return false;
      }
      const char c = m_orig[j];
      if (c == '&') {
        return true; // cannot tell from here on
      }
      if (c == '\r' && m_text[i] == '\n') {
        j += j + 1 < m_orig.size() && m_orig[j + 1] == '\n' ? 2 : 1;
        ++i;
        continue;
      }
      if (c == '<' && m_text[i] != '<') {
        j = markup_end(j);
        if (j == npos) {
          return false;
        }
        continue;
      }
      if (m_text[i] != c) {
        return false;
      }
      ++i;
      ++j;
    }
    return true;
  }

  // A character reference at m_orig[m_j] == '&'.
  bool entity()
  {
    std::size_t k = m_j + 1;
    if (k < m_orig.size() && m_orig[k] == '#') {
      ++k;
      const bool hex = k < m_orig.size() && (m_orig[k] == 'x' || m_orig[k] == 'X');
      if (hex) {
        ++k;
      }
      const std::size_t digits = k;
      while (k < m_orig.size() && (hex ? is_ascii_hex_digit(m_orig[k]) : is_ascii_digit(m_orig[k]))) {
        ++k;
      }
      if (k == digits) {
        return false;
      }
      if (k < m_orig.size() && m_orig[k] == ';') {
        ++k;
      }
      const std::size_t length = code_points_length(m_i, 1);
      if (length == npos) {
        return false;
      }
      mapped(length, k - m_j);
      return true;
    }
    // A named reference: the longest known name wins, with or without ';'.
    // The name table is gumbo's, so try each reading and keep the first one
    // after which text and source agree again.
    std::size_t name_end = k;
    while (name_end < m_orig.size() && name_end - k < 40 && is_ascii_alnum(m_orig[name_end])) {
      ++name_end;
    }
    if (name_end == k) {
      return false;
    }
    // Not a reference the parser knows: the '&' stands as written.
    if (m_text[m_i] == '&' && plausible(m_i + 1, m_j + 1)) {
      return false;
    }
    const bool semicolon = name_end < m_orig.size() && m_orig[name_end] == ';';
    // A few references stand for two code points.
    for (std::size_t count = 1; count <= 2; ++count) {
      const std::size_t length = code_points_length(m_i, count);
      if (length == npos) {
        break;
      }
      for (std::size_t end = semicolon ? name_end + 1 : name_end; end > k; --end) {
        if (plausible(m_i + length, end)) {
          mapped(length, end - m_j);
          return true;
        }
      }
    }
    return false;
  }

  // The end of the tag or comment at m_orig[j] == '<', or npos.
  [[nodiscard]] std::size_t markup_end(std::size_t j) const
  {
    if (m_orig.substr(j, 4) == "<!--") {
      const std::size_t end = m_orig.find("-->", j + 4);
      return end == npos ? npos : end + 3;
    }
    const std::size_t end = m_orig.find('>', j + 1);
    return end == npos ? npos : end + 1;
  }
};

std::vector<Unit>
align_text(std::string_view source, const GumboText& node, std::string_view text)
{
  const GumboStringPiece& original = node.original_text;
  if (!points_into(source, original.data, original.length)) {
    const std::size_t at = std::min<std::size_t>(node.start_pos.offset, source.size());
    return {Unit{0, text.size(), at, at, false}};
  }
  return Aligner(text, std::string_view(original.data, original.length),
                 offset_in(source, original.data))
    .run();
}

// The part [begin, end) of a mapped text, with its pieces re-based.
MappedText
slice(const MappedText& m, std::size_t begin, std::size_t end)
{
  MappedText out;
  out.text = m.text.substr(begin, end - begin);
  for (std::size_t i = 0; i < m.pieces.size(); ++i) {
    const Piece& p = m.pieces[i];
    const std::size_t p_end = i + 1 < m.pieces.size() ? m.pieces[i + 1].text_begin : m.text.size();
    const std::size_t b = std::max(begin, p.text_begin);
    const std::size_t e = std::min(end, p_end);
    if (b >= e) {
      continue;
    }
    Piece q = p;
    q.text_begin = b - begin;
    if (p.verbatim) {
      q.source_begin = p.source_begin + (b - p.text_begin);
      q.source_end = p.source_begin + (e - p.text_begin);
    }
    out.pieces.push_back(q);
  }
  return out;
}

core::Span
pieces_extent(const MappedText& m)
{
  if (m.pieces.empty()) {
    return {};
  }
  core::Span span{m.pieces.front().source_begin, m.pieces.front().source_end};
  for (const Piece& p : m.pieces) {
    span.begin = std::min(span.begin, p.source_begin);
    span.end = std::max(span.end, p.source_end);
  }
  return span;
}

// ---------------------------------------------------------------------------
// Blocks

struct BlockStyle
{
  BlockKind kind = BlockKind::paragraph;
  int level = 0;
  bool preformatted = false;
  bool inherits = false; // a plain container: its text keeps the outer kind
};

// Whether an element starts a block, and of what kind.
bool
block_style(GumboTag tag, BlockStyle& style)
{
  style = BlockStyle{};
  switch (tag) {
  case GUMBO_TAG_H1:
  case GUMBO_TAG_H2:
  case GUMBO_TAG_H3:
  case GUMBO_TAG_H4:
  case GUMBO_TAG_H5:
  case GUMBO_TAG_H6:
    style.kind = BlockKind::heading;
    style.level = static_cast<int>(tag - GUMBO_TAG_H1) + 1;
    return true;
  case GUMBO_TAG_P:
  case GUMBO_TAG_DT:
  case GUMBO_TAG_DD:
  case GUMBO_TAG_CAPTION:
  case GUMBO_TAG_FIGCAPTION:
  case GUMBO_TAG_SUMMARY:
  case GUMBO_TAG_LEGEND:
    return true;
  case GUMBO_TAG_LI:
    style.kind = BlockKind::list_item;
    return true;
  case GUMBO_TAG_TD:
  case GUMBO_TAG_TH:
    style.kind = BlockKind::table_cell;
    return true;
  case GUMBO_TAG_PRE:
  case GUMBO_TAG_LISTING:
  case GUMBO_TAG_XMP:
  case GUMBO_TAG_PLAINTEXT:
    style.kind = BlockKind::code;
    style.preformatted = true;
    return true;
  case GUMBO_TAG_ADDRESS:
  case GUMBO_TAG_ARTICLE:
  case GUMBO_TAG_ASIDE:
  case GUMBO_TAG_BLOCKQUOTE:
  case GUMBO_TAG_BODY:
  case GUMBO_TAG_CENTER:
  case GUMBO_TAG_DETAILS:
  case GUMBO_TAG_DIR:
  case GUMBO_TAG_DIV:
  case GUMBO_TAG_DL:
  case GUMBO_TAG_FIELDSET:
  case GUMBO_TAG_FIGURE:
  case GUMBO_TAG_FOOTER:
  case GUMBO_TAG_FORM:
  case GUMBO_TAG_FRAMESET:
  case GUMBO_TAG_HEADER:
  case GUMBO_TAG_HGROUP:
  case GUMBO_TAG_HR:
  case GUMBO_TAG_HTML:
  case GUMBO_TAG_MAIN:
  case GUMBO_TAG_MENU:
  case GUMBO_TAG_MULTICOL:
  case GUMBO_TAG_NAV:
  case GUMBO_TAG_NOFRAMES:
  case GUMBO_TAG_OL:
  case GUMBO_TAG_SECTION:
  case GUMBO_TAG_TABLE:
  case GUMBO_TAG_TBODY:
  case GUMBO_TAG_TFOOT:
  case GUMBO_TAG_THEAD:
  case GUMBO_TAG_TR:
  case GUMBO_TAG_UL:
    style.inherits = true;
    return true;
  default:
    return false;
  }
}

bool
is_emphasis_tag(GumboTag tag)
{
  return tag == GUMBO_TAG_STRONG || tag == GUMBO_TAG_B || tag == GUMBO_TAG_EM
         || tag == GUMBO_TAG_I;
}

bool
is_code_tag(GumboTag tag)
{
  return tag == GUMBO_TAG_CODE || tag == GUMBO_TAG_KBD || tag == GUMBO_TAG_SAMP
         || tag == GUMBO_TAG_TT;
}

// Elements that hold no prose of the release.
bool
is_skipped_tag(GumboTag tag)
{
  switch (tag) {
  case GUMBO_TAG_SCRIPT:
  case GUMBO_TAG_STYLE:
  case GUMBO_TAG_NOSCRIPT:
  case GUMBO_TAG_TEMPLATE:
  case GUMBO_TAG_FORM:
  case GUMBO_TAG_BUTTON:
  case GUMBO_TAG_SELECT:
  case GUMBO_TAG_SVG:
  case GUMBO_TAG_MATH:
  case GUMBO_TAG_HEAD:
  case GUMBO_TAG_TITLE:
  case GUMBO_TAG_IFRAME:
  case GUMBO_TAG_OBJECT:
  case GUMBO_TAG_CANVAS:
  case GUMBO_TAG_TEXTAREA:
  case GUMBO_TAG_DATALIST:
  case GUMBO_TAG_NAV:
    return true;
  default:
    return false;
  }
}

// Page furniture around the content, skipped when reading a whole <body>.
bool
is_chrome(const GumboElement& e)
{
  return e.tag == GUMBO_TAG_HEADER || e.tag == GUMBO_TAG_FOOTER || e.tag == GUMBO_TAG_ASIDE
         || has_role(e, "banner") || has_role(e, "contentinfo")
         || has_role(e, "complementary") || has_role(e, "search");
}

// Gumbo's tree is at most a little deeper than the guard allows; anything
// deeper is not walked.
constexpr std::size_t k_max_walk_depth = 4 * k_max_html_depth + 64;

// The text of an element, white space folded, for a link's text.
void
collect_text(const GumboNode* node, std::string& out, std::size_t depth)
{
  if (depth > k_max_walk_depth) {
    return;
  }
  switch (node->type) {
  case GUMBO_NODE_TEXT:
  case GUMBO_NODE_WHITESPACE:
  case GUMBO_NODE_CDATA:
    if (node->v.text.text != nullptr) {
      out += node->v.text.text;
    }
    return;
  case GUMBO_NODE_ELEMENT:
    break;
  default:
    return;
  }
  const GumboElement& e = node->v.element;
  if (e.tag == GUMBO_TAG_BR) {
    out += ' ';
    return;
  }
  if (is_skipped_tag(e.tag) && e.tag != GUMBO_TAG_NAV) {
    return;
  }
  for (unsigned i = 0; i < e.children.length; ++i) {
    collect_text(static_cast<const GumboNode*>(e.children.data[i]), out, depth + 1);
  }
}

std::string
fold_space(std::string_view s)
{
  std::string out;
  bool space = false;
  for (const char c : s) {
    if (is_html_space(c)) {
      space = true;
      continue;
    }
    if (space && !out.empty()) {
      out += ' ';
    }
    space = false;
    out += c;
  }
  return out;
}

struct Context
{
  BlockStyle style;
  const GumboNode* element = nullptr;
  bool split = false; // a nested block cut its text in several blocks
};

class HtmlBuilder
{
public:
  HtmlBuilder(Document& doc, bool skip_chrome)
    : m_doc(doc), m_src(doc.source), m_skip_chrome(skip_chrome)
  {}

  void build(const GumboNode* root)
  {
    // The content element is a plain container whatever its tag.
    m_contexts.push_back(Context{BlockStyle{}, root, false});
    if (root->type == GUMBO_NODE_ELEMENT) {
      walk_children(root, 0);
    }
    close_run(!m_contexts.back().split);
    m_contexts.pop_back();
  }

private:
  Document& m_doc;
  std::string_view m_src;
  bool m_skip_chrome;
  std::vector<Context> m_contexts;
  int m_quote_depth = 0;
  int m_emphasis_depth = 0;
  int m_code_depth = 0;

  // The block being filled.
  bool m_open = false;
  Block m_block;
  bool m_has_text = false;
  bool m_all_emphasized = true;
  // White space and line breaks waiting for the next text.
  bool m_space = false;
  bool m_space_single = false; // exactly one ' ' in the source
  bool m_space_code = false;
  std::size_t m_space_begin = 0;
  std::size_t m_space_end = 0;
  std::vector<core::Span> m_breaks;

  [[nodiscard]] bool preformatted() const
  {
    return !m_contexts.empty() && m_contexts.back().style.preformatted;
  }

  [[nodiscard]] bool code() const { return m_code_depth > 0 || preformatted(); }

  void walk_children(const GumboNode* node, std::size_t depth)
  {
    const GumboVector& children = node->v.element.children;
    for (unsigned i = 0; i < children.length; ++i) {
      walk(static_cast<const GumboNode*>(children.data[i]), depth + 1);
    }
  }

  void walk(const GumboNode* node, std::size_t depth)
  {
    if (depth > k_max_walk_depth) {
      return;
    }
    switch (node->type) {
    case GUMBO_NODE_TEXT:
    case GUMBO_NODE_WHITESPACE:
    case GUMBO_NODE_CDATA:
      add_text(node->v.text);
      return;
    case GUMBO_NODE_ELEMENT:
      break;
    default:
      return; // comments, templates
    }
    const GumboElement& e = node->v.element;
    if (is_skipped_tag(e.tag) || has_role(e, "navigation") || attribute(e, "hidden") != nullptr
        || (m_skip_chrome && is_chrome(e))) {
      return;
    }
    if (e.tag == GUMBO_TAG_BR) {
      line_break(element_span(m_src, node));
      return;
    }
    if (e.tag == GUMBO_TAG_A) {
      note_link(node);
    }
    BlockStyle style;
    if (block_style(e.tag, style)) {
      enter_block(node, style);
      if (e.tag == GUMBO_TAG_BLOCKQUOTE) {
        ++m_quote_depth;
      }
      walk_children(node, depth);
      if (e.tag == GUMBO_TAG_BLOCKQUOTE) {
        --m_quote_depth;
      }
      leave_block();
      return;
    }
    const bool emphasis = is_emphasis_tag(e.tag);
    const bool code_tag = is_code_tag(e.tag);
    m_emphasis_depth += emphasis ? 1 : 0;
    m_code_depth += code_tag ? 1 : 0;
    walk_children(node, depth);
    m_emphasis_depth -= emphasis ? 1 : 0;
    m_code_depth -= code_tag ? 1 : 0;
  }

  void enter_block(const GumboNode* node, BlockStyle style)
  {
    close_run(false);
    if (!m_contexts.empty()) {
      m_contexts.back().split = true;
      const BlockStyle& outer = m_contexts.back().style;
      if (style.inherits
          && (outer.kind == BlockKind::list_item || outer.kind == BlockKind::table_cell
              || outer.preformatted)) {
        style.kind = outer.kind;
        style.level = outer.level;
        style.preformatted = outer.preformatted;
      }
    }
    m_contexts.push_back(Context{style, node, false});
  }

  void leave_block()
  {
    close_run(!m_contexts.back().split);
    m_contexts.pop_back();
  }

  void open_run()
  {
    m_block = Block{};
    if (!m_contexts.empty()) {
      m_block.kind = m_contexts.back().style.kind;
      m_block.level = m_contexts.back().style.level;
    }
    m_block.in_quote = m_quote_depth > 0;
    m_open = true;
    m_has_text = false;
    m_all_emphasized = true;
    m_space = false;
    m_breaks.clear();
  }

  // Ends the block being filled; `whole_element` when its text is all of
  // its element's, so that the element's span is the block's.
  void close_run(bool whole_element)
  {
    if (!m_open) {
      return;
    }
    m_open = false;
    m_space = false;
    m_breaks.clear();
    trim(m_block.content, m_block.kind == BlockKind::code);
    if (m_block.content.empty() || !m_has_text) {
      return;
    }
    m_block.emphasized = m_all_emphasized;
    core::Span span = pieces_extent(m_block.content);
    if (whole_element && !m_contexts.empty()) {
      const GumboNode* element = m_contexts.back().element;
      if (element != nullptr && element->type == GUMBO_NODE_ELEMENT
          && element->v.element.original_tag.length > 0) {
        const core::Span e = element_span(m_src, element);
        span.begin = std::min(span.begin, e.begin);
        span.end = std::max(span.end, e.end);
      }
    }
    m_block.span = span;
    m_doc.blocks.push_back(std::move(m_block));
  }

  static void trim(MappedText& m, bool keep_indent)
  {
    std::size_t begin = 0;
    while (begin < m.text.size() && is_html_space(m.text[begin])) {
      ++begin;
    }
    if (keep_indent && begin < m.text.size()) {
      // Only whole blank lines go from the start of code.
      const std::size_t nl = m.text.rfind('\n', begin);
      begin = nl == std::string::npos ? 0 : nl + 1;
    }
    std::size_t end = m.text.size();
    while (end > begin && is_html_space(m.text[end - 1])) {
      --end;
    }
    if (begin >= end) {
      m = MappedText{};
    } else if (begin > 0 || end < m.text.size()) {
      m = slice(m, begin, end);
    }
  }

  void note_text_chars(std::string_view s)
  {
    if (std::any_of(s.begin(), s.end(), [](char c) { return !is_html_space(c); })) {
      m_has_text = true;
      if (m_emphasis_depth == 0) {
        m_all_emphasized = false;
      }
    }
  }

  // Appends text that holds no white space, after what is pending.
  void put(std::string_view s, std::size_t begin, std::size_t end, bool verbatim)
  {
    if (!m_open) {
      open_run();
    } else if (!m_breaks.empty()) {
      for (const core::Span& br : m_breaks) {
        m_block.content.append_mapped("\n", br.begin, br.end);
      }
      m_breaks.clear();
      m_space = false;
    } else if (m_space) {
      if (m_space_single) {
        m_block.content.append_verbatim(" ", m_space_begin, m_space_code);
      } else {
        m_block.content.append_mapped(" ", m_space_begin, m_space_end, m_space_code);
      }
      m_space = false;
    }
    if (verbatim) {
      m_block.content.append_verbatim(s, begin, code());
    } else {
      m_block.content.append_mapped(s, begin, end, code());
    }
    note_text_chars(s);
  }

  void space(std::size_t begin, std::size_t end, bool single)
  {
    if (!m_open) {
      return; // leading white space
    }
    if (!m_space) {
      m_space = true;
      m_space_single = single;
      m_space_code = code();
      m_space_begin = begin;
      m_space_end = end;
    } else if (begin == m_space_end) {
      m_space_single = false;
      m_space_end = end;
    }
    // White space after markup (" <b> x") stays mapped to its first run.
  }

  void line_break(core::Span span)
  {
    if (!m_open) {
      return;
    }
    if (preformatted()) {
      m_block.content.append_mapped("\n", span.begin, span.end, true);
      return;
    }
    m_breaks.push_back(span);
  }

  void add_text(const GumboText& node)
  {
    const std::string_view text = node.text != nullptr ? std::string_view(node.text) : "";
    if (text.empty()) {
      return;
    }
    for (const Unit& u : align_text(m_src, node, text)) {
      const std::string_view s = text.substr(u.text_begin, u.text_end - u.text_begin);
      if (preformatted()) {
        if (!m_open) {
          open_run();
        }
        if (u.verbatim) {
          m_block.content.append_verbatim(s, u.source_begin, true);
        } else {
          m_block.content.append_mapped(s, u.source_begin, u.source_end, true);
        }
        note_text_chars(s);
        continue;
      }
      std::size_t k = 0;
      while (k < s.size()) {
        if (is_html_space(s[k])) {
          if (u.verbatim) {
            space(u.source_begin + k, u.source_begin + k + 1, s[k] == ' ');
          } else {
            space(u.source_begin, u.source_end, false);
          }
          ++k;
          continue;
        }
        std::size_t e = k;
        while (e < s.size() && !is_html_space(s[e])) {
          ++e;
        }
        if (u.verbatim) {
          put(s.substr(k, e - k), u.source_begin + k, u.source_begin + e, true);
        } else {
          put(s.substr(k, e - k), u.source_begin, u.source_end, false);
        }
        k = e;
      }
    }
  }

  void note_link(const GumboNode* node)
  {
    const GumboElement& e = node->v.element;
    const GumboAttribute* href = attribute(e, "href");
    if (href == nullptr) {
      return;
    }
    Link link;
    link.target = href->value != nullptr ? href->value : "";
    const GumboStringPiece& value = href->original_value;
    if (value.length > 0 && points_into(m_src, value.data, value.length)) {
      std::size_t begin = offset_in(m_src, value.data);
      std::size_t end = begin + value.length;
      const char q = value.data[0];
      if (value.length >= 2 && (q == '"' || q == '\'') && value.data[value.length - 1] == q) {
        ++begin;
        --end;
      }
      link.target_span = core::Span{begin, end};
    } else {
      const std::size_t at = std::min<std::size_t>(href->value_start.offset, m_src.size());
      link.target_span = core::Span{at, at};
    }
    link.span = element_span(m_src, node);
    std::string text;
    collect_text(node, text, 0);
    link.text = fold_space(text);
    m_doc.links.push_back(std::move(link));
  }
};

// ---------------------------------------------------------------------------
// The content element and the anchors

struct Landmarks
{
  const GumboNode* body = nullptr;
  const GumboNode* first_article = nullptr;
  std::size_t articles = 0;
  const GumboNode* main = nullptr;
};

// One pass over the whole tree: where the content is, and every id.
Landmarks
survey(const GumboNode* root, std::vector<std::string>& anchors)
{
  Landmarks found;
  std::vector<const GumboNode*> stack{root};
  while (!stack.empty()) {
    const GumboNode* node = stack.back();
    stack.pop_back();
    if (node->type != GUMBO_NODE_ELEMENT) {
      continue;
    }
    const GumboElement& e = node->v.element;
    if (const GumboAttribute* id = attribute(e, "id"); id != nullptr && id->value[0] != '\0') {
      anchors.emplace_back(id->value);
    }
    if (e.tag == GUMBO_TAG_A) {
      if (const GumboAttribute* name = attribute(e, "name");
          name != nullptr && name->value[0] != '\0') {
        anchors.emplace_back(name->value);
      }
    }
    if (e.tag == GUMBO_TAG_BODY && found.body == nullptr) {
      found.body = node;
    } else if (e.tag == GUMBO_TAG_ARTICLE) {
      if (found.articles++ == 0) {
        found.first_article = node;
      }
    }
    if (found.main == nullptr && (e.tag == GUMBO_TAG_MAIN || has_role(e, "main"))) {
      found.main = node;
    }
    // Children in document order.
    for (unsigned i = e.children.length; i-- > 0;) {
      stack.push_back(static_cast<const GumboNode*>(e.children.data[i]));
    }
  }
  return found;
}

void
fill_lines(Document& doc)
{
  for (std::size_t b = 0; b < doc.blocks.size(); ++b) {
    const MappedText& content = doc.blocks[b].content;
    std::size_t begin = 0;
    while (begin <= content.text.size()) {
      std::size_t end = content.text.find('\n', begin);
      if (end == std::string::npos) {
        end = content.text.size();
      }
      if (end > begin) {
        Line line;
        line.content = slice(content, begin, end);
        line.span = content.to_source(begin, end);
        line.block = b;
        doc.lines.push_back(std::move(line));
      }
      begin = end + 1;
    }
  }
}

core::Error
too_deep_error(const Document& doc, std::size_t offset)
{
  core::Error error;
  error.path = doc.path;
  const Position pos = doc.position(offset);
  error.line = pos.line;
  error.column = pos.column;
  error.message =
    fmt::format("HTML nests deeper than {} elements; refusing to parse", k_max_html_depth);
  std::string_view raw = doc.raw_line(doc.line_index(offset));
  constexpr std::size_t k_excerpt = 120;
  if (raw.size() > k_excerpt) {
    std::size_t cut = k_excerpt;
    while (cut > 0 && (static_cast<unsigned char>(raw[cut]) & 0xC0) == 0x80) {
      --cut;
    }
    raw = raw.substr(0, cut);
  }
  error.excerpt = std::string(raw);
  return error;
}

struct GumboOutputDeleter
{
  void operator()(GumboOutput* output) const
  {
    if (output != nullptr) {
      gumbo_destroy_output(&kGumboDefaultOptions, output);
    }
  }
};

} // namespace

bool
parse_html(Document& doc, core::Error& error)
{
  doc.blocks.clear();
  doc.lines.clear();
  doc.links.clear();
  doc.anchors.clear();
  doc.content_begin = 0;

  if (const auto offset = DepthGuard(doc.source, k_max_html_depth).find_too_deep()) {
    error = too_deep_error(doc, *offset);
    return false;
  }

  const std::unique_ptr<GumboOutput, GumboOutputDeleter> output(
    gumbo_parse_with_options(&kGumboDefaultOptions, doc.source.data(), doc.source.size()));
  if (output == nullptr || output->root == nullptr) {
    error = core::Error{doc.path, 0, 0, "the HTML parser failed", {}};
    return false;
  }

  const Landmarks found = survey(output->root, doc.anchors);
  const GumboNode* content = nullptr;
  bool skip_chrome = false;
  if (found.articles == 1) {
    content = found.first_article;
  } else if (found.main != nullptr) {
    content = found.main;
  } else {
    content = found.body != nullptr ? found.body : output->root;
    skip_chrome = true;
  }
  doc.content_begin = element_span(doc.source, content).begin;

  HtmlBuilder(doc, skip_chrome).build(content);
  fill_lines(doc);

  for (const Block& block : doc.blocks) {
    if (block.kind == BlockKind::heading) {
      doc.anchors.push_back(heading_slug(block.content.text));
    }
  }
  std::sort(doc.anchors.begin(), doc.anchors.end());
  doc.anchors.erase(std::unique(doc.anchors.begin(), doc.anchors.end()), doc.anchors.end());
  return true;
}

} // namespace presslint::document
