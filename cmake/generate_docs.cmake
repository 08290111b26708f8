# Makes the installed documentation from the built binary:
#   OUTPUT_DIR/presslint.1.gz  MAN_SOURCE with @PROJECT_VERSION@ filled in
#   OUTPUT_DIR/rules.md        `presslint rules --format markdown`, then
#                              `presslint explain` of every rule
# Run as: cmake -DPRESSLINT=... -DMAN_SOURCE=... -DVERSION=... -DOUTPUT_DIR=... -P
foreach(var PRESSLINT MAN_SOURCE VERSION OUTPUT_DIR)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "generate_docs.cmake: ${var} is not set")
  endif()
endforeach()
file(MAKE_DIRECTORY "${OUTPUT_DIR}")

# The man page, gzipped without a name or time stamp (reproducible).
set(PROJECT_VERSION "${VERSION}")
configure_file("${MAN_SOURCE}" "${OUTPUT_DIR}/presslint.1" @ONLY)
execute_process(COMMAND gzip -9 -n -c "${OUTPUT_DIR}/presslint.1"
                OUTPUT_FILE "${OUTPUT_DIR}/presslint.1.gz"
                RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "gzip of the man page failed: ${status}")
endif()

function(run_presslint out)
  execute_process(COMMAND "${PRESSLINT}" ${ARGN}
                  OUTPUT_VARIABLE text ERROR_VARIABLE err RESULT_VARIABLE status)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "presslint ${ARGN} failed (${status}): ${err}")
  endif()
  set(${out} "${text}" PARENT_SCOPE)
endfunction()

run_presslint(table rules --format markdown)
run_presslint(catalogue rules --format json)
set(doc "# presslint ${VERSION}: rules\n\n")
string(APPEND doc "Severity of every built-in rule in each profile (`presslint rules --profile P`),\n")
string(APPEND doc "then each rule's documentation (`presslint explain RULE`).\n\n")
string(APPEND doc "${table}")
string(JSON count LENGTH "${catalogue}")
math(EXPR last "${count} - 1")
foreach(i RANGE ${last})
  string(JSON id GET "${catalogue}" ${i} id)
  run_presslint(explain explain "${id}")
  string(APPEND doc "\n## `${id}`\n\n```\n${explain}```\n")
endforeach()
file(WRITE "${OUTPUT_DIR}/rules.md.tmp" "${doc}")
file(RENAME "${OUTPUT_DIR}/rules.md.tmp" "${OUTPUT_DIR}/rules.md")
