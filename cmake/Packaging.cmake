# Installation and the Debian package.
#
#   cmake --install build/release --prefix /usr/local
#     bin/presslint
#     share/man/man1/presslint.1.gz       docs/presslint.1, with the version
#     share/doc/presslint/rules.md        the rule catalogue and every rule's
#                                         documentation, from the built binary
#     share/doc/presslint/rules/          the built-in rule files
#     share/doc/presslint/README.md
#
#   cd build/release && cpack             presslint_<version>_<arch>.deb
#                                         (it depends on libcurl4, which the
#                                         program loads at run time)


set(PRESSLINT_MAINTAINER "presslint maintainers <maintainers@presslint.invalid>"
    CACHE STRING "The Maintainer field of the Debian package")

# The man page and the rule documentation, made at build time from the
# binary just built (a native build: the binary must run on this machine).
set(PRESSLINT_DOCS_DIR "${PROJECT_BINARY_DIR}/docs")
set(PRESSLINT_MAN_PAGE "${PRESSLINT_DOCS_DIR}/presslint.1.gz")
set(PRESSLINT_RULES_DOC "${PRESSLINT_DOCS_DIR}/rules.md")
add_custom_command(
  OUTPUT "${PRESSLINT_MAN_PAGE}" "${PRESSLINT_RULES_DOC}"
  COMMAND "${CMAKE_COMMAND}"
          "-DPRESSLINT=$<TARGET_FILE:presslint>"
          "-DMAN_SOURCE=${PROJECT_SOURCE_DIR}/docs/presslint.1"
          "-DVERSION=${PROJECT_VERSION}"
          "-DOUTPUT_DIR=${PRESSLINT_DOCS_DIR}"
          -P "${PROJECT_SOURCE_DIR}/cmake/generate_docs.cmake"
  DEPENDS presslint "${PROJECT_SOURCE_DIR}/docs/presslint.1"
          "${PROJECT_SOURCE_DIR}/cmake/generate_docs.cmake"
  COMMENT "Generating the man page and the rule documentation"
  VERBATIM)
add_custom_target(presslint_docs ALL DEPENDS "${PRESSLINT_MAN_PAGE}" "${PRESSLINT_RULES_DOC}")

install(FILES "${PRESSLINT_MAN_PAGE}" DESTINATION "${CMAKE_INSTALL_MANDIR}/man1")
install(FILES "${PRESSLINT_RULES_DOC}" "${PROJECT_SOURCE_DIR}/README.md"
        DESTINATION "${CMAKE_INSTALL_DOCDIR}")
install(DIRECTORY "${PROJECT_SOURCE_DIR}/rules/"
        DESTINATION "${CMAKE_INSTALL_DOCDIR}/rules"
        FILES_MATCHING PATTERN "*.yaml" PATTERN "*.json")
# The libraries a static build carries: their licences go with it.
if(PRESSLINT_STATIC_DEPS)
  foreach(package libre2-dev libyaml-cpp-dev libgumbo-dev libfmt-dev)
    install(FILES "/usr/share/doc/${package}/copyright"
            DESTINATION "${CMAKE_INSTALL_DOCDIR}/linked-libraries" RENAME "${package}")
  endforeach()
endif()

# CPack: one Debian package, its library dependencies computed by
# dpkg-shlibdeps (package dpkg-dev).
set(CPACK_GENERATOR "DEB")
set(CPACK_PACKAGE_NAME "presslint")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_VENDOR "presslint")
set(CPACK_PACKAGE_CONTACT "${PRESSLINT_MAINTAINER}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGING_INSTALL_PREFIX "/usr")
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${PRESSLINT_MAINTAINER}")
set(CPACK_DEBIAN_PACKAGE_SECTION "text")
set(CPACK_DEBIAN_PACKAGE_PRIORITY "optional")
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://github.com/presslint/presslint")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# presslint opens libcurl with dlopen when it checks links live, so
# dpkg-shlibdeps cannot see it: named here (7.85.0 for CURLOPT_PROTOCOLS_STR),
# and the dependencies dpkg-shlibdeps finds are added after it.
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libcurl4 (>= 7.85.0)")
set(CPACK_DEBIAN_FILE_NAME "DEB-DEFAULT") # presslint_<version>_<arch>.deb
set(CPACK_DEBIAN_COMPRESSION_TYPE "xz")
# The extended description; the summary line is
# CPACK_PACKAGE_DESCRIPTION_SUMMARY, and CPack indents these lines as
# deb-control(5) wants.
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
    "presslint checks press releases in Markdown, plain text and HTML for the
mistakes that embarrass a sender: leftover placeholders, headlines too long
for the wire, weekdays that do not match their dates, embargoes with no time
zone, datelines out of AP style, placeholder and dead links, a missing end
mark. Its rules are YAML files; it reports as compilers do, in JSON, in
SARIF for code scanning and as GitHub annotations, and runs as a language
server for editors and as a pre-commit hook.")
include(CPack)
