// The strengths taxonomy's term ids and labels, read with toml++.
#include "pathways/feed/taxonomy_labels.hpp"

#include <stdexcept>

#include "pathways/feed/structured_file.hpp"
#include "pathways/feed/text.hpp"

namespace pathways::feed {

taxonomy_labels taxonomy_labels::load(const std::string& path) {
  const toml::table doc = read_toml_file(path, "taxonomy");
  taxonomy_labels labels;
  if (const toml::array* terms = doc["term"].as_array())
    for (const toml::node& node : *terms) {
      const toml::table* t = node.as_table();
      if (!t) continue;
      const auto id = (*t)["id"].value<std::string>();
      if (!id) continue;
      labels.add(*id, (*t)["label"].value_or(std::string()));
    }
  if (labels.empty()) throw std::runtime_error("taxonomy '" + path + "' has no terms");
  return labels;
}

void taxonomy_labels::add(std::string id, std::string_view label) {
  std::string id_words = normalise_words(id);
  terms_.push_back({std::move(id), std::move(id_words), normalise_words(label)});
}

namespace {

// Whether needle appears in haystack as whole words.
bool contains_words(const std::string& haystack, const std::string& needle) {
  if (needle.empty()) return false;
  for (std::size_t at = haystack.find(needle); at != std::string::npos;
       at = haystack.find(needle, at + 1)) {
    const bool starts = at == 0 || haystack[at - 1] == ' ';
    const std::size_t end = at + needle.size();
    const bool ends = end == haystack.size() || haystack[end] == ' ';
    if (starts && ends) return true;
  }
  return false;
}

}  // namespace

std::optional<std::string> taxonomy_labels::match(std::string_view skill) const {
  const std::string words = normalise_words(skill);
  if (words.empty()) return std::nullopt;
  for (const term& t : terms_)
    if (words == t.id_words || words == t.label_words) return t.id;
  const term* best = nullptr;
  std::size_t best_size = 0;
  for (const term& t : terms_)
    for (const std::string* name : {&t.label_words, &t.id_words})
      if (name->size() > best_size && name->size() >= 4 && contains_words(words, *name)) {
        best = &t;
        best_size = name->size();
      }
  if (best) return best->id;
  return std::nullopt;
}

}  // namespace pathways::feed
