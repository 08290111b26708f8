# The built-in rule files are compiled into the binary, so that it runs from
# any folder. presslint-compile-rules (tools/compile_rules.cpp) parses each
# one when presslint is built, fails the build on a file that does not
# parse, and writes its text and its parsed tree into one C++ source.
file(GLOB_RECURSE PRESSLINT_RULE_FILES CONFIGURE_DEPENDS
     "${PROJECT_SOURCE_DIR}/rules/*.yaml")
list(SORT PRESSLINT_RULE_FILES)
set(PRESSLINT_EMBEDDED_RULES_CPP "${PROJECT_BINARY_DIR}/generated/embedded_rules.cpp")
# Called from the folder whose target compiles the output (custom command
# outputs are visible in their own folder only), after the
# presslint-compile-rules target is defined.
function(presslint_embed_rules)
add_custom_command(
  OUTPUT "${PRESSLINT_EMBEDDED_RULES_CPP}"
  COMMAND "${CMAKE_COMMAND}" -E make_directory "${PROJECT_BINARY_DIR}/generated"
  COMMAND presslint-compile-rules "${PROJECT_SOURCE_DIR}/rules" "${PRESSLINT_EMBEDDED_RULES_CPP}"
  DEPENDS ${PRESSLINT_RULE_FILES} presslint-compile-rules
  COMMENT "Compiling the built-in rule files"
  VERBATIM)
endfunction()
