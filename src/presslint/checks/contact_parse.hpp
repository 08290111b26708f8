#pragma once

// The parts of a contact block: e-mail addresses, phone numbers, names.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace presslint::checks::contact {

// A piece of text found in a longer text: [begin, end) byte offsets.
struct Found
{
  std::size_t begin = 0;
  std::size_t end = 0;
};

// Why an e-mail address is not valid (nullopt: it is valid). An address is
// the RFC 5322 dot-atom form (local@domain) with a domain name of at least
// two labels whose last label (the top-level domain) is letters.
std::optional<std::string>
email_problem(std::string_view address);

// Things that look like e-mail addresses: every run of address characters
// around an "@" that has something before the "@" (a lone "@handle" is not
// an address). Trailing sentence punctuation is left out.
std::vector<Found>
find_email_candidates(std::string_view text);

// How a phone number written without a country code must look.
enum class NationalFormat
{
  nanp, // North America: 10 digits (or 1 and 10 digits); area code and exchange start 2-9
  uk,   // United Kingdom: 0 and 9 or 10 digits
  any,  // 7 to 15 digits
};

std::optional<NationalFormat>
national_format_from_name(std::string_view name);

// A phone number found in a text.
struct PhoneCandidate
{
  std::size_t begin = 0;
  std::size_t end = 0;   // after the number and its extension, if any
  bool labelled = false; // after "Phone:", "Tel.", "Mobile" ...
};

// Runs of digits and separators that look like phone numbers: a "+"
// prefix, or at least 7 digits, or a phone label before them. Dates
// (2026-03-02, 3/2/2026) and ZIP+4 codes (90210-1234) are left out.
std::vector<PhoneCandidate>
find_phone_candidates(std::string_view text, const std::vector<std::string>& phone_labels);

// Why a phone number is not valid (nullopt: it is valid): too few or too
// many digits, letters, an area code or exchange that cannot exist.
// International numbers (+ or 00) follow E.164: a country code that does
// not start with 0, 8 to 15 digits in all; +1 and +44 numbers are checked
// against their national plans. An extension ("ext. 114", "x22") is allowed.
std::optional<std::string>
phone_problem(std::string_view number, NationalFormat national);

// Whether `text` holds a name: a word of two or more letters that is not
// one of `field_words` (Email, Phone, ...) once e-mail addresses, phone
// numbers and web addresses are taken out.
bool
has_name(std::string_view text, const std::vector<std::string>& field_words);

// Whether a line reads "Label: value": after any of white space, ">", "*"
// and "_", a capital letter, at most 30 more letters and spaces, a colon,
// and then something. The same lines as RE2's ^[\s>*_]*\p{Lu}([\p{L} ]*):\s*\S
// with the label counted, tested code point by code point: RE2 took 3 ms
// to compile that pattern. `line` is valid UTF-8, as a document's text is.
bool
is_field_line(std::string_view line);

} // namespace presslint::checks::contact
