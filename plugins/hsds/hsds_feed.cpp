// The hsds feed plugin: Open Referral HSDS 3.0/3.1 and ORUK services as openings, from an API
// dump (a paged envelope with `contents`, or ORUK 2 `content`; a bare array; one service) or a
// tabular CSV package folder (services.csv, organizations.csv, locations.csv, …).
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "pathways/feed/record_batch.hpp"
#include "pathways/feed/structured_file.hpp"
#include "pathways/plugin/sdk.hpp"
#include "service_mapping.hpp"
#include "tabular_package.hpp"

namespace pathways::feed::hsds {

namespace {

// The services of an API dump, each with where it came from.
std::vector<std::pair<const json*, std::string>> services_of(const json& doc) {
  std::vector<std::pair<const json*, std::string>> out;
  const json* list = &doc;
  std::string prefix = "[";
  if (doc.is_object()) {
    if (const json* contents = member(doc, "contents")) {
      list = contents;
      prefix = "contents[";
    } else if (const json* content = member(doc, "content")) {  // ORUK 2 pages
      list = content;
      prefix = "content[";
    } else {
      out.emplace_back(&doc, "the service");
      return out;
    }
  }
  if (!list->is_array()) return out;
  for (std::size_t i = 0; i < list->size(); ++i)
    out.emplace_back(&(*list)[i], prefix + std::to_string(i) + "]");
  return out;
}

}  // namespace

// Settings: path (a .json dump or a package folder), mapping (config/hsds_mapping.toml; without
// it every service takes the default domain), domain (overrides the mapping's default_domain).
class hsds_feed {
 public:
  void read(const plugin::settings& config, plugin::record_sink& sink) {
    const std::string path = config.required("path");
    const std::string* mapping_path = config.find("mapping");
    const hsds_mapping mapping = mapping_path ? hsds_mapping::load(*mapping_path) : hsds_mapping{};
    const service_context context{mapping, config.value_or("domain", "")};
    record_batch batch(sink);
    auto add = [&](const json& service, const std::string& where) {
      if (!service.is_object()) {
        sink.warn("", where + ": not a service object; skipped");
        return;
      }
      if (auto record = read_service(service, context, where, sink))
        batch.add(std::move(*record), where);
    };
    if (std::filesystem::is_directory(path)) {
      const tabular_package package = read_tabular_package(path, sink);
      for (const auto& [service, where] : package.services) add(service, where);
    } else {
      const json doc = read_json_file(path);
      const auto services = services_of(doc);
      if (services.empty()) throw std::runtime_error("'" + path + "' holds no HSDS services");
      for (const auto& [service, where] : services) add(*service, where);
    }
    batch.flush();
  }
};

}  // namespace pathways::feed::hsds

PATHWAYS_FEED_PLUGIN(pathways::feed::hsds::hsds_feed, "hsds", "1.0.0")
