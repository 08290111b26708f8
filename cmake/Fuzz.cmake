# libFuzzer builds (the `fuzz` preset): clang, with the whole library
# instrumented for coverage, AddressSanitizer and UndefinedBehaviorSanitizer.
# The targets themselves are in fuzz/ (see scripts/fuzz.sh).
option(PRESSLINT_FUZZ "Build the libFuzzer targets in fuzz/ (needs clang)" OFF)

if(PRESSLINT_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "PRESSLINT_FUZZ needs clang (cmake --preset fuzz)")
  endif()
  # Every object, the library's included, gets the coverage hooks libFuzzer
  # steers by; only the fuzz executables link libFuzzer's main.
  add_compile_options(-fsanitize=fuzzer-no-link,address,undefined
                      -fno-sanitize-recover=all -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
endif()
