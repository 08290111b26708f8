#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace presslint::core {

enum class Severity { off = 0, note = 1, warning = 2, error = 3 };

std::string_view to_string(Severity severity);
std::optional<Severity> parse_severity(std::string_view text);

// A half-open range of UTF-8 byte offsets into a document's source.
struct Span
{
  std::size_t begin = 0;
  std::size_t end = 0;

  [[nodiscard]] std::size_t size() const { return end - begin; }
  [[nodiscard]] bool empty() const { return end == begin; }
  friend bool operator==(const Span&, const Span&) = default;
};

// One replacement of a byte range of the source.
struct Edit
{
  Span span;
  std::string replacement;
  friend bool operator==(const Edit&, const Edit&) = default;
};

// A safe, mechanical fix: a title that states the remedy and its edits.
struct Fix
{
  std::string title;
  std::vector<Edit> edits;
};

struct Finding
{
  std::string rule_id;
  Severity severity = Severity::warning;
  std::string message;
  Span span;
  std::optional<Fix> fix;
  // The text the finding is about (what the message quotes), used for
  // content-based fingerprints.
  std::string matched;
};

} // namespace presslint::core
