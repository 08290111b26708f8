// link: the link rules. One kind, six problems, each a rule file: offline, a
// placeholder target, a malformed URL, an http:// link, and a relative or
// in-page link whose target is not there; live (links/live.cpp turns the
// verdicts of the live checks into findings of these rules), a dead web link,
// an unreachable one and a permanent redirect.
#include <presslint/checks/kinds.hpp>
#include <presslint/checks/link.hpp>
#include <presslint/checks/matching.hpp>
#include <presslint/checks/url.hpp>
#include <presslint/rules/rule.hpp>
#include <presslint/rules/rule_set.hpp>

#include <fmt/format.h>
#include <re2/re2.h>

#include <algorithm>
#include <array>
#include <filesystem>
#include <set>
#include <system_error>

namespace presslint::checks {

namespace {

// The URL syntax parameters default to UrlSyntaxOptions' values.
constexpr std::array<rules::ParamSpec, 10> k_params{{
  {"problem", rules::ParamType::string, "",
   "what the rule flags: placeholder, malformed, insecure or dead (offline, and dead web links "
   "when links are checked live), unreachable or redirect (live only)"},
  {"placeholder-targets", rules::ParamType::string_list, "",
   "link targets that are placeholders, compared without regard to case (\"\" is an empty target)"},
  {"placeholder-patterns", rules::ParamType::pattern_list, "",
   "RE2 patterns: a target they match is a placeholder"},
  {"placeholder-hosts", rules::ParamType::string_list, "",
   "host names that are placeholders, with every name under them (\"example.com\", \"test\")"},
  {"schemes", rules::ParamType::string_list, "",
   "the URL schemes a link may use (default: http, https, mailto, tel, ftp)"},
  {"bare-host-suffixes", rules::ParamType::string_list, "",
   "top-level domains that make a target without a scheme read as a web address, as in "
   "\"acme.com/about\" (default: com, org, net, gov, edu)"},
  {"local-hosts", rules::ParamType::string_list, "",
   "local host names, with every name under them: they need no domain, and http:// is fine for "
   "them (default: localhost)"},
  {"min-phone-digits", rules::ParamType::integer, "", "fewest digits in a tel: number (default: 7)"},
  {"max-phone-digits", rules::ParamType::integer, "", "most digits in a tel: number (default: 15)"},
  {"reasons", rules::ParamType::string_map, "",
   "the text {reason} stands for, for each kind of problem the rule finds"},
}};
constexpr std::array<std::string_view, 3> k_placeholders{"target", "reason", "final"};

enum class Problem { placeholder, malformed, insecure, dead, unreachable, redirect };

constexpr std::array<std::string_view, 6> k_problem_names{"placeholder", "malformed", "insecure",
                                                          "dead",        "unreachable", "redirect"};

constexpr std::string_view k_no_file = "no-file";
constexpr std::string_view k_no_anchor = "no-anchor";

// The default text of each reason; a rule file's `reasons` may reword them.
std::string
default_reason(std::string_view key)
{
  static const std::vector<std::pair<std::string_view, std::string_view>> k_texts{
    {"space", "it contains a space"},
    {"unknown-scheme", "the scheme is not one links may use"},
    {"slashes", "the scheme must be followed by \"//\""},
    {"no-host", "it has no host name"},
    {"bad-host", "the host name is not valid"},
    {"no-domain", "the host name has no domain"},
    {"doubled-scheme", "the scheme is written twice"},
    {"bad-port", "the port is not a number from 0 to 65535"},
    {"invalid", "the URL cannot be parsed"},
    {"no-scheme", "a web address needs \"https://\" before it"},
    {"bad-scheme", "the scheme needs \"://\" after it"},
    {"no-mailto", "an e-mail address needs \"mailto:\" before it"},
    {"bad-email", "the e-mail address is not valid"},
    {"bad-phone", "a phone number has 7 to 15 digits and only + ( ) . - and spaces"},
    {k_no_file, "no such file next to the release"},
    {k_no_anchor, "no heading or id of that name in the release"},
    {"status", "the server answers {status}"},
    {"redirect-loop", "its redirects go round in a loop"},
    {"too-many-redirects", "it redirects more than 10 times"},
    {"bad-redirect", "it redirects to \"{detail}\", which is not a web address"},
    {"no-fragment", "the page has no element with the id \"{fragment}\""},
    {"timeout", "no answer within the timeout"},
    {"network", "{detail}"},
    {"blocked", "the site answers {status} to link checkers (it blocks them): check it in a "
                "browser"},
    {"rate-limited", "the site still rate-limits (429) after every retry"},
    {"private-address", "not fetched: it resolves to a loopback, private or link-local address "
                        "(links.allow-private is off)"},
  };
  for (const auto& [k, text] : k_texts) {
    if (k == key) {
      return std::string(text);
    }
  }
  return std::string(key);
}

// The reason keys a problem can give.
std::vector<std::string_view>
reason_keys(Problem problem)
{
  std::vector<std::string_view> keys;
  if (problem == Problem::malformed) {
    for (const UrlProblem p : url_problems()) {
      keys.push_back(to_string(p));
    }
  } else if (problem == Problem::dead) {
    keys = {k_no_file,      k_no_anchor,   "status",     "redirect-loop",
            "too-many-redirects", "bad-redirect", "no-fragment"};
  } else if (problem == Problem::unreachable) {
    keys = {"timeout", "network", "blocked", "rate-limited", "private-address"};
  }
  return keys;
}

// A link target: the text the checks read and where it stands.
struct Target
{
  std::string value;    // unescaped, without white space at either end
  std::string written;  // the source at `span`, as the message quotes it
  core::Span span;
};

// True when `written` (the source text) can be the spelling of `target`:
// the same, or with escapes or entities in it.
bool
spells(std::string_view written, std::string_view target)
{
  if (written == target) {
    return true;
  }
  if (written.find('&') != std::string_view::npos) {
    return true; // an entity: "a&amp;b"
  }
  std::string unescaped;
  for (std::size_t i = 0; i < written.size(); ++i) {
    if (written[i] == '\\' && i + 1 < written.size()) {
      ++i;
    }
    unescaped += written[i];
  }
  return unescaped == target;
}

Target
locate(const document::Document& doc, const document::Link& link)
{
  const std::string_view src = doc.source;
  core::Span span = link.target_span;
  if (span.end > src.size() || span.begin > span.end) {
    span = core::Span{std::min(span.begin, src.size()), std::min(span.begin, src.size())};
  }
  if (!spells(src.substr(span.begin, span.size()), link.target)) {
    // A link round an image ("[![logo](logo.png)](https://acme.com)") may be
    // given the image's destination; the link's own stands after it.
    const std::size_t from = std::min({link.span.begin, span.begin, src.size()});
    const std::size_t window = std::min(src.size() - from, std::size_t{4096});
    const std::size_t at = src.substr(from, window).find(link.target);
    if (link.target.empty()) {
      // An attribute with no value ("<a href>"): the empty target stands
      // after its name.
      span = core::Span{span.end, span.end};
    } else if (at != std::string_view::npos) {
      span = core::Span{from + at, from + at + link.target.size()};
    }
  }
  // White space at either end of an href is not part of the URL.
  std::string_view written = src.substr(span.begin, span.size());
  const std::string_view trimmed = trim_space(written);
  if (trimmed.size() != written.size()) {
    const auto lead = static_cast<std::size_t>(trimmed.data() - written.data());
    span = core::Span{span.begin + lead, span.begin + lead + trimmed.size()};
    written = trimmed;
  }
  Target t;
  t.value = std::string(trim_space(link.target));
  t.written = std::string(written);
  t.span = span;
  if (link.autolink && t.written == t.value) {
    // A URL found in running text ends at white space, a no-break space
    // included: "https://acme.com/" then U+00A0 then "to" is a link and a word.
    const std::size_t cut = find_space(t.value);
    if (cut != std::string::npos) {
      t.value.resize(cut);
      t.written.resize(cut);
      t.span.end = t.span.begin + cut;
    }
  }
  return t;
}

class Link final : public Check
{
public:
  Link(Problem problem,
       std::vector<std::string> placeholder_targets,
       std::vector<Pattern> placeholder_patterns,
       std::vector<std::string> placeholder_hosts,
       UrlSyntaxOptions syntax,
       std::vector<std::pair<std::string, std::string>> reasons)
    : m_problem(problem),
      m_placeholder_targets(std::move(placeholder_targets)),
      m_placeholder_patterns(std::move(placeholder_patterns)),
      m_placeholder_hosts(std::move(placeholder_hosts)),
      m_syntax(std::move(syntax)),
      m_reasons(std::move(reasons))
  {
  }

  void run(const Context& ctx) const override
  {
    // A reference link's target is its definition: report it once.
    std::set<std::pair<std::size_t, std::size_t>> seen;
    for (const document::Link& link : ctx.doc.links) {
      const Target t = locate(ctx.doc, link);
      if (!seen.emplace(t.span.begin, t.span.end).second) {
        continue;
      }
      switch (m_problem) {
      case Problem::placeholder:
        if (is_placeholder(t.value)) {
          report(ctx, t, {});
        }
        break;
      case Problem::malformed:
        if (const UrlProblem p = url_syntax_problem(t.value, m_syntax); p != UrlProblem::none) {
          report(ctx, t, to_string(p));
        }
        break;
      case Problem::insecure:
        if (is_insecure(t.value)) {
          report(ctx, t, {});
        }
        break;
      case Problem::dead:
        check_dead(ctx, t);
        break;
      case Problem::unreachable:
      case Problem::redirect:
        break; // live only (links/live.cpp)
      }
    }
  }

  [[nodiscard]] Problem problem() const { return m_problem; }

  std::string reason(std::string_view key) const
  {
    for (const auto& [k, text] : m_reasons) {
      if (k == key) {
        return text;
      }
    }
    return default_reason(key);
  }

  bool is_placeholder(const std::string& target) const
  {
    if (std::any_of(m_placeholder_targets.begin(), m_placeholder_targets.end(),
                    [&](const std::string& p) { return iequals(trim_space(p), target); })) {
      return true;
    }
    for (const Pattern& p : m_placeholder_patterns) {
      if (RE2::PartialMatch(target, p.re())) {
        return true;
      }
    }
    const UrlParts parts = split_url(target);
    if (parts.has_authority) {
      return placeholder_host(parts.host);
    }
    if (parts.has_scheme && iequals(parts.scheme, "mailto")) {
      const std::string to = percent_decode(parts.path);
      std::size_t start = 0;
      while (start <= to.size()) {
        const std::size_t comma = std::min(to.find(',', start), to.size());
        const std::string_view address = trim_space(std::string_view(to).substr(start, comma - start));
        const std::size_t at = address.rfind('@');
        if (at != std::string_view::npos && placeholder_host(address.substr(at + 1))) {
          return true;
        }
        start = comma + 1;
      }
      return false;
    }
    if (!parts.has_scheme) {
      // A web address without its scheme: "www.example.com", "example.com/x".
      const std::string_view first = parts.path.substr(0, parts.path.find('/'));
      if (first.find('.') == std::string_view::npos) {
        return false;
      }
      if (ascii_lower(first).starts_with("www.")) {
        return placeholder_host(first);
      }
      return std::any_of(m_placeholder_hosts.begin(), m_placeholder_hosts.end(),
                         [&](const std::string& h) {
                           return h.find('.') != std::string::npos && host_under(first, h);
                         });
    }
    return false;
  }

  [[nodiscard]] const UrlSyntaxOptions& syntax() const { return m_syntax; }

private:
  void report(const Context& ctx, const Target& t, std::string_view reason_key) const
  {
    Vars vars{{"target", t.written}};
    if (!reason_key.empty()) {
      vars.emplace_back("reason", reason(reason_key));
    }
    ctx.report(t.span, vars, t.written);
  }

  bool placeholder_host(std::string_view host) const
  {
    return std::any_of(m_placeholder_hosts.begin(), m_placeholder_hosts.end(),
                       [&](const std::string& h) { return host_under(host, h); });
  }

  bool is_insecure(const std::string& target) const
  {
    const UrlParts parts = split_url(target);
    if (!parts.has_scheme || !iequals(parts.scheme, "http")) {
      return false;
    }
    if (url_syntax_problem(target, m_syntax) != UrlProblem::none) {
      return false; // malformed: one problem at a time
    }
    return std::none_of(m_syntax.local_hosts.begin(), m_syntax.local_hosts.end(),
                        [&](const std::string& h) { return host_under(parts.host, h); });
  }

  static bool has_anchor(const document::Document& doc, std::string_view fragment)
  {
    const std::string decoded = percent_decode(fragment);
    if (iequals(decoded, "top")) {
      return true; // the top of the page, always there
    }
    auto found = [&](std::string_view name) {
      return std::any_of(doc.anchors.begin(), doc.anchors.end(),
                         [&](const std::string& a) { return iequals(a, name); });
    };
    if (found(fragment) || found(decoded)) {
      return true;
    }
    // A repeated heading's anchor gets "-1", "-2"... after it.
    const std::size_t dash = decoded.rfind('-');
    if (dash != std::string::npos && dash + 1 < decoded.size()
        && std::all_of(decoded.begin() + static_cast<long>(dash) + 1, decoded.end(),
                       [](char c) { return c >= '0' && c <= '9'; })) {
      return found(std::string_view(decoded).substr(0, dash));
    }
    return false;
  }

  // A whole web page (a <base href> or a canonical address) resolves its
  // relative links against its web address, not the file system.
  static bool declares_web_address(const document::Document& doc)
  {
    if (doc.format != document::Format::html) {
      return false;
    }
    static const RE2 k_address(
      R"((?i)<base\b[^>]*\bhref\s*=|<link\b[^>]*\brel\s*=\s*["']?canonical\b)");
    return RE2::PartialMatch(doc.source, k_address);
  }

  void check_dead(const Context& ctx, const Target& t) const
  {
    if (t.value.empty() || url_syntax_problem(t.value, m_syntax) != UrlProblem::none) {
      return;
    }
    const UrlParts parts = split_url(t.value);
    if (parts.has_scheme || parts.has_authority) {
      return; // live checks are not made here
    }
    if (parts.path.empty()) {
      if (parts.has_fragment && !parts.fragment.empty() && !has_anchor(ctx.doc, parts.fragment)) {
        report(ctx, t, k_no_anchor);
      }
      return;
    }
    const std::string& path = ctx.doc.path;
    if (path.empty() || path == "<stdin>" || declares_web_address(ctx.doc)) {
      return;
    }
    // A path from the root ("/img/logo.png") is taken from the release's
    // folder too: a release has no site root of its own.
    std::string relative = percent_decode(parts.path);
    relative.erase(0, relative.find_first_not_of('/'));
    namespace fs = std::filesystem;
    const fs::path folder = fs::path(path).parent_path();
    const fs::path file = relative.empty() ? folder : folder / fs::path(relative);
    std::error_code ec;
    // An unreadable folder gives no verdict; only a target that is not there does.
    if (fs::status(file.empty() ? fs::path(".") : file, ec).type() == fs::file_type::not_found) {
      report(ctx, t, k_no_file);
    }
  }

  Problem m_problem;
  std::vector<std::string> m_placeholder_targets;
  std::vector<Pattern> m_placeholder_patterns;
  std::vector<std::string> m_placeholder_hosts;
  UrlSyntaxOptions m_syntax;
  std::vector<std::pair<std::string, std::string>> m_reasons;
};

core::Error
param_error(const rules::Params& params,
            std::string_view name,
            std::string_view rule_path,
            const rules::YamlNode* at,
            std::string message)
{
  const rules::ParamEntry* entry = params.entry(name);
  core::Error e;
  e.path = entry == nullptr || entry->path.empty() || entry->path == "<default>"
             ? std::string(rule_path)
             : entry->path;
  const rules::YamlNode* node = at != nullptr ? at : (entry != nullptr ? &entry->node : nullptr);
  if (node != nullptr && entry != nullptr && entry->path != "<default>") {
    e.line = node->line;
    e.column = node->column;
  }
  e.message = std::move(message);
  return e;
}

std::unique_ptr<Check>
create(const rules::Params& params, std::string_view rule_path, core::Errors& errors)
{
  const std::string name = params.string("problem");
  Problem problem = Problem::placeholder;
  if (name == "placeholder") {
    problem = Problem::placeholder;
  } else if (name == "malformed") {
    problem = Problem::malformed;
  } else if (name == "insecure") {
    problem = Problem::insecure;
  } else if (name == "dead") {
    problem = Problem::dead;
  } else if (name == "unreachable") {
    problem = Problem::unreachable;
  } else if (name == "redirect") {
    problem = Problem::redirect;
  } else {
    errors.push_back(param_error(
      params, "problem", rule_path, nullptr,
      name.empty() ? std::string("the link kind needs \"problem\": placeholder, malformed, "
                                 "insecure, dead, unreachable or redirect")
                   : fmt::format("unknown link problem \"{}\" (known: placeholder, malformed, "
                                 "insecure, dead, unreachable, redirect)",
                                 name)));
    return nullptr;
  }

  UrlSyntaxOptions syntax;
  if (params.has("schemes")) {
    syntax.schemes = params.strings("schemes");
  }
  if (params.has("bare-host-suffixes")) {
    syntax.bare_host_suffixes = params.strings("bare-host-suffixes");
  }
  if (params.has("local-hosts")) {
    syntax.local_hosts = params.strings("local-hosts");
  }
  syntax.min_phone_digits =
    static_cast<int>(params.integer("min-phone-digits", syntax.min_phone_digits));
  syntax.max_phone_digits =
    static_cast<int>(params.integer("max-phone-digits", syntax.max_phone_digits));
  bool ok = true;
  if (syntax.min_phone_digits < 1 || syntax.max_phone_digits < syntax.min_phone_digits
      || syntax.max_phone_digits > 64) {
    errors.push_back(param_error(params, "max-phone-digits", rule_path, nullptr,
                                 "\"min-phone-digits\" and \"max-phone-digits\" must satisfy "
                                 "1 <= min <= max <= 64"));
    ok = false;
  }

  const std::vector<std::string_view> keys = reason_keys(problem);
  std::vector<std::pair<std::string, std::string>> reasons = params.string_map("reasons");
  if (const rules::ParamEntry* entry = params.entry("reasons")) {
    for (const auto& [key, value] : entry->node.entries) {
      if (std::find(keys.begin(), keys.end(), key.value) == keys.end()) {
        std::string known;
        for (const std::string_view k : keys) {
          known += known.empty() ? "" : ", ";
          known += k;
        }
        errors.push_back(param_error(
          params, "reasons", rule_path, &key,
          fmt::format("no reason \"{}\" for link problem \"{}\" (known: {})", key.value, name,
                      known.empty() ? std::string("none") : known)));
        ok = false;
      }
    }
  }

  std::vector<Pattern> patterns = compile_patterns(params, "placeholder-patterns", rule_path, errors);
  if (!ok) {
    return nullptr;
  }
  return std::make_unique<Link>(problem, params.strings("placeholder-targets"),
                                std::move(patterns), params.strings("placeholder-hosts"),
                                std::move(syntax), std::move(reasons));
}

} // namespace

std::vector<WebLink>
web_links(const document::Document& doc, const rules::RuleSet* rules)
{
  std::vector<const Link*> placeholders;
  const Link* malformed = nullptr;
  // A rule that is off has no check built; its placeholders still must not
  // be fetched, so its check is built here.
  std::vector<std::unique_ptr<Check>> built;
  if (rules != nullptr) {
    for (const rules::ActiveRule& active : rules->rules) {
      // Only a rule of the link kind has a link check (asked first: it is
      // cheaper than a dynamic_cast, and a rule set has many rules).
      if (active.rule == nullptr || active.rule->kind == nullptr
          || active.rule->kind->name != LinkCheck::spec().name) {
        continue;
      }
      const Check* check = active.check.get();
      if (check == nullptr) {
        core::Errors ignored;
        built.push_back(active.rule->kind->create(active.params, active.rule->path, ignored));
        check = built.back().get();
      }
      const auto* link = dynamic_cast<const Link*>(check);
      if (link == nullptr) {
        continue;
      }
      if (link->problem() == Problem::placeholder) {
        placeholders.push_back(link);
      } else if (link->problem() == Problem::malformed && malformed == nullptr) {
        malformed = link;
      }
    }
  }
  const UrlSyntaxOptions defaults;
  const UrlSyntaxOptions& syntax = malformed != nullptr ? malformed->syntax() : defaults;
  std::vector<WebLink> out;
  std::set<std::pair<std::size_t, std::size_t>> seen;
  for (const document::Link& link : doc.links) {
    const Target t = locate(doc, link);
    if (!seen.emplace(t.span.begin, t.span.end).second) {
      continue;
    }
    const UrlParts parts = split_url(t.value);
    if (!parts.has_scheme || !(iequals(parts.scheme, "http") || iequals(parts.scheme, "https"))) {
      continue;
    }
    if (url_syntax_problem(t.value, syntax) != UrlProblem::none) {
      continue;
    }
    if (std::any_of(placeholders.begin(), placeholders.end(),
                    [&](const Link* p) { return p->is_placeholder(t.value); })) {
      continue;
    }
    out.push_back(WebLink{t.value, t.written, t.span});
  }
  return out;
}

std::string_view
link_problem(const Check* check)
{
  const auto* link = dynamic_cast<const Link*>(check);
  if (link == nullptr) {
    return {};
  }
  return k_problem_names[static_cast<std::size_t>(link->problem())];
}

std::string
link_reason(const Check& check, std::string_view key, const Vars& vars)
{
  const auto* link = dynamic_cast<const Link*>(&check);
  return format_message(link != nullptr ? link->reason(key) : default_reason(key), vars);
}

const KindSpec&
LinkCheck::spec()
{
  static const KindSpec k_spec{
    "link",
    "Flags link targets: offline, placeholders, malformed URLs, http:// links, and relative or "
    "in-page links whose target is missing; live, dead and unreachable web links and permanent "
    "redirects (the `problem` parameter says which).",
    k_params, k_placeholders, &create};
  return k_spec;
}

} // namespace presslint::checks
