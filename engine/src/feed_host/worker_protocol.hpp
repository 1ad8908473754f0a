// The pipe between the feed worker and the host: one line a message, '\n' ending each.
//
// A record line is 'R' then each field after a tab (no JSON: it is written and read in one pass,
// without building a tree; 100,000 records a sync make this the hot path):
//   R\t<field>\t<field>...               one opening: the fields of plugin::opening_record in
//                                        the order worker_protocol.cpp lists them
//   text     the bytes, with '\\' '\t' '\n' '\r' written as \\ \t \n \r and invalid UTF-8
//            replaced by U+FFFD (as the JSON lines did); empty when unset
//   number   std::to_chars (shortest text that reads back to the same double); empty when unset
//            or not finite (JSON wrote those as null)
//   integer  decimal; empty when unset.   bool  0 or 1
//   list     its length, then each item's fields (schedule: day opens closes; strengths: term
//            weight; adjustments: text)
// Every other line is a JSON object with its kind in "k":
//   {"k":"described","name","version"}   the plugin passed the handshake
//   {"k":"warning","ref","message"}      a record the plugin repaired or skipped
//   {"k":"log","level","message"}        the plugin's log line
//   {"k":"failure","message"}            why the whole read failed
//   {"k":"over_limit"}                   the plugin emitted more than max_records
//   {"k":"refused","message"}            the plugin could not be loaded or was refused
//   {"k":"end","ok"}                     the read returned; nothing follows
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

#include "pathways/plugin/sdk.hpp"

namespace pathways::feed_host::protocol {

inline constexpr char record_mark = 'R';
inline constexpr const char* kind = "k";
inline constexpr const char* described = "described";
inline constexpr const char* warning = "warning";
inline constexpr const char* log = "log";
inline constexpr const char* failure = "failure";
inline constexpr const char* over_limit = "over_limit";
inline constexpr const char* refused = "refused";
inline constexpr const char* end = "end";

// A record line that does not read back.
struct malformed_line : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Appends r's record line, '\n' included, to out.
void append_record(std::string& out, const plugin::opening_record& r);
// A record line (without its '\n') read back; throws malformed_line.
plugin::opening_record read_record(std::string_view line);

}  // namespace pathways::feed_host::protocol
