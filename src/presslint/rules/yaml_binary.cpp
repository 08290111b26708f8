#include <presslint/rules/yaml_binary.hpp>

#include <nlohmann/json.hpp>

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

bool
from_json(const Json& in, YamlNode& node, std::size_t depth)
{
  if (!in.is_array() || in.size() < 3 || !in[0].is_number_unsigned() || !in[1].is_number_unsigned()
      || !in[2].is_number_unsigned() || depth > k_max_yaml_depth + 1) {
    return false;
  }
  const auto kind = in[0].get<unsigned>();
  node.line = in[1].get<std::size_t>();
  node.column = in[2].get<std::size_t>();
  switch (kind) {
  case static_cast<unsigned>(YamlNode::Kind::null):
  case static_cast<unsigned>(YamlNode::Kind::scalar):
    if (in.size() != 5 || !in[3].is_boolean() || !in[4].is_string()) {
      return false;
    }
    node.kind = static_cast<YamlNode::Kind>(kind);
    node.plain = in[3].get<bool>();
    node.value = in[4].get<std::string>();
    return true;
  case static_cast<unsigned>(YamlNode::Kind::sequence):
    node.kind = YamlNode::Kind::sequence;
    node.items.resize(in.size() - 3);
    for (std::size_t i = 3; i < in.size(); ++i) {
      if (!from_json(in[i], node.items[i - 3], depth + 1)) {
        return false;
      }
    }
    return true;
  case static_cast<unsigned>(YamlNode::Kind::map):
    if ((in.size() - 3) % 2 != 0) {
      return false;
    }
    node.kind = YamlNode::Kind::map;
    node.entries.resize((in.size() - 3) / 2);
    for (std::size_t i = 3; i < in.size(); i += 2) {
      auto& [key, value] = node.entries[(i - 3) / 2];
      if (!from_json(in[i], key, depth + 1) || !from_json(in[i + 1], value, depth + 1)) {
        return false;
      }
    }
    return true;
  default:
    return false;
  }
}

} // namespace

std::vector<std::uint8_t>
yaml_to_cbor(const YamlNode& root)
{
  return Json::to_cbor(to_json(root));
}

bool
yaml_from_cbor(std::span<const std::uint8_t> bytes, YamlNode& root)
{
  const Json in = Json::from_cbor(bytes.begin(), bytes.end(), true, false);
  YamlNode node;
  if (in.is_discarded() || !from_json(in, node, 0)) {
    return false;
  }
  root = std::move(node);
  return true;
}

} // namespace presslint::rules
