#pragma once

// The link cache: final verdicts of live checks kept between runs, keyed by
// normalised URL (with its fragment), in one JSON file written atomically.

#include <presslint/links/checker.hpp>

#include <map>
#include <optional>
#include <string>

namespace presslint::links {

struct CacheEntry
{
  Outcome outcome;         // a final verdict (Outcome::cacheable)
  long long checked = 0;   // when, in seconds since the epoch
};

class Cache
{
public:
  // $XDG_CACHE_HOME/presslint, else ~/.cache/presslint; "" when neither is known.
  static std::string default_dir();

  // Reads DIR/links.json. A missing file is an empty cache; a file that
  // cannot be read or parsed is ignored: false, with `warning` saying why.
  bool load(const std::string& dir, std::string& warning);

  // The entry for `key` if it is younger than `max_age_seconds` at `now`.
  [[nodiscard]] std::optional<Outcome> find(const std::string& key,
                                            long long now,
                                            double max_age_seconds) const;
  void put(const std::string& key, const Outcome& outcome, long long now);

  // Writes the file atomically (entries older than `max_age_seconds` are
  // dropped); false with `why` on failure.
  bool save(double max_age_seconds, long long now, std::string& why) const;

  [[nodiscard]] const std::string& path() const { return m_path; }

private:
  std::string m_dir;
  std::string m_path;
  std::map<std::string, CacheEntry> m_entries;
};

} // namespace presslint::links
