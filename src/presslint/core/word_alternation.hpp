#pragma once

#include <string>
#include <vector>

namespace presslint::core {

// How the spaces of a word are matched.
enum class WordSpacing {
  runs,           // a space matches any run of white space ("Media  Contact")
  escaped_marks,  // a space matches any white space or none, and each other
                  // character may carry a Markdown escape ("\#\#\#", "# # #")
};

// The words as one RE2 alternation (no parentheses around it), each word
// quoted; empty words are left out, and no words give "".
//
// RE2 matches the first alternative that can match (as Perl does), so a
// word comes before every word it begins ("Media Contacts" before "Media
// Contact"): they are in descending order of their letters, without case
// and spaces. That also puts words with a common beginning next to each
// other, where RE2 factors it out ("Press (?:Office|Inquiries)"): the
// program is smaller, quicker to compile and quicker to run.
std::string word_alternation(std::vector<std::string> words, WordSpacing spacing);

// The same alternatives, one string each, in that order.
std::vector<std::string> word_alternatives(std::vector<std::string> words, WordSpacing spacing);
// Alternatives joined into one alternation ("a|b|c").
std::string join_alternatives(const std::vector<std::string>& alternatives);

} // namespace presslint::core
