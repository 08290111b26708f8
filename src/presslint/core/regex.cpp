#include <presslint/core/regex.hpp>

namespace presslint::core {

LazyRegex::LazyRegex(std::string pattern, const RE2::Options& options, std::size_t id)
  : m_pattern(std::move(pattern)), m_options(options), m_id(id)
{
}

const RE2&
LazyRegex::get() const
{
  return *m_re.get([this] { return std::make_unique<const RE2>(m_pattern, m_options); });
}

} // namespace presslint::core
