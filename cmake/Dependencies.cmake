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

# The C++ libraries as the targets link them. With PRESSLINT_STATIC_DEPS
# (the release preset) libstdc++, RE2, yaml-cpp and gumbo are linked in from
# Debian's static archives and fmt is used header-only: the dynamic loader
# then maps and relocates libc, libm, md4c and uriparser only, which is most
# of the start-up of a run on one file. Sanitizer and fuzzing builds keep
# the shared libraries (the sanitizers' runtimes replace operator new).
option(PRESSLINT_STATIC_DEPS "Link libstdc++, RE2, yaml-cpp, gumbo and fmt into the executables" OFF)
if(PRESSLINT_STATIC_DEPS AND (PRESSLINT_SANITIZE OR PRESSLINT_FUZZ))
  message(STATUS "PRESSLINT_STATIC_DEPS is ignored with sanitizers")
  set(PRESSLINT_STATIC_DEPS OFF)
endif()
if(PRESSLINT_STATIC_DEPS)
  # An archive from Debian's -dev package, with the include folders and
  # libraries of the shared target it stands for.
  function(presslint_static_archive name archive shared)
    find_library(PRESSLINT_${name}_ARCHIVE NAMES "${archive}" REQUIRED)
    add_library(presslint::${name} STATIC IMPORTED)
    set_target_properties(presslint::${name} PROPERTIES
      IMPORTED_LOCATION "${PRESSLINT_${name}_ARCHIVE}")
    foreach(property INTERFACE_INCLUDE_DIRECTORIES INTERFACE_COMPILE_OPTIONS
                     INTERFACE_LINK_OPTIONS)
      get_target_property(value ${shared} ${property})
      if(value)
        set_property(TARGET presslint::${name} PROPERTY ${property} "${value}")
      endif()
    endforeach()
  endfunction()
  presslint_static_archive(yaml_cpp libyaml-cpp.a yaml-cpp)
  presslint_static_archive(re2 libre2.a PkgConfig::RE2)
  set_property(TARGET presslint::re2 PROPERTY INTERFACE_LINK_LIBRARIES Threads::Threads)
  presslint_static_archive(gumbo libgumbo.a PkgConfig::GUMBO)
  add_library(presslint::fmt ALIAS fmt::fmt-header-only)
  add_link_options(-static-libstdc++ -static-libgcc)
else()
  add_library(presslint::yaml_cpp ALIAS yaml-cpp)
  add_library(presslint::re2 ALIAS PkgConfig::RE2)
  add_library(presslint::gumbo ALIAS PkgConfig::GUMBO)
  add_library(presslint::fmt ALIAS fmt::fmt)
endif()
