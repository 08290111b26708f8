// A rule's message template, filled.
#include <presslint/checks/check.hpp>

#include <doctest/doctest.h>

using presslint::checks::format_message;
using presslint::checks::Vars;

TEST_CASE("messages: placeholders are filled, everything else stays as written")
{
  const Vars vars{{"match", "cutting-edge"}, {"a", "1"}, {"b", "2"}};
  CHECK(format_message("avoid \"{match}\"", vars) == "avoid \"cutting-edge\"");
  CHECK(format_message("{a}{b}", vars) == "12");
  CHECK(format_message("{nope} and {a}", vars) == "{nope} and 1");
  CHECK(format_message("open { brace", vars) == "open { brace");
  CHECK(format_message("{{a}}", vars) == "{1}");
  CHECK(format_message("tail {", vars) == "tail {");
  CHECK(format_message("{}", vars) == "{}");
  CHECK(format_message("", vars).empty());
  CHECK(format_message("no placeholders at all", {}) == "no placeholders at all");
  CHECK(format_message("é {a} — {b}…", vars) == "é 1 — 2…");
}
