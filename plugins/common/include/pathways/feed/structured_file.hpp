// Reading a whole TOML or JSON file, with an error that names the file and what it was for.
#pragma once

#include <toml++/toml.h>
#include <string>
#include <string_view>

#include "pathways/feed/json_fields.hpp"

namespace pathways::feed {

// The parsed TOML file; throws std::runtime_error "cannot read <what> '<path>': <reason>".
toml::table read_toml_file(const std::string& path, std::string_view what);

// The parsed JSON file; throws std::runtime_error "'<path>' is not JSON" (or cannot be read).
json read_json_file(const std::string& path);

}  // namespace pathways::feed
