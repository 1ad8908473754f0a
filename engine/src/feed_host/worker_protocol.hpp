// The pipe between the feed worker and the host: one JSON value a line. A record is an array
// (cheap to parse: no keys), every other line an object with its kind in "k".
//   [field, field, ...]                  one opening: the fields of plugin::opening_record in
//                                        the order worker_protocol.cpp lists them, null if unset
//   {"k":"described","name","version"}   the plugin passed the handshake
//   {"k":"warning","ref","message"}      a record the plugin repaired or skipped
//   {"k":"log","level","message"}        the plugin's log line
//   {"k":"failure","message"}            why the whole read failed
//   {"k":"over_limit"}                   the plugin emitted more than max_records
//   {"k":"refused","message"}            the plugin could not be loaded or was refused
//   {"k":"end","ok"}                     the read returned; nothing follows
#pragma once

#include <nlohmann/json.hpp>

#include "pathways/plugin/sdk.hpp"

namespace pathways::feed_host::protocol {

inline constexpr const char* kind = "k";
inline constexpr const char* described = "described";
inline constexpr const char* warning = "warning";
inline constexpr const char* log = "log";
inline constexpr const char* failure = "failure";
inline constexpr const char* over_limit = "over_limit";
inline constexpr const char* refused = "refused";
inline constexpr const char* end = "end";

// A record line; fields left empty are null.
nlohmann::json to_json(const plugin::opening_record& r);
// A record line (an array) read back; throws nlohmann::json::exception for a malformed one.
plugin::opening_record record_from(const nlohmann::json& line);

}  // namespace pathways::feed_host::protocol
