# Usage: cmake -DROOT=dir -DOUTPUT=file.cpp -P embed_files.cmake
file(GLOB_RECURSE files RELATIVE "${ROOT}" "${ROOT}/*.yaml")
list(SORT files)
set(body "")
set(table "")
set(index 0)
foreach(rel IN LISTS files)
  file(READ "${ROOT}/${rel}" hex HEX)
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," bytes "${hex}")
  string(APPEND body "static const char k_file_${index}[] = {${bytes} '\\0'};\n")
  string(LENGTH "${hex}" hex_length)
  math(EXPR size "${hex_length} / 2")
  string(APPEND table "  {\"${rel}\", std::string_view(k_file_${index}, ${size})},\n")
  math(EXPR index "${index} + 1")
endforeach()
file(WRITE "${OUTPUT}.tmp"
"// Generated from rules/ at build time. Do not edit.
#include <presslint/rules/embedded.hpp>

namespace presslint::rules {
namespace {
${body}
const EmbeddedFile k_files[] = {
${table}  {\"\", std::string_view()},
};
} // namespace

std::span<const EmbeddedFile>
embedded_rule_files()
{
  return {k_files, ${index}};
}

} // namespace presslint::rules
")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUTPUT}.tmp")
