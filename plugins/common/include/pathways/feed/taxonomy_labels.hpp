// The strengths taxonomy's term ids and labels, for turning a partner's skill text into terms.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pathways::feed {

class taxonomy_labels {
 public:
  // Reads the [[term]] id and label pairs of a taxonomy TOML file (config/taxonomy.toml);
  // throws std::runtime_error naming the file when it cannot be read or parsed.
  static taxonomy_labels load(const std::string& path);
  taxonomy_labels() = default;
  void add(std::string id, std::string_view label);

  // The term a skill names: its id or label compared as words ("Customer service",
  // "customer_service", "CUSTOMER-SERVICE"), else the term whose id or label appears whole in
  // the text ("Good customer service skills"), preferring the longest. nullopt if none.
  std::optional<std::string> match(std::string_view skill) const;
  bool empty() const noexcept { return terms_.empty(); }

 private:
  struct term {
    std::string id;
    std::string id_words;     // id with underscores as spaces
    std::string label_words;  // normalised label
  };
  std::vector<term> terms_;
};

}  // namespace pathways::feed
