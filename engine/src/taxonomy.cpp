// Loading and validating the strengths taxonomy; related links are made symmetric.
#include "pathways/taxonomy.hpp"

#include <algorithm>

#include "pathways/error.hpp"
#include "toml_fields.hpp"

namespace pathways {
namespace {

bool is_term_id(std::string_view id) {
  return !id.empty() && id.size() <= 64 && std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

[[noreturn]] void bad_term(const std::string& term, const std::string& why) {
  throw error(error_code::invalid_argument, fmt::format("taxonomy term '{}': {}", term, why), term);
}

std::vector<std::string> strings_of(const toml::node* node, const std::string& term,
                                    const char* key) {
  std::vector<std::string> out;
  if (!node) return out;
  const toml::array* arr = node->as_array();
  if (!arr) bad_term(term, fmt::format("'{}' must be a list of strings", key));
  for (const toml::node& item : *arr) {
    if (!item.is_string()) bad_term(term, fmt::format("'{}' must be a list of strings", key));
    out.push_back(item.as_string()->get());
  }
  return out;
}

}  // namespace

taxonomy taxonomy::load(const std::filesystem::path& file) {
  toml::table doc;
  try {
    doc = toml::parse_file(file.string());
  } catch (const toml::parse_error& e) {
    throw error(error_code::invalid_argument,
                fmt::format("taxonomy file '{}' line {}: {}", file.string(), e.source().begin.line,
                            e.description()),
                "taxonomy");
  }
  toml_fields::only_known(doc, "taxonomy.", {"term"});
  const toml::array* list = doc["term"].as_array();
  if (!list)
    throw error(error_code::invalid_argument,
                fmt::format("taxonomy file '{}' has no [[term]] entries", file.string()),
                "taxonomy");
  std::vector<taxonomy_term> terms;
  for (const toml::node& node : *list) {
    const toml::table* t = node.as_table();
    if (!t) throw error(error_code::invalid_argument, "each [[term]] must be a table", "taxonomy");
    taxonomy_term term;
    toml_fields::read(*t, "term.", "id", term.id);
    toml_fields::only_known(*t, fmt::format("term '{}'.", term.id),
                            {"id", "label", "domains", "related"});
    toml_fields::read(*t, fmt::format("term '{}'.", term.id), "label", term.label);
    for (const std::string& d : strings_of(t->get("domains"), term.id, "domains")) {
      const auto parsed = parse_name<domain>(d);
      if (!parsed)
        bad_term(term.id, fmt::format("unknown domain '{}' (use {})", d, allowed_names<domain>()));
      term.domains.push_back(*parsed);
    }
    term.related = strings_of(t->get("related"), term.id, "related");
    terms.push_back(std::move(term));
  }
  return from_terms(std::move(terms));
}

taxonomy taxonomy::from_terms(std::vector<taxonomy_term> terms) {
  taxonomy out;
  for (std::size_t i = 0; i < terms.size(); ++i) {
    const taxonomy_term& t = terms[i];
    if (!is_term_id(t.id)) bad_term(t.id, "an id is 1-64 characters of a-z, 0-9 and _");
    if (t.label.empty()) bad_term(t.id, "needs a label");
    if (t.domains.empty()) bad_term(t.id, "needs at least one domain");
    if (!out.index_.emplace(t.id, i).second) bad_term(t.id, "is defined twice");
  }
  // Make links symmetric, refusing unknown and self links.
  std::vector<std::vector<std::string>> related(terms.size());
  for (std::size_t i = 0; i < terms.size(); ++i) {
    for (const std::string& r : terms[i].related) {
      const auto found = out.index_.find(r);
      if (found == out.index_.end())
        bad_term(terms[i].id, fmt::format("related term '{}' is unknown", r));
      if (found->second == i) bad_term(terms[i].id, "is related to itself");
      related[i].push_back(r);
      related[found->second].push_back(terms[i].id);
    }
  }
  for (std::size_t i = 0; i < terms.size(); ++i) {
    std::sort(related[i].begin(), related[i].end());
    related[i].erase(std::unique(related[i].begin(), related[i].end()), related[i].end());
    terms[i].related = std::move(related[i]);
  }
  out.terms_ = std::move(terms);
  return out;
}

const taxonomy_term* taxonomy::find(std::string_view id) const {
  const auto found = index_.find(std::string(id));
  return found == index_.end() ? nullptr : &terms_[found->second];
}

}  // namespace pathways
