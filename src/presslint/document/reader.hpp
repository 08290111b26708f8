#pragma once

#include <presslint/core/error.hpp>
#include <presslint/document/document.hpp>

#include <string>

namespace presslint::document {

// Largest file presslint reads, and how deep HTML may nest.
inline constexpr std::size_t k_max_file_size = 64 * 1024 * 1024;
inline constexpr std::size_t k_max_html_depth = 400;

// Checks the bytes (encoding, NUL bytes, size) and parses them with the
// reader for `format`. On failure returns false and sets `error`.
bool read_document(std::string path,
                   std::string bytes,
                   Format format,
                   Document& out,
                   core::Error& error);

// The readers proper: `doc.path` and `doc.source` are set and valid UTF-8;
// they fill blocks, lines, links, anchors and content_begin.
bool parse_markdown(Document& doc, core::Error& error);
bool parse_html(Document& doc, core::Error& error);

} // namespace presslint::document
