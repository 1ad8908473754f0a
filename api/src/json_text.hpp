// Writing JSON text straight into a reply's string, for bodies built as text around cached
// parts: the same characters nlohmann::json::dump() would write, without building a json value.
#pragma once

#include <string>
#include <string_view>

namespace pathways::api {

// Appends `text` as a JSON string (quoted and escaped) to `out`.
void append_json_string(std::string& out, std::string_view text);

}  // namespace pathways::api
