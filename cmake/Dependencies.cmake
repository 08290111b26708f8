# Every dependency comes from Debian's packages (see README).
find_package(PkgConfig REQUIRED)
find_package(yaml-cpp REQUIRED)
find_package(fmt REQUIRED)
# libcurl: its headers at build time; the library itself is loaded at run time.
find_package(CURL REQUIRED)
find_package(nlohmann_json REQUIRED)
find_package(CLI11 REQUIRED)
find_package(Threads REQUIRED)
pkg_check_modules(RE2 REQUIRED IMPORTED_TARGET re2)
# md4c's Debian CMake config is broken (it names a missing md4c-html): pkg-config.
pkg_check_modules(MD4C REQUIRED IMPORTED_TARGET md4c)
pkg_check_modules(GUMBO REQUIRED IMPORTED_TARGET gumbo)
# RFC 3986 syntax of link targets (the offline link rules).
pkg_check_modules(URIPARSER REQUIRED IMPORTED_TARGET liburiparser)
if(PRESSLINT_BUILD_TESTS)
  find_package(doctest REQUIRED)
endif()
