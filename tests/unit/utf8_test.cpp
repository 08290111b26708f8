// UTF-8 validation and counting.
#include <presslint/core/utf8.hpp>

#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <vector>

namespace core = presslint::core;

TEST_CASE("utf8: the first invalid sequence is found wherever it stands")
{
  // Bad sequences after ASCII runs of every length around the eight-byte
  // steps, with valid multi-byte characters before and after them.
  const std::vector<std::string> bad{
    "\xFF", "\xC0\xAF", "\xE0\x80\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\x80",
    "\xC3", "\xE2\x82", "\xF0\x9F\x98"};
  const std::vector<std::string> good{"é", "€", "😀", "ab", ""};
  std::size_t checked = 0;
  for (std::size_t ascii = 0; ascii <= 24; ++ascii) {
    for (const std::string& before : good) {
      const std::string prefix = std::string(ascii, 'a') + before;
      for (const std::string& b : bad) {
        for (const std::string& after : {std::string(), std::string(17, 'z'), std::string("é and more")}) {
          const std::string text = prefix + b + after;
          CAPTURE(ascii);
          CAPTURE(text);
          const std::optional<std::size_t> at = core::find_invalid_utf8(text);
          REQUIRE(at.has_value());
          CHECK(*at == prefix.size());
          ++checked;
        }
      }
      // And nothing to find in valid text.
      CHECK_FALSE(core::find_invalid_utf8(prefix + "😀é€" + std::string(ascii, 'q')).has_value());
    }
  }
  CHECK(checked > 3000);
}
