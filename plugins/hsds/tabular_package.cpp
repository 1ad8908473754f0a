// The HSDS tabular package assembled into nested services.
#include "tabular_package.hpp"

#include <filesystem>
#include <stdexcept>
#include <unordered_map>

#include "pathways/feed/csv_reader.hpp"
#include "pathways/feed/text.hpp"

namespace pathways::feed::hsds {

namespace {

// One CSV file of the package: each row as a JSON object of its non-empty cells.
struct table {
  std::string file;
  std::vector<std::pair<json, std::size_t>> rows;  // row, line
  std::string where(std::size_t line) const { return file + " line " + std::to_string(line); }
};

table load_table(const std::string& folder, const std::string& name, plugin::record_sink& sink) {
  table t{name + ".csv", {}};
  const std::filesystem::path path = std::filesystem::path(folder) / t.file;
  if (!std::filesystem::exists(path)) return t;
  const csv_document doc = parse_csv(read_file(path.string()));
  if (doc.unterminated_quote_line)
    sink.warn("", t.where(*doc.unterminated_quote_line) + ": a quoted field never closes");
  if (doc.rows.empty()) return t;
  const std::vector<std::string>& header = doc.rows.front().fields;
  for (std::size_t i = 1; i < doc.rows.size(); ++i) {
    const csv_row& row = doc.rows[i];
    if (row.fields.size() != header.size()) {
      sink.warn("", t.where(row.line) + ": skipped, " + std::to_string(row.fields.size()) +
                        " fields where the header has " + std::to_string(header.size()));
      continue;
    }
    json object = json::object();
    for (std::size_t c = 0; c < header.size(); ++c) {
      const std::string_view value = trim(row.fields[c]);
      if (!value.empty()) object[std::string(trim(header[c]))] = std::string(value);
    }
    t.rows.emplace_back(std::move(object), row.line);
  }
  return t;
}

// Rows by their id; a repeated id keeps the last row, with a warning.
std::unordered_map<std::string, json*> index_by_id(table& t, plugin::record_sink& sink) {
  std::unordered_map<std::string, json*> index;
  for (auto& [row, line] : t.rows) {
    const std::string id = text_at(row, "id");
    if (id.empty()) {
      sink.warn("", t.where(line) + ": no id; ignored");
      continue;
    }
    auto [it, inserted] = index.try_emplace(id, &row);
    if (!inserted) {
      sink.warn(id, t.where(line) + ": id '" + id + "' repeated; the last row wins");
      it->second = &row;
    }
  }
  return index;
}

template <typename Index>
const json* lookup(const Index& index, const std::string& id) {
  const auto it = index.find(id);
  return it == index.end() ? nullptr : it->second;
}

// Warns that a row's key column names nothing in target.
void dangling(plugin::record_sink& sink, const table& t, std::size_t line, const std::string& key,
              const std::string& value, const std::string& target) {
  sink.warn("",
            t.where(line) + ": " + key + " '" + value + "' matches no " + target + "; row ignored");
}

}  // namespace

tabular_package read_tabular_package(const std::string& folder, plugin::record_sink& sink) {
  if (!std::filesystem::exists(std::filesystem::path(folder) / "services.csv"))
    throw std::runtime_error("'" + folder + "' has no services.csv");
  table services = load_table(folder, "services", sink);
  table organizations = load_table(folder, "organizations", sink);
  table locations = load_table(folder, "locations", sink);
  table addresses = load_table(folder, "addresses", sink);
  table accessibility = load_table(folder, "accessibility", sink);
  table sites = load_table(folder, "service_at_location", sink);
  table schedules = load_table(folder, "schedules", sink);
  table terms = load_table(folder, "taxonomy_terms", sink);
  table attributes = load_table(folder, "attributes", sink);
  table capacities = load_table(folder, "service_capacity", sink);

  const auto organization_ids = index_by_id(organizations, sink);
  const auto term_ids = index_by_id(terms, sink);
  auto location_ids = index_by_id(locations, sink);
  for (auto [child, key] :
       {std::pair{&addresses, "addresses"}, std::pair{&accessibility, "accessibility"}})
    for (auto& [row, line] : child->rows) {
      const std::string location_id = text_at(row, "location_id");
      if (auto it = location_ids.find(location_id); it != location_ids.end())
        (*it->second)[key].push_back(row);
      else
        dangling(sink, *child, line, "location_id", location_id, "location");
    }
  // Services by id: the last row of a repeated id is the one the batch keeps.
  std::unordered_map<std::string, json*> service_ids;
  for (auto& [row, line] : services.rows) service_ids[text_at(row, "id")] = &row;

  std::unordered_map<std::string, json*> site_ids;
  for (auto& [row, line] : sites.rows) {
    const std::string service_id = text_at(row, "service_id");
    const std::string location_id = text_at(row, "location_id");
    json* service = service_ids.count(service_id) ? service_ids[service_id] : nullptr;
    const json* location = lookup(location_ids, location_id);
    if (!service) {
      dangling(sink, sites, line, "service_id", service_id, "service");
      continue;
    }
    if (!location) {
      dangling(sink, sites, line, "location_id", location_id, "location");
      continue;
    }
    json site = row;
    site["location"] = *location;
    (*service)["service_at_locations"].push_back(std::move(site));
  }
  // Pointers into the site lists, taken once every list is complete.
  for (auto& [id, service] : service_ids)
    if (service->contains("service_at_locations"))
      for (json& site : (*service)["service_at_locations"]) site_ids[text_at(site, "id")] = &site;

  for (auto& [row, line] : schedules.rows) {
    const std::string site_id = text_at(row, "service_at_location_id");
    const std::string service_id = text_at(row, "service_id");
    if (auto it = site_ids.find(site_id); !site_id.empty() && it != site_ids.end())
      (*it->second)["schedules"].push_back(row);
    else if (auto s = service_ids.find(service_id); !service_id.empty() && s != service_ids.end())
      (*s->second)["schedules"].push_back(row);
    else if (!lookup(location_ids, text_at(row, "location_id")))
      dangling(sink, schedules, line, "service_id", service_id, "service or service_at_location");
  }
  for (auto& [row, line] : attributes.rows) {
    const std::string link_id = text_at(row, "link_id");
    const std::string term_id = text_at(row, "taxonomy_term_id");
    json attribute = row;
    if (const json* term = lookup(term_ids, term_id))
      attribute["taxonomy_term"] = *term;
    else if (!term_id.empty()) {
      dangling(sink, attributes, line, "taxonomy_term_id", term_id, "taxonomy term");
      continue;
    }
    if (auto s = service_ids.find(link_id); s != service_ids.end())
      (*s->second)["attributes"].push_back(std::move(attribute));
    else if (!lookup(organization_ids, link_id) && !lookup(location_ids, link_id) &&
             !site_ids.count(link_id))
      dangling(sink, attributes, line, "link_id", link_id, "service, organization or location");
  }
  for (auto& [row, line] : capacities.rows) {
    const std::string service_id = text_at(row, "service_id");
    if (auto s = service_ids.find(service_id); s != service_ids.end())
      (*s->second)["capacities"].push_back(row);
    else
      dangling(sink, capacities, line, "service_id", service_id, "service");
  }

  tabular_package package;
  for (auto& [row, line] : services.rows) {
    const std::string organization_id = text_at(row, "organization_id");
    if (const json* organization = lookup(organization_ids, organization_id))
      row["organization"] = *organization;
    else if (!organization_id.empty())
      sink.warn(text_at(row, "id"), services.where(line) + ": organization_id '" + organization_id +
                                        "' matches no organization");
    package.services.emplace_back(std::move(row), services.where(line));
  }
  return package;
}

}  // namespace pathways::feed::hsds
