// The HSDS mapping file (config/hsds_mapping.toml): which taxonomy terms send a service to which
// Pathways domain, strengths and adjustments, and which accessibility words mean which adjustment.
#pragma once

#include <string>
#include <vector>

namespace pathways::feed::hsds {

// What a service's terms and accessibility text add up to.
struct term_outcome {
  std::string domain;  // empty: no rule named one
  std::vector<std::string> strengths;
  std::vector<std::string> adjustments;
};

class hsds_mapping {
 public:
  // Reads the TOML file; throws std::runtime_error naming the file and the problem.
  static hsds_mapping load(const std::string& path);

  const std::string& default_domain() const noexcept { return default_domain_; }
  // The rules matching any of the names (a term's id, code or name; compared as words).
  term_outcome map_terms(const std::vector<std::string>& names) const;
  // Adjustments whose words appear in an accessibility text.
  std::vector<std::string> map_accessibility(const std::string& text) const;

 private:
  struct term_rule {
    std::vector<std::string> match;  // normalised words
    std::string domain;
    std::vector<std::string> strengths;
    std::vector<std::string> adjustments;
  };
  struct accessibility_rule {
    std::vector<std::string> contains;  // normalised words
    std::string adjustment;
  };
  std::string default_domain_ = "health";
  std::vector<term_rule> term_rules_;
  std::vector<accessibility_rule> accessibility_rules_;
};

}  // namespace pathways::feed::hsds
