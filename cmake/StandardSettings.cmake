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
