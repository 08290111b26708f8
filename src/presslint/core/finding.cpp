#include <presslint/core/finding.hpp>

namespace presslint::core {

std::string_view
to_string(Severity severity)
{
  switch (severity) {
  case Severity::off:
    return "off";
  case Severity::note:
    return "note";
  case Severity::warning:
    return "warning";
  case Severity::error:
    return "error";
  }
  return "off";
}

std::optional<Severity>
parse_severity(std::string_view text)
{
  if (text == "off") {
    return Severity::off;
  }
  if (text == "note") {
    return Severity::note;
  }
  if (text == "warning") {
    return Severity::warning;
  }
  if (text == "error") {
    return Severity::error;
  }
  return std::nullopt;
}

} // namespace presslint::core
