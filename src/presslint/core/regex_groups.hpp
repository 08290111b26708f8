#pragma once

#include <re2/re2.h>

#include <cstddef>
#include <string_view>

namespace presslint::core {

// The first match of `re` in `text` at or after `pos`, with its groups:
// `groups[0]` is the whole match, `groups[1]` the first group, and so on
// (`count` of them, at least 1). False when there is none.
//
// The same as RE2::Match with `count` groups, but faster where most texts
// do not match: asked for groups in a text of up to a few kilobytes, RE2
// runs its backtracker over the whole text straight away. Here its DFA
// finds the match first, and the groups are read within it only (what RE2
// does itself for longer texts).
bool find_groups(const RE2& re,
                 std::string_view text,
                 std::size_t pos,
                 re2::StringPiece* groups,
                 int count);

} // namespace presslint::core
