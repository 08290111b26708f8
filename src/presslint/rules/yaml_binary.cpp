#include <presslint/rules/yaml_binary.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <tuple>

namespace presslint::rules {

namespace {

using Json = nlohmann::json;

Json
to_json(const YamlNode& node)
{
  Json out = Json::array({static_cast<int>(node.kind), node.line, node.column});
  switch (node.kind) {
  case YamlNode::Kind::null:
  case YamlNode::Kind::scalar:
    out.push_back(node.plain);
    out.push_back(node.value);
    break;
  case YamlNode::Kind::sequence:
    for (const YamlNode& item : node.items) {
      out.push_back(to_json(item));
    }
    break;
  case YamlNode::Kind::map:
    for (const auto& [key, value] : node.entries) {
      out.push_back(to_json(key));
      out.push_back(to_json(value));
    }
    break;
  }
  return out;
}

// Reads the CBOR of to_json() straight into a tree, without a JSON value
// in between (nlohmann-json's SAX interface): each node is an array of its
// kind, line and column, then for a scalar whether it is plain and its
// text, for a sequence its items, for a map its keys and values in turn.
class TreeReader
{
public:
  explicit TreeReader(YamlNode& root) : m_root(root) {}

  [[nodiscard]] bool complete() const { return m_done && m_stack.empty(); }

  bool start_array(std::size_t /*elements*/)
  {
    if (m_stack.size() > k_max_yaml_depth + 1) {
      return false;
    }
    YamlNode* node = nullptr;
    if (m_stack.empty()) {
      if (m_done) {
        return false;
      }
      node = &m_root;
    } else {
      Frame& parent = m_stack.back();
      if (parent.seen < 3) {
        return false;
      }
      if (parent.node->kind == YamlNode::Kind::sequence) {
        node = &parent.node->items.emplace_back();
      } else if (parent.node->kind == YamlNode::Kind::map) {
        node = (parent.seen - 3) % 2 == 0 ? &parent.node->entries.emplace_back().first
                                          : &parent.node->entries.back().second;
      } else {
        return false;
      }
      ++parent.seen;
    }
    m_stack.push_back(Frame{node, 0});
    return true;
  }

  bool end_array()
  {
    const Frame frame = m_stack.back();
    const YamlNode::Kind kind = frame.node->kind;
    const bool whole = frame.seen >= 3
                       && ((kind != YamlNode::Kind::null && kind != YamlNode::Kind::scalar)
                           || frame.seen == 5)
                       && (kind != YamlNode::Kind::map || (frame.seen - 3) % 2 == 0);
    m_stack.pop_back();
    m_done = m_stack.empty();
    return whole;
  }

  bool number_unsigned(std::uint64_t value)
  {
    if (m_stack.empty()) {
      return false;
    }
    Frame& frame = m_stack.back();
    switch (frame.seen) {
    case 0:
      if (value > static_cast<std::uint64_t>(YamlNode::Kind::map)) {
        return false;
      }
      frame.node->kind = static_cast<YamlNode::Kind>(value);
      break;
    case 1:
      frame.node->line = static_cast<std::size_t>(value);
      break;
    case 2:
      frame.node->column = static_cast<std::size_t>(value);
      break;
    default:
      return false;
    }
    ++frame.seen;
    return true;
  }

  bool boolean(bool value)
  {
    if (!at_scalar_part(3)) {
      return false;
    }
    m_stack.back().node->plain = value;
    ++m_stack.back().seen;
    return true;
  }

  bool string(std::string& value)
  {
    if (!at_scalar_part(4)) {
      return false;
    }
    m_stack.back().node->value = std::move(value);
    ++m_stack.back().seen;
    return true;
  }

  // Nothing else belongs in the tree.
  bool null() { return false; }
  bool number_integer(std::int64_t /*value*/) { return false; }
  bool number_float(double /*value*/, const std::string& /*text*/) { return false; }
  bool binary(std::vector<std::uint8_t>& /*value*/) { return false; }
  bool start_object(std::size_t /*elements*/) { return false; }
  bool key(std::string& /*value*/) { return false; }
  bool end_object() { return false; }
  bool parse_error(std::size_t /*position*/, const std::string& /*token*/,
                   const nlohmann::json::exception& /*error*/)
  {
    return false;
  }

private:
  struct Frame
  {
    YamlNode* node;
    std::size_t seen; // elements of the node's array read so far
  };

  bool at_scalar_part(std::size_t index) const
  {
    if (m_stack.empty()) {
      return false;
    }
    const Frame& frame = m_stack.back();
    return frame.seen == index
           && (frame.node->kind == YamlNode::Kind::null || frame.node->kind == YamlNode::Kind::scalar);
  }

  YamlNode& m_root;
  std::vector<Frame> m_stack;
  bool m_done = false;
};

} // namespace

std::vector<std::uint8_t>
yaml_to_cbor(const YamlNode& root)
{
  return Json::to_cbor(to_json(root));
}

bool
yaml_from_cbor(std::span<const std::uint8_t> bytes, YamlNode& root)
{
  YamlNode node;
  TreeReader reader(node);
  if (!Json::sax_parse(bytes.begin(), bytes.end(), &reader, Json::input_format_t::cbor, true)
      || !reader.complete()) {
    return false;
  }
  root = std::move(node);
  return true;
}

bool
split_docs(YamlNode& root, YamlNode& docs)
{
  if (root.kind != YamlNode::Kind::map) {
    return false;
  }
  const auto it = std::find_if(root.entries.begin(), root.entries.end(), [](const auto& entry) {
    return entry.first.kind == YamlNode::Kind::scalar && entry.first.value == "docs";
  });
  if (it == root.entries.end()) {
    return false;
  }
  docs = YamlNode{};
  docs.kind = YamlNode::Kind::map;
  docs.line = it->first.line;
  docs.column = it->first.column;
  docs.entries.push_back(std::move(*it));
  root.entries.erase(it);
  return true;
}

void
join_docs(YamlNode& root, YamlNode docs)
{
  for (auto& entry : docs.entries) {
    const auto at = std::find_if(root.entries.begin(), root.entries.end(), [&](const auto& e) {
      return std::tie(e.first.line, e.first.column) > std::tie(entry.first.line, entry.first.column);
    });
    root.entries.insert(at, std::move(entry));
  }
}

} // namespace presslint::rules
