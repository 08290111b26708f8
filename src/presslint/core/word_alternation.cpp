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

std::string
word_alternation(std::vector<std::string> words, WordSpacing spacing)
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
  std::string out;
  for (const auto& [key, word] : keyed) {
    if (!out.empty()) {
      out += '|';
    }
    if (spacing == WordSpacing::escaped_marks) {
      for (const char c : word) {
        if (c == ' ') {
          out += R"(\s*)";
        } else {
          out += R"(\\?)";
          out += RE2::QuoteMeta(std::string(1, c));
        }
      }
      continue;
    }
    const std::string quoted = RE2::QuoteMeta(word);
    for (std::size_t i = 0; i < quoted.size(); ++i) {
      if (quoted[i] == '\\' && i + 1 < quoted.size() && quoted[i + 1] == ' ') {
        out += R"(\s+)";
        ++i;
      } else {
        out += quoted[i];
      }
    }
  }
  return out;
}

} // namespace presslint::core
