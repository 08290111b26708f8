#pragma once

#include <presslint/checks/check.hpp>

namespace presslint::checks {

#define PRESSLINT_KIND(name, cls)                                                                  \
  struct cls                                                                                       \
  {                                                                                                \
    static const KindSpec& spec();                                                                 \
  };
#include <presslint/checks/kinds.def>
#undef PRESSLINT_KIND

} // namespace presslint::checks
