# Warnings and sanitizers as INTERFACE targets, linked privately.
add_library(presslint_warnings INTERFACE)
target_compile_options(presslint_warnings INTERFACE -Wall -Wextra -Wpedantic -Wshadow
                       -Wnon-virtual-dtor -Wcast-align -Wunused -Woverloaded-virtual)
if(PRESSLINT_WERROR)
  target_compile_options(presslint_warnings INTERFACE -Werror)
endif()

add_library(presslint_sanitizers INTERFACE)
if(PRESSLINT_SANITIZE)
  target_compile_options(presslint_sanitizers INTERFACE
    -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
  target_link_options(presslint_sanitizers INTERFACE -fsanitize=address,undefined)
endif()

# GCC 12 reports false -Wrestrict errors on std::string concatenation at -O2
# and above (GCC bug 105329); the check is off for that compiler only.
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
  target_compile_options(presslint_warnings INTERFACE -Wno-restrict)
endif()
