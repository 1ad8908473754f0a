// The strengths taxonomy: terms with labels, the domains they serve and related-term links,
// loaded from config/taxonomy.toml and validated at start.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "pathways/vocabulary.hpp"

namespace pathways {

struct taxonomy_term {
  std::string id;
  std::string label;
  std::vector<domain> domains;
  std::vector<std::string> related;  // symmetric: a link listed on either side appears on both
};

class taxonomy {
 public:
  // Reads and validates a taxonomy file; throws pathways::error naming the term at fault.
  static taxonomy load(const std::filesystem::path& file);
  // Validates terms given in code (tests, tools); same rules as load.
  static taxonomy from_terms(std::vector<taxonomy_term> terms);

  const taxonomy_term* find(std::string_view id) const;
  bool contains(std::string_view id) const { return find(id) != nullptr; }
  const std::vector<taxonomy_term>& terms() const { return terms_; }

 private:
  std::vector<taxonomy_term> terms_;
  std::unordered_map<std::string, std::size_t> index_;
};

}  // namespace pathways
