// Random identifiers and secrets from OpenSSL's CSPRNG: ids are 128-bit, never sequential.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace pathways {

// 32 lowercase hex digits from 16 random bytes.
std::string new_id();
// n ids as new_id() makes them, from one draw of the generator (a feed adds thousands at once).
std::vector<std::string> new_ids(std::size_t n);
// `bytes` random bytes as lowercase hex.
std::string random_hex(std::size_t bytes);
// SHA-256 of `text` as 64 lowercase hex digits.
std::string sha256_hex(std::string_view text);
// True when `text` looks like an id made by new_id().
bool is_id(std::string_view text);

}  // namespace pathways
