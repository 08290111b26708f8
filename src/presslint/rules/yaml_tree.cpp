#include <presslint/rules/yaml_tree.hpp>

#include <presslint/core/utf8.hpp>

#include <fmt/format.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <sstream>
#include <unordered_map>

namespace presslint::rules {

YamlNode::YamlNode() = default;
YamlNode::~YamlNode() = default;
YamlNode::YamlNode(const YamlNode&) = default;
YamlNode::YamlNode(YamlNode&&) noexcept = default;
YamlNode& YamlNode::operator=(const YamlNode&) = default;
YamlNode& YamlNode::operator=(YamlNode&&) noexcept = default;

const YamlNode*
YamlNode::find(std::string_view key) const
{
  if (kind != Kind::map) {
    return nullptr;
  }
  for (const auto& [k, v] : entries) {
    if (k.kind == Kind::scalar && k.value == key) {
      return &v;
    }
  }
  return nullptr;
}

std::string_view
YamlNode::kind_name() const
{
  switch (kind) {
    case Kind::null:
      return "null";
    case Kind::scalar:
      return "a string";
    case Kind::sequence:
      return "a list";
    case Kind::map:
      return "a mapping";
  }
  return "null";
}

namespace {

// More errors than this from one file are noise (and a hostile file could
// otherwise make millions of them).
constexpr std::size_t k_max_errors = 100;
// Lines longer than this get no excerpt: it would not help and every error
// would copy it.
constexpr std::size_t k_max_excerpt_bytes = 1024;

constexpr std::string_view k_utf8_bom = "\xEF\xBB\xBF";
constexpr std::string_view k_core_tag_prefix = "tag:yaml.org,2002:";

// Thrown to stop parsing once an error makes going on pointless.
struct Abort
{};

struct Position
{
  std::size_t line = 0;   // 1-based; 0: the whole file
  std::size_t column = 0; // 1-based, in code points
};

// The text split into lines, to turn yaml-cpp's marks (0-based line, 0-based
// byte column) into 1-based code-point positions.
class Source
{
public:
  explicit Source(std::string_view text)
    : text_(text)
  {
    std::size_t begin = 0;
    while (begin < text.size()) {
      const std::size_t nl = text.find('\n', begin);
      const std::size_t end = nl == std::string_view::npos ? text.size() : nl;
      lines_.push_back(begin);
      begin = end + 1;
    }
  }

  [[nodiscard]] std::string_view text() const { return text_; }

  // Line `index` (0-based) without its line break.
  [[nodiscard]] std::string_view line(std::size_t index) const
  {
    if (index >= lines_.size()) {
      return {};
    }
    const std::size_t begin = lines_[index];
    std::size_t end = text_.find('\n', begin);
    if (end == std::string_view::npos) {
      end = text_.size();
    }
    std::string_view s = text_.substr(begin, end - begin);
    if (!s.empty() && s.back() == '\r') {
      s.remove_suffix(1);
    }
    return s;
  }

  // A 0-based line and byte column; a mark past the end of the text (an
  // error at the end of the file) is moved to the end of the last line.
  [[nodiscard]] Position at(std::size_t line0, std::size_t byte_column) const
  {
    if (lines_.empty()) {
      return {1, 1};
    }
    if (line0 >= lines_.size()) {
      line0 = lines_.size() - 1;
      byte_column = line(line0).size();
    }
    const std::string_view s = line(line0);
    const std::size_t within = std::min(byte_column, s.size());
    return {line0 + 1,
            core::count_code_points(s.substr(0, within)) + 1 + (byte_column - within)};
  }

  [[nodiscard]] Position at_mark(const YAML::Mark& mark) const
  {
    if (mark.is_null() || mark.line < 0 || mark.column < 0) {
      return {0, 0};
    }
    return at(static_cast<std::size_t>(mark.line), static_cast<std::size_t>(mark.column));
  }

  [[nodiscard]] Position at_offset(std::size_t offset) const
  {
    const auto it = std::upper_bound(lines_.begin(), lines_.end(), offset);
    const auto index = static_cast<std::size_t>(it - lines_.begin()) - 1;
    return at(index, offset - lines_[index]);
  }

  // The text from a mark's byte offset on (empty when out of range).
  [[nodiscard]] std::string_view from_mark(const YAML::Mark& mark) const
  {
    if (mark.is_null() || mark.pos < 0 || static_cast<std::size_t>(mark.pos) >= text_.size()) {
      return {};
    }
    return text_.substr(static_cast<std::size_t>(mark.pos));
  }

  // True when only blanks precede the mark on its line.
  [[nodiscard]] bool starts_line(const YAML::Mark& mark) const
  {
    if (mark.is_null() || mark.line < 0 || mark.column < 0) {
      return true;
    }
    const std::string_view s = line(static_cast<std::size_t>(mark.line));
    const std::string_view before = s.substr(0, std::min(static_cast<std::size_t>(mark.column), s.size()));
    return before.find_first_not_of(" \t") == std::string_view::npos;
  }

private:
  std::string_view text_;
  std::vector<std::size_t> lines_; // byte offset of each line's start
};

// `s` with every invalid UTF-8 byte replaced by U+FFFD.
std::string
valid_utf8(std::string_view s)
{
  std::string out;
  while (!s.empty()) {
    const auto bad = core::find_invalid_utf8(s);
    if (!bad) {
      out += s;
      break;
    }
    out += s.substr(0, *bad);
    core::append_utf8(out, 0xFFFD);
    s.remove_prefix(*bad + 1);
  }
  return out;
}

// A key or name quoted for a message.
std::string
quoted(std::string_view s)
{
  std::string out = "\"";
  for (const char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (u < 0x20 || u == 0x7F) {
      out += fmt::format("\\x{:02X}", u);
    } else {
      out += c;
    }
  }
  out += '"';
  return out;
}

// A tag as it would be written: "tag:yaml.org,2002:binary" -> "!!binary".
std::string
written_tag(const std::string& tag)
{
  if (tag.starts_with(k_core_tag_prefix)) {
    return "!!" + tag.substr(k_core_tag_prefix.size());
  }
  return tag;
}

// The name after an alias's '*' (or an anchor's '&') at the start of `s`.
std::string_view
anchor_name(std::string_view s)
{
  if (s.empty()) {
    return {};
  }
  s.remove_prefix(1);
  const std::size_t end = s.find_first_of(" \t\r\n,[]{}");
  return s.substr(0, end);
}

bool
is_null_literal(std::string_view s)
{
  for (const std::string_view word : {"~", "null", "Null", "NULL"}) {
    if (s.starts_with(word)) {
      const std::string_view rest = s.substr(word.size());
      if (rest.empty() || std::string_view(" \t\r\n,]}#").find(rest.front()) != std::string_view::npos) {
        return true;
      }
    }
  }
  return false;
}

// False when `s` starts with a quote that is never closed.
bool
is_closed_quote(std::string_view s)
{
  if (s.starts_with('"')) {
    for (std::size_t i = 1; i < s.size(); ++i) {
      if (s[i] == '\\') {
        ++i;
      } else if (s[i] == '"') {
        return true;
      }
    }
    return false;
  }
  if (s.starts_with('\'')) {
    for (std::size_t i = 1; i < s.size(); ++i) {
      if (s[i] == '\'') {
        if (i + 1 < s.size() && s[i + 1] == '\'') {
          ++i;
        } else {
          return true;
        }
      }
    }
    return false;
  }
  return true;
}

class Reporter
{
public:
  Reporter(std::string_view path, const Source& source, core::Errors& errors)
    : path_(path)
    , source_(source)
    , errors_(errors)
  {}

  void add(Position at, std::string message) { add(at, std::move(message), {}); }

  void add(Position at, std::string message, std::string excerpt)
  {
    if (count_ == k_max_errors) {
      errors_.push_back(core::Error{
        std::string(path_), 0, 0,
        fmt::format("too many errors (stopping after {})", k_max_errors), {}});
      ++count_;
      throw Abort{};
    }
    if (excerpt.empty() && at.line > 0) {
      const std::string_view line = source_.line(at.line - 1);
      if (line.size() <= k_max_excerpt_bytes) {
        excerpt = std::string(line);
      }
    }
    errors_.push_back(
      core::Error{std::string(path_), at.line, at.column, std::move(message), std::move(excerpt)});
    ++count_;
  }

  [[nodiscard]] std::size_t count() const { return count_; }

private:
  std::string_view path_;
  const Source& source_;
  core::Errors& errors_;
  std::size_t count_ = 0;
};

// Builds the tree from yaml-cpp's events with a stack of open collections,
// reporting what yaml-cpp lets through.
class TreeBuilder final : public YAML::EventHandler
{
public:
  TreeBuilder(const Source& source, Reporter& reporter)
    : source_(source)
    , reporter_(reporter)
  {}

  [[nodiscard]] YamlNode take_root() { return std::move(root_); }

  void OnDocumentStart(const YAML::Mark& mark) override
  {
    if (++documents_ > 1) {
      reporter_.add(source_.at_mark(mark), "more than one YAML document in the file");
      throw Abort{};
    }
  }

  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t /*anchor*/) override
  {
    YamlNode node = make(YamlNode::Kind::null, mark);
    // An empty value gets the mark of whatever follows it: place the value
    // of `key:` on its key instead.
    const bool implicit = !is_null_literal(source_.from_mark(mark)) || source_.starts_line(mark);
    if (implicit && !stack_.empty() && stack_.back().key) {
      node.line = stack_.back().key->line;
      node.column = stack_.back().key->column;
    }
    add(std::move(node));
  }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t /*anchor*/) override
  {
    reporter_.add(source_.at_mark(mark),
                  fmt::format("YAML aliases are not allowed (\"*{}\")",
                              anchor_name(source_.from_mark(mark))));
    // Nothing is expanded: the alias stands for a null.
    add(make(YamlNode::Kind::null, mark));
  }

  void OnAnchor(const YAML::Mark& mark, const std::string& name) override
  {
    reporter_.add(source_.at_mark(mark),
                  fmt::format("YAML anchors and aliases are not allowed (\"&{}\")", name));
  }

  void OnScalar(const YAML::Mark& mark,
                const std::string& tag,
                YAML::anchor_t /*anchor*/,
                const std::string& value) override
  {
    // yaml-cpp gives "?" to a plain scalar and "!" to a quoted or block one,
    // and also "!" to one written with the non-specific tag `! text`.
    if (tag != "?" && tag != "!") {
      report_tag(mark, written_tag(tag));
    } else if (tag == "!" && source_.from_mark(mark).starts_with('!')) {
      report_tag(mark, "!");
    }
    if (tag == "!" && !is_closed_quote(source_.from_mark(mark))) {
      // yaml-cpp lets a quoted scalar run to the end of a file that ends
      // with a line break, swallowing everything after the quote.
      reporter_.add(source_.at_mark(mark), "unterminated quoted string (it runs to the end of the file)");
    }
    YamlNode node = make(YamlNode::Kind::scalar, mark);
    node.value = value;
    node.plain = tag == "?";
    add(std::move(node));
  }

  void OnSequenceStart(const YAML::Mark& mark,
                       const std::string& tag,
                       YAML::anchor_t /*anchor*/,
                       YAML::EmitterStyle::value /*style*/) override
  {
    open(YamlNode::Kind::sequence, mark, tag);
  }

  void OnSequenceEnd() override { close(); }

  void OnMapStart(const YAML::Mark& mark,
                  const std::string& tag,
                  YAML::anchor_t /*anchor*/,
                  YAML::EmitterStyle::value /*style*/) override
  {
    open(YamlNode::Kind::map, mark, tag);
  }

  void OnMapEnd() override { close(); }

private:
  struct Frame
  {
    YamlNode node;
    std::optional<YamlNode> key; // a map's key waiting for its value
    std::unordered_map<std::string, std::size_t> first_line; // map keys seen
  };

  YamlNode make(YamlNode::Kind kind, const YAML::Mark& mark) const
  {
    YamlNode node;
    node.kind = kind;
    const Position at = source_.at_mark(mark);
    node.line = at.line;
    node.column = at.column;
    return node;
  }

  void report_tag(const YAML::Mark& mark, const std::string& tag)
  {
    reporter_.add(source_.at_mark(mark), fmt::format("YAML tags are not allowed ({})", quoted(tag)));
  }

  void open(YamlNode::Kind kind, const YAML::Mark& mark, const std::string& tag)
  {
    if (tag != "?") {
      report_tag(mark, written_tag(tag));
    }
    if (stack_.size() >= k_max_yaml_depth) {
      reporter_.add(source_.at_mark(mark),
                    fmt::format("YAML nesting is too deep (more than {} levels)", k_max_yaml_depth));
      throw Abort{};
    }
    stack_.push_back(Frame{make(kind, mark), std::nullopt, {}});
  }

  void close()
  {
    if (stack_.empty()) {
      return;
    }
    YamlNode node = std::move(stack_.back().node);
    stack_.pop_back();
    add(std::move(node));
  }

  void add(YamlNode node)
  {
    if (stack_.empty()) {
      root_ = std::move(node);
      return;
    }
    Frame& top = stack_.back();
    if (top.node.kind == YamlNode::Kind::sequence) {
      top.node.items.push_back(std::move(node));
      return;
    }
    if (top.key) {
      top.node.entries.emplace_back(std::move(*top.key), std::move(node));
      top.key.reset();
      return;
    }
    if (node.kind != YamlNode::Kind::scalar) {
      reporter_.add({node.line, node.column},
                    fmt::format("a mapping key must be a string, not {}", node.kind_name()));
    } else {
      const auto [it, inserted] = top.first_line.try_emplace(node.value, node.line);
      if (!inserted) {
        reporter_.add({node.line, node.column},
                      fmt::format("duplicate key {} (first at line {})", quoted(node.value), it->second));
      }
    }
    top.key = std::move(node);
  }

  const Source& source_;
  Reporter& reporter_;
  std::vector<Frame> stack_;
  YamlNode root_;
  int documents_ = 0;
};

// Checks the bytes before yaml-cpp sees them; false when parsing is pointless.
bool
check_encoding(std::string_view raw, const Source& source, Reporter& reporter)
{
  const auto is_prefix = [&](std::string_view bom) { return raw.starts_with(bom); };
  using namespace std::string_view_literals;
  struct Bom
  {
    std::string_view bytes;
    std::string_view encoding;
    std::string_view shown;
  };
  // UTF-32 first: its little-endian mark begins with UTF-16's.
  for (const Bom& bom : {Bom{"\xFF\xFE\x00\x00"sv, "UTF-32", "FF FE 00 00"},
                         Bom{"\x00\x00\xFE\xFF"sv, "UTF-32", "00 00 FE FF"},
                         Bom{"\xFF\xFE"sv, "UTF-16", "FF FE"},
                         Bom{"\xFE\xFF"sv, "UTF-16", "FE FF"}}) {
    if (is_prefix(bom.bytes)) {
      reporter.add({0, 0},
                   fmt::format("the file is {} (byte order mark {}); save it as UTF-8",
                               bom.encoding, bom.shown));
      return false;
    }
  }

  const std::string_view text = source.text();
  const auto nuls = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\0'));
  if (nuls > 0 && nuls * 4 >= text.size()) {
    reporter.add({0, 0}, "the file looks like UTF-16 (it has many NUL bytes); save it as UTF-8");
    return false;
  }

  if (const auto bad = core::find_invalid_utf8(text)) {
    const Position at = source.at_offset(*bad);
    std::string excerpt;
    const std::string_view line = source.line(at.line - 1);
    if (line.size() <= k_max_excerpt_bytes) {
      excerpt = valid_utf8(line);
    }
    reporter.add(at,
                 fmt::format("invalid UTF-8 (byte 0x{:02X})", static_cast<unsigned char>(text[*bad])),
                 std::move(excerpt));
    return false;
  }

  // C0 controls other than tab and line breaks, DEL, and C1 controls other
  // than NEL are not YAML characters (and yaml-cpp drops some silently).
  for (std::size_t i = 0; i < text.size();) {
    std::size_t length = 1;
    const char32_t cp = core::decode_utf8(text, i, length);
    const bool control = (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') || cp == 0x7F
                         || (cp >= 0x80 && cp <= 0x9F && cp != 0x85);
    if (control) {
      reporter.add(source.at_offset(i),
                   fmt::format("control character U+{:04X} is not allowed", static_cast<std::uint32_t>(cp)));
      return false;
    }
    i += length;
  }
  return true;
}

} // namespace

bool
parse_yaml(std::string_view path, std::string_view text, YamlNode& root, core::Errors& errors)
{
  root = YamlNode{};
  const std::string_view raw = text;
  if (text.starts_with(k_utf8_bom)) {
    text.remove_prefix(k_utf8_bom.size());
  }
  const Source source(text);
  Reporter reporter(path, source, errors);

  try {
    if (!check_encoding(raw, source, reporter)) {
      return false;
    }
    std::istringstream in{std::string(text)};
    TreeBuilder builder(source, reporter);
    try {
      YAML::Parser parser(in);
      if (parser.HandleNextDocument(builder)) {
        // A second document is reported as soon as it starts.
        parser.HandleNextDocument(builder);
      }
    } catch (const YAML::Exception& e) {
      std::string message = e.msg;
      // An alias to an unknown anchor fails in yaml-cpp before it reaches the
      // handler; it is refused as any alias is.
      if (message == YAML::ErrorMsg::UNKNOWN_ANCHOR) {
        message = fmt::format("YAML aliases are not allowed (\"*{}\")",
                              anchor_name(source.from_mark(e.mark)));
      }
      reporter.add(source.at_mark(e.mark), message);
    }
    if (reporter.count() == 0) {
      root = builder.take_root();
    }
  } catch (const Abort&) {
    // The error that stopped the parse is reported.
  }
  return reporter.count() == 0;
}

} // namespace presslint::rules
