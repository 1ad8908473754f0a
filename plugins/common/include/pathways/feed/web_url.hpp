// Web addresses from partner data made usable: "www.example.org" → "https://www.example.org".
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace pathways::feed {

// An http(s) URL, "https://" added when the scheme is missing; nullopt for text that is not a
// web address (spaces inside, another scheme such as mailto:, no dot in the host).
std::optional<std::string> normalise_url(std::string_view text);

}  // namespace pathways::feed
