#include <presslint/core/word_alternation.hpp>

#include <re2/re2.h>

#include <algorithm>
#include <utility>

namespace presslint::core {

namespace {

// A word without case (ASCII) and spaces: a word that can match the
// beginning of another's match has a key that begins the other's.
std::string
order_key(const std::string& word)
{
  std::string key;
  key.reserve(word.size());
  for (const char c : word) {
    if (c != ' ') {
      key += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    }
  }
  return key;
}

} // namespace

std::vector<std::string>
word_alternatives(std::vector<std::string> words, WordSpacing spacing)
{
  std::vector<std::pair<std::string, std::string>> keyed;
  keyed.reserve(words.size());
  for (std::string& w : words) {
    if (!w.empty()) {
      std::string key = order_key(w);
      keyed.emplace_back(std::move(key), std::move(w));
    }
  }
  std::sort(keyed.begin(), keyed.end(), [](const auto& a, const auto& b) { return a > b; });
  std::vector<std::string> out;
  out.reserve(keyed.size());
  for (const auto& [key, word] : keyed) {
    std::string& piece = out.emplace_back();
    if (spacing == WordSpacing::escaped_marks) {
      for (const char c : word) {
        if (c == ' ') {
          piece += R"(\s*)";
        } else {
          piece += R"(\\?)";
          piece += RE2::QuoteMeta(std::string(1, c));
        }
      }
      continue;
    }
    const std::string quoted = RE2::QuoteMeta(word);
    for (std::size_t i = 0; i < quoted.size(); ++i) {
      if (quoted[i] == '\\' && i + 1 < quoted.size() && quoted[i + 1] == ' ') {
        piece += R"(\s+)";
        ++i;
      } else {
        piece += quoted[i];
      }
    }
  }
  return out;
}

std::string
join_alternatives(const std::vector<std::string>& alternatives)
{
  std::string out;
  for (const std::string& piece : alternatives) {
    if (!out.empty()) {
      out += '|';
    }
    out += piece;
  }
  return out;
}

std::string
word_alternation(std::vector<std::string> words, WordSpacing spacing)
{
  return join_alternatives(word_alternatives(std::move(words), spacing));
}

} // namespace presslint::core
