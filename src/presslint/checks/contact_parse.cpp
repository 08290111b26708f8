#include <presslint/checks/contact_parse.hpp>

#include <presslint/core/utf8.hpp>

#include <algorithm>
#include <cctype>

namespace presslint::checks::contact {

namespace {

bool
is_ascii_digit(char c)
{
  return c >= '0' && c <= '9';
}

bool
is_ascii_alpha(char c)
{
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool
is_ascii_alnum(char c)
{
  return is_ascii_digit(c) || is_ascii_alpha(c);
}

char
lower(char c)
{
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

bool
iequals(std::string_view a, std::string_view b)
{
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return lower(x) == lower(y);
         });
}

// Characters that end an e-mail candidate: white space, brackets, quotes,
// and the punctuation that separates an address from a URL around it.
bool
is_email_delimiter(char32_t cp)
{
  if (cp < 0x80) {
    return std::string_view(" \t\n\r\f\v<>()[]{}\"',;:/?=&|\\*").find(static_cast<char>(cp))
           != std::string_view::npos;
  }
  switch (cp) {
  case 0x00A0: // no-break space
  case 0x200B: // zero-width space
  case 0x202F: // narrow no-break space
  case 0x2018: // quotation marks
  case 0x2019:
  case 0x201C:
  case 0x201D:
  case 0x00AB:
  case 0x00BB:
  case 0x2013: // dashes that separate a name from an address
  case 0x2014:
    return true;
  default:
    return cp >= 0x2000 && cp <= 0x200A; // the other Unicode spaces
  }
}

std::size_t
previous_code_point(std::string_view text, std::size_t pos)
{
  std::size_t p = pos;
  do {
    --p;
  } while (p > 0 && (static_cast<unsigned char>(text[p]) & 0xC0) == 0x80);
  return p;
}

// RFC 5322 atext, plus UTF-8 (RFC 6531 allows it).
bool
is_atext(char c)
{
  if (is_ascii_alnum(c) || (static_cast<unsigned char>(c) & 0x80) != 0) {
    return true;
  }
  return std::string_view("!#$%&'*+-/=?^_`{|}~").find(c) != std::string_view::npos;
}

std::string
describe_char(char c)
{
  if (c == ' ') {
    return "a space";
  }
  return std::string("\"") + c + "\"";
}

// The digits of a phone number and how it is written.
struct PhoneDigits
{
  std::string digits; // every digit, in order
  bool international = false;
  bool trunk_zero = false; // "(0)" after the country code, as in +44 (0)20
  bool letters = false;
};

} // namespace

std::optional<std::string>
email_problem(std::string_view address)
{
  const std::size_t at = address.find('@');
  if (at == std::string_view::npos) {
    return "missing its \"@\"";
  }
  if (address.find('@', at + 1) != std::string_view::npos) {
    return "written with more than one \"@\"";
  }
  const std::string_view local = address.substr(0, at);
  const std::string_view domain = address.substr(at + 1);
  if (local.empty()) {
    return "missing the name before the \"@\"";
  }
  if (domain.empty()) {
    return "missing its domain after the \"@\"";
  }
  if (local.size() > 64) {
    return "too long before the \"@\"";
  }
  if (local.front() == '.' || local.back() == '.' || local.find("..") != std::string_view::npos) {
    return "malformed: a dot at the start or end of the name, or two dots in a row";
  }
  for (const char c : local) {
    if (c != '.' && !is_atext(c)) {
      return "malformed: " + describe_char(c) + " cannot stand in an address";
    }
  }
  if (domain.size() > 253) {
    return "too long after the \"@\"";
  }
  std::size_t start = 0;
  std::string_view last;
  while (start <= domain.size()) {
    std::size_t dot = domain.find('.', start);
    if (dot == std::string_view::npos) {
      dot = domain.size();
    }
    const std::string_view label = domain.substr(start, dot - start);
    if (label.empty()) {
      return "malformed: an empty part in the domain \"" + std::string(domain) + "\"";
    }
    if (label.size() > 63) {
      return "malformed: a part of the domain is longer than 63 characters";
    }
    for (const char c : label) {
      if (!is_ascii_alnum(c) && c != '-' && (static_cast<unsigned char>(c) & 0x80) == 0) {
        return "malformed: " + describe_char(c) + " cannot stand in a domain name";
      }
    }
    if (label.front() == '-' || label.back() == '-') {
      return "malformed: a part of the domain starts or ends with a hyphen";
    }
    last = label;
    start = dot + 1;
  }
  if (domain.find('.') == std::string_view::npos) {
    return "missing a top-level domain (such as .com) after \"" + std::string(domain) + "\"";
  }
  const bool punycode = last.size() > 4 && iequals(last.substr(0, 4), "xn--");
  const bool letters = std::all_of(last.begin(), last.end(), [](char c) {
    return is_ascii_alpha(c) || (static_cast<unsigned char>(c) & 0x80) != 0;
  });
  if (!punycode && (!letters || last.size() < 2)) {
    return "malformed: \"" + std::string(last) + "\" is not a top-level domain";
  }
  return std::nullopt;
}

std::vector<Found>
find_email_candidates(std::string_view text)
{
  std::vector<Found> out;
  std::size_t pos = 0;
  while ((pos = text.find('@', pos)) != std::string_view::npos) {
    // Expand to the left and the right over address characters.
    std::size_t b = pos;
    while (b > 0) {
      const std::size_t p = previous_code_point(text, b);
      std::size_t len = 1;
      if (is_email_delimiter(core::decode_utf8(text, p, len))) {
        break;
      }
      b = p;
    }
    std::size_t e = pos + 1;
    while (e < text.size()) {
      std::size_t len = 1;
      if (is_email_delimiter(core::decode_utf8(text, e, len))) {
        break;
      }
      e += len;
    }
    // Sentence punctuation after an address is not part of it.
    while (
      e > pos + 1
      && (text[e - 1] == '.' || text[e - 1] == '!' || text[e - 1] == '-' || text[e - 1] == '_')) {
      --e;
    }
    while (b < pos && (text[b] == '.' || text[b] == '-')) {
      ++b;
    }
    if (b < pos && (out.empty() || b >= out.back().end)) {
      out.push_back(Found{b, e});
    }
    pos = std::max(pos + 1, e);
  }
  return out;
}

std::optional<NationalFormat>
national_format_from_name(std::string_view name)
{
  if (name == "nanp") {
    return NationalFormat::nanp;
  }
  if (name == "uk") {
    return NationalFormat::uk;
  }
  if (name == "any") {
    return NationalFormat::any;
  }
  return std::nullopt;
}

namespace {

bool
is_phone_separator(std::string_view text, std::size_t i, std::size_t& len)
{
  const char c = text[i];
  if (c == ' ' || c == '.' || c == '-' || c == '/') {
    len = 1;
    return true;
  }
  // En dash, non-breaking space, thin space.
  for (std::string_view s : {std::string_view("\xE2\x80\x93"), std::string_view("\xC2\xA0"),
                             std::string_view("\xE2\x80\x89")}) {
    if (text.substr(i, s.size()) == s) {
      len = s.size();
      return true;
    }
  }
  return false;
}

// "(0)" or "(123)" at i: its length, or 0.
std::size_t
paren_group(std::string_view text, std::size_t i)
{
  if (i >= text.size() || text[i] != '(') {
    return 0;
  }
  std::size_t j = i + 1;
  while (j < text.size() && is_ascii_digit(text[j]) && j - i <= 5) {
    ++j;
  }
  if (j == i + 1 || j >= text.size() || text[j] != ')') {
    return 0;
  }
  return j + 1 - i;
}

// An extension after a number: ", ext. 114", " x22", " Ext 109".
std::size_t
extension_length(std::string_view text, std::size_t i)
{
  std::size_t j = i;
  if (j < text.size() && text[j] == ',') {
    ++j;
  }
  while (j < text.size() && text[j] == ' ') {
    ++j;
  }
  std::size_t word = j;
  while (word < text.size() && is_ascii_alpha(text[word])) {
    ++word;
  }
  const std::string_view w = text.substr(j, word - j);
  if (!(iequals(w, "ext") || iequals(w, "extension") || iequals(w, "x"))) {
    return 0;
  }
  std::size_t k = word;
  if (k < text.size() && text[k] == '.') {
    ++k;
  }
  while (k < text.size() && text[k] == ' ') {
    ++k;
  }
  const std::size_t digits = k;
  while (k < text.size() && is_ascii_digit(text[k]) && k - digits < 6) {
    ++k;
  }
  if (k == digits || (k < text.size() && is_ascii_alnum(text[k]))) {
    return 0;
  }
  return k - i;
}

bool
is_date_or_code(std::string_view run)
{
  // 2026-03-02, 3/2/2026, 02.03.2026, 90210-1234, 2014-2018.
  std::vector<std::size_t> groups;
  std::size_t n = 0;
  std::string seps;
  for (const char c : run) {
    if (is_ascii_digit(c)) {
      ++n;
    } else {
      if (n > 0) {
        groups.push_back(n);
      }
      n = 0;
      if (c != ' ') {
        seps += c;
      }
    }
  }
  if (n > 0) {
    groups.push_back(n);
  }
  if (groups.size() == 3 && (seps == "--" || seps == "//" || seps == "..")) {
    if ((groups[0] == 4 && groups[1] <= 2 && groups[2] <= 2)
        || (groups[0] <= 2 && groups[1] <= 2 && (groups[2] == 4 || groups[2] == 2))) {
      return true;
    }
  }
  if (groups.size() == 2 && groups[0] == 5 && groups[1] == 4 && seps == "-") {
    return true; // ZIP+4
  }
  if (groups.size() == 2 && groups[0] == 4 && groups[1] == 4
      && (run.find('-') != std::string_view::npos
          || run.find("\xE2\x80\x93") != std::string_view::npos)
      && (run.substr(0, 2) == "19" || run.substr(0, 2) == "20")) {
    return true; // a span of years
  }
  return false;
}

// Whether a phone label ("Phone:", "Tel.", "T:") ends right before `pos`.
bool
labelled_before(std::string_view text, std::size_t pos, const std::vector<std::string>& labels)
{
  std::size_t j = pos;
  while (j > 0 && (text[j - 1] == ' ' || text[j - 1] == '\t')) {
    --j;
  }
  bool punct = false;
  while (j > 0 && (text[j - 1] == ':' || text[j - 1] == '.' || text[j - 1] == '-')) {
    --j;
    punct = true;
  }
  while (j > 0 && (text[j - 1] == ' ' || text[j - 1] == '*' || text[j - 1] == '_')) {
    --j;
  }
  const std::size_t end = j;
  while (j > 0 && is_ascii_alpha(text[j - 1])) {
    --j;
  }
  const std::string_view word = text.substr(j, end - j);
  if (word.empty()) {
    return false;
  }
  for (const std::string& l : labels) {
    if (iequals(word, l)) {
      return l.size() > 1 || punct; // "T:" but not a stray "T"
    }
  }
  // A label glued to what comes before it ("PresidentPhone:").
  for (const std::string& l : labels) {
    if (l.size() >= 4 && word.size() > l.size() && iequals(word.substr(word.size() - l.size()), l)
        && text[end - l.size()] >= 'A' && text[end - l.size()] <= 'Z') {
      return true;
    }
  }
  return false;
}

PhoneDigits
phone_digits(std::string_view number)
{
  PhoneDigits d;
  std::size_t i = 0;
  if (!number.empty() && number[0] == '+') {
    d.international = true;
    i = 1;
  }
  for (; i < number.size(); ++i) {
    const char c = number[i];
    if (c == '(' && number.substr(i, 3) == "(0)" && d.international) {
      d.trunk_zero = true;
      i += 2;
      continue;
    }
    if (is_ascii_digit(c)) {
      d.digits += c;
    } else if (is_ascii_alpha(c)) {
      d.letters = true;
    }
  }
  if (!d.international && d.digits.starts_with("00") && d.digits.size() > 8) {
    d.international = true;
    d.digits.erase(0, 2);
  }
  return d;
}

std::optional<std::string>
nanp_problem(std::string_view digits)
{
  // digits without the leading 1
  if (digits.size() < 10) {
    return "too few digits: " + std::to_string(digits.size())
           + " where a number with its area code has 10";
  }
  if (digits.size() > 10) {
    return "too many digits: " + std::to_string(digits.size())
           + " where a number with its area code has 10";
  }
  if (digits[0] == '0' || digits[0] == '1') {
    return "no area code starts with " + std::string(1, digits[0]);
  }
  if (digits[3] == '0' || digits[3] == '1') {
    return "no exchange starts with " + std::string(1, digits[3]);
  }
  return std::nullopt;
}

} // namespace

std::vector<PhoneCandidate>
find_phone_candidates(std::string_view text, const std::vector<std::string>& phone_labels)
{
  std::vector<PhoneCandidate> out;
  std::size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    const char prev = i > 0 ? text[i - 1] : ' ';
    bool start = false;
    if (c == '+' && !is_ascii_alnum(prev)) {
      const std::size_t k = i + 1 < text.size() && text[i + 1] == ' ' ? i + 2 : i + 1;
      start = k < text.size() && (is_ascii_digit(text[k]) || paren_group(text, k) > 0);
    } else if (c == '(' && !is_ascii_digit(prev)) {
      start = paren_group(text, i) > 0;
    } else if (is_ascii_digit(c)) {
      start = !is_ascii_alnum(prev) && prev != '.' && prev != ',' && prev != '$' && prev != '#'
              && prev != '/' && prev != '-' && prev != ':';
    }
    if (!start) {
      i += 1;
      continue;
    }
    // Consume digits, "(ddd)" groups and single separators between them.
    std::size_t j = i;
    if (text[j] == '+') {
      ++j;
      if (j < text.size() && text[j] == ' ') {
        ++j;
      }
    }
    std::size_t end = j;
    std::size_t digits = 0;
    bool letters = false;
    while (j < text.size()) {
      if (is_ascii_digit(text[j])) {
        while (j < text.size() && is_ascii_digit(text[j])) {
          ++j;
          ++digits;
        }
        end = j;
        continue;
      }
      if (const std::size_t g = paren_group(text, j); g > 0) {
        for (std::size_t k = j; k < j + g; ++k) {
          digits += is_ascii_digit(text[k]) ? 1 : 0;
        }
        j += g;
        end = j;
        continue;
      }
      std::size_t len = 0;
      if (is_phone_separator(text, j, len)) {
        std::size_t k = j + len;
        // " - " or " / " between groups, as some write them.
        if (text[j] == ' ' && k + 1 < text.size() && (text[k] == '-' || text[k] == '.')
            && text[k + 1] == ' ') {
          k += 2;
        }
        if (k < text.size() && (is_ascii_digit(text[k]) || paren_group(text, k) > 0)) {
          if (text[j] == '/' && (j + 1 < text.size() && text[j + 1] == ' ')) {
            break;
          }
          j = k;
          continue;
        }
        // A vanity number: letters in capitals after a hyphen (1-800-FLOWERS).
        if (text[j] == '-' && digits >= 3 && k < text.size() && text[k] >= 'A' && text[k] <= 'Z') {
          std::size_t m = k;
          while (m < text.size()
                 && ((text[m] >= 'A' && text[m] <= 'Z') || is_ascii_digit(text[m]))) {
            ++m;
          }
          if (m - k >= 3 && (m == text.size() || !is_ascii_alpha(text[m]))) {
            letters = true;
            j = m;
            end = m;
            continue;
          }
        }
      }
      break;
    }
    const std::string_view run = text.substr(i, end - i);
    const bool plus = text[i] == '+';
    const bool labelled = labelled_before(text, i, phone_labels);
    const bool judged = plus || labelled || letters || digits >= 7;
    if (digits == 0 || !judged || (!labelled && !plus && is_date_or_code(run))) {
      i = std::max(end, i + 1);
      continue;
    }
    std::size_t stop = end;
    stop += extension_length(text, end);
    if (letters) {
      // The digits of a vanity number, given after it: 1-800-AHA-USA1 (242-8721).
      std::size_t k = stop;
      while (k < text.size() && text[k] == ' ') {
        ++k;
      }
      if (k < text.size() && text[k] == '(') {
        std::size_t m = k + 1;
        std::size_t n = 0;
        while (m < text.size()
               && (is_ascii_digit(text[m]) || text[m] == '-' || text[m] == ' ' || text[m] == '.')) {
          n += is_ascii_digit(text[m]) ? 1 : 0;
          ++m;
        }
        if (m < text.size() && text[m] == ')' && n >= 4) {
          stop = m + 1;
        }
      }
    }
    out.push_back(PhoneCandidate{i, stop, labelled});
    i = stop;
  }
  return out;
}

std::optional<std::string>
phone_problem(std::string_view number, NationalFormat national)
{
  // The extension is not part of the number proper.
  std::string_view core = number;
  for (std::size_t i = 0; i < number.size(); ++i) {
    if (extension_length(number, i) > 0 && i > 0
        && (number[i] == ' ' || number[i] == ',' || number[i - 1] == ' ')) {
      core = number.substr(0, i);
      break;
    }
  }
  if (!core.empty() && core.back() == ')' && core.find('(') != std::string_view::npos) {
    // A vanity number with its digits after it: the digits are there to dial.
    const std::string_view before = core.substr(0, core.rfind('('));
    if (std::any_of(before.begin(), before.end(), is_ascii_alpha)) {
      return std::nullopt;
    }
  }
  const PhoneDigits d = phone_digits(core);
  if (d.letters) {
    return "letters stand for digits: write the digits";
  }
  const std::string& digits = d.digits;
  if (d.international) {
    if (digits.empty() || digits[0] == '0') {
      return "no country code starts with 0";
    }
    if (digits[0] == '1') {
      if (digits.size() < 11) {
        return "too few digits: " + std::to_string(digits.size()) + " where +1 numbers have 11";
      }
      if (digits.size() > 11) {
        return "too many digits: " + std::to_string(digits.size()) + " where +1 numbers have 11";
      }
      return nanp_problem(std::string_view(digits).substr(1));
    }
    if (digits.starts_with("44")) {
      const std::string_view nsn = std::string_view(digits).substr(2);
      if (!nsn.empty() && nsn[0] == '0') {
        return "the 0 of a UK number is dropped after +44";
      }
      if (nsn.size() < 9) {
        return "too few digits: " + std::to_string(digits.size())
               + " where +44 numbers have 11 or 12";
      }
      if (nsn.size() > 10) {
        return "too many digits: " + std::to_string(digits.size())
               + " where +44 numbers have 11 or 12";
      }
      return std::nullopt;
    }
    if (digits.size() < 7) {
      return "too few digits: " + std::to_string(digits.size()) + " with the country code";
    }
    if (digits.size() > 15) {
      return "too many digits: " + std::to_string(digits.size()) + " where E.164 allows 15";
    }
    return std::nullopt;
  }
  switch (national) {
  case NationalFormat::nanp: {
    std::string_view n = digits;
    if (n.size() == 11 && n[0] == '1') {
      n.remove_prefix(1);
    }
    return nanp_problem(n);
  }
  case NationalFormat::uk:
    if (digits.empty() || digits[0] != '0') {
      return "a UK number starts with 0, or with +44";
    }
    if (digits.size() < 10) {
      return "too few digits: " + std::to_string(digits.size()) + " where UK numbers have 10 or 11";
    }
    if (digits.size() > 11) {
      return "too many digits: " + std::to_string(digits.size())
             + " where UK numbers have 10 or 11";
    }
    return std::nullopt;
  case NationalFormat::any:
    if (digits.size() < 7) {
      return "too few digits: " + std::to_string(digits.size());
    }
    if (digits.size() > 15) {
      return "too many digits: " + std::to_string(digits.size());
    }
    return std::nullopt;
  }
  return std::nullopt;
}

bool
has_name(std::string_view text, const std::vector<std::string>& field_words)
{
  // Blank out e-mail addresses, web addresses and phone numbers.
  std::string t(text);
  auto blank = [&](std::size_t b, std::size_t e) {
    for (std::size_t k = b; k < e && k < t.size(); ++k) {
      t[k] = ' ';
    }
  };
  for (const Found& f : find_email_candidates(text)) {
    blank(f.begin, f.end);
  }
  for (const PhoneCandidate& p : find_phone_candidates(text, {})) {
    blank(p.begin, p.end);
  }
  for (std::string_view prefix : {"http://", "https://", "www."}) {
    std::size_t p = 0;
    std::string lowered = t;
    std::transform(lowered.begin(), lowered.end(), lowered.begin(), lower);
    while ((p = lowered.find(prefix, p)) != std::string::npos) {
      std::size_t e = p;
      while (e < t.size() && t[e] != ' ' && t[e] != '\n' && t[e] != '\t') {
        ++e;
      }
      blank(p, e);
      p = e;
    }
  }
  // Words: runs of letters (apostrophes and hyphens inside a word allowed).
  std::size_t i = 0;
  while (i < t.size()) {
    std::size_t len = 1;
    const char32_t cp = core::decode_utf8(t, i, len);
    const bool letter = core::is_word_code_point(cp) && !(cp >= '0' && cp <= '9') && cp != '_';
    if (!letter) {
      i += len;
      continue;
    }
    const std::size_t b = i;
    std::size_t letters = 0;
    while (i < t.size()) {
      std::size_t l = 1;
      const char32_t c = core::decode_utf8(t, i, l);
      if (core::is_word_code_point(c) && !(c >= '0' && c <= '9') && c != '_') {
        ++letters;
        i += l;
      } else if ((c == '\'' || c == 0x2019 || c == '-') && i + l < t.size()) {
        i += l;
      } else {
        break;
      }
    }
    const std::string_view word = std::string_view(t).substr(b, i - b);
    const bool field = std::any_of(field_words.begin(), field_words.end(),
                                   [&](const std::string& f) { return iequals(word, f); });
    if (letters >= 2 && !field) {
      return true;
    }
  }
  return false;
}

namespace {

// RE2's \s.
bool
is_re2_space(char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

} // namespace

bool
is_field_line(std::string_view t)
{
  std::size_t i = 0;
  while (i < t.size() && (is_re2_space(t[i]) || t[i] == '>' || t[i] == '*' || t[i] == '_')) {
    ++i;
  }
  std::size_t len = 0;
  if (i >= t.size() || !core::is_upper_code_point(core::decode_utf8(t, i, len))) {
    return false;
  }
  i += len;
  std::size_t label = 0; // code points after the capital
  while (i < t.size()) {
    const char32_t cp = core::decode_utf8(t, i, len);
    if (cp != U' ' && !core::is_letter_code_point(cp)) {
      break;
    }
    i += len;
    ++label;
  }
  if (i >= t.size() || t[i] != ':' || label > 30) {
    return false;
  }
  for (++i; i < t.size(); ++i) {
    if (!is_re2_space(t[i])) {
      return true;
    }
  }
  return false;
}

} // namespace presslint::checks::contact
