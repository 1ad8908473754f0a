// The HSDS mapping file, read with toml++.
#include "hsds_mapping.hpp"

#include <algorithm>
#include "pathways/feed/structured_file.hpp"
#include "pathways/feed/text.hpp"

namespace pathways::feed::hsds {

namespace {

std::vector<std::string> strings_at(const toml::table& table, std::string_view key) {
  std::vector<std::string> out;
  if (const toml::array* list = table[key].as_array())
    for (const toml::node& item : *list)
      if (auto s = item.value<std::string>()) out.push_back(*s);
  return out;
}

void add_unique(std::vector<std::string>& into, const std::vector<std::string>& items) {
  for (const std::string& item : items)
    if (std::find(into.begin(), into.end(), item) == into.end()) into.push_back(item);
}

}  // namespace

hsds_mapping hsds_mapping::load(const std::string& path) {
  const toml::table doc = read_toml_file(path, "HSDS mapping");
  hsds_mapping mapping;
  mapping.default_domain_ = doc["default_domain"].value_or(mapping.default_domain_);
  if (const toml::array* rules = doc["term"].as_array())
    for (const toml::node& node : *rules)
      if (const toml::table* t = node.as_table()) {
        term_rule rule{{},
                       (*t)["domain"].value_or(std::string()),
                       strings_at(*t, "strengths"),
                       strings_at(*t, "adjustments")};
        for (const std::string& m : strings_at(*t, "match"))
          rule.match.push_back(normalise_words(m));
        mapping.term_rules_.push_back(std::move(rule));
      }
  if (const toml::array* rules = doc["accessibility"].as_array())
    for (const toml::node& node : *rules)
      if (const toml::table* t = node.as_table()) {
        accessibility_rule rule{{}, (*t)["adjustment"].value_or(std::string())};
        for (const std::string& c : strings_at(*t, "contains"))
          rule.contains.push_back(normalise_words(c));
        mapping.accessibility_rules_.push_back(std::move(rule));
      }
  return mapping;
}

term_outcome hsds_mapping::map_terms(const std::vector<std::string>& names) const {
  std::vector<std::string> words;
  for (const std::string& n : names)
    if (std::string w = normalise_words(n); !w.empty()) words.push_back(std::move(w));
  term_outcome out;
  for (const term_rule& rule : term_rules_) {
    const bool hit = std::any_of(rule.match.begin(), rule.match.end(), [&](const std::string& m) {
      return std::find(words.begin(), words.end(), m) != words.end();
    });
    if (!hit) continue;
    if (out.domain.empty()) out.domain = rule.domain;
    add_unique(out.strengths, rule.strengths);
    add_unique(out.adjustments, rule.adjustments);
  }
  return out;
}

std::vector<std::string> hsds_mapping::map_accessibility(const std::string& text) const {
  const std::string words = " " + normalise_words(text) + " ";
  std::vector<std::string> out;
  for (const accessibility_rule& rule : accessibility_rules_)
    for (const std::string& c : rule.contains)
      if (words.find(" " + c + " ") != std::string::npos) {
        add_unique(out, {rule.adjustment});
        break;
      }
  return out;
}

}  // namespace pathways::feed::hsds
