# The built-in rule files are compiled into the binary, so that it runs from
# any folder. embed_files.cmake turns each file into a byte array.
file(GLOB_RECURSE PRESSLINT_RULE_FILES CONFIGURE_DEPENDS
     "${PROJECT_SOURCE_DIR}/rules/*.yaml")
list(SORT PRESSLINT_RULE_FILES)
set(PRESSLINT_EMBEDDED_RULES_CPP "${PROJECT_BINARY_DIR}/generated/embedded_rules.cpp")
# Called from the folder whose target compiles the output (custom command
# outputs are visible in their own folder only).
function(presslint_embed_rules)
add_custom_command(
  OUTPUT "${PRESSLINT_EMBEDDED_RULES_CPP}"
  COMMAND "${CMAKE_COMMAND}"
          "-DROOT=${PROJECT_SOURCE_DIR}/rules"
          "-DOUTPUT=${PRESSLINT_EMBEDDED_RULES_CPP}"
          -P "${PROJECT_SOURCE_DIR}/cmake/embed_files.cmake"
  DEPENDS ${PRESSLINT_RULE_FILES} "${PROJECT_SOURCE_DIR}/cmake/embed_files.cmake"
  COMMENT "Embedding built-in rule files"
  VERBATIM)
endfunction()
