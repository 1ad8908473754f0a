// Reading a whole TOML or JSON file, with an error that names the file.
#include "pathways/feed/structured_file.hpp"

#include <stdexcept>

#include "pathways/feed/text.hpp"

namespace pathways::feed {

toml::table read_toml_file(const std::string& path, std::string_view what) {
  try {
    return toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    throw std::runtime_error("cannot read " + std::string(what) + " '" + path +
                             "': " + std::string(e.description()));
  }
}

json read_json_file(const std::string& path) {
  json doc = json::parse(read_file(path), nullptr, false);
  if (doc.is_discarded()) throw std::runtime_error("'" + path + "' is not JSON");
  return doc;
}

}  // namespace pathways::feed
