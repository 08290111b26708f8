#include <presslint/core/regex_groups.hpp>

namespace presslint::core {

bool
find_groups(const RE2& re,
            std::string_view text,
            std::size_t pos,
            re2::StringPiece* groups,
            int count)
{
  if (pos > text.size() || count < 1) {
    return false;
  }
  const re2::StringPiece whole(text.data(), text.size());
  re2::StringPiece match;
  if (!re.Match(whole, pos, whole.size(), RE2::UNANCHORED, &match, 1)) {
    return false;
  }
  if (count == 1) {
    groups[0] = match;
    return true;
  }
  // The whole match is known: the groups of the first match are those of
  // the match held to exactly that span (the text around it still counts
  // for ^, $ and \b).
  const auto begin = static_cast<std::size_t>(match.data() - whole.data());
  return re.Match(whole, begin, begin + match.size(), RE2::ANCHOR_BOTH, groups, count);
}

} // namespace presslint::core
