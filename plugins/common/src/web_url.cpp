// Web addresses from partner data made usable.
#include "pathways/feed/web_url.hpp"

#include "pathways/feed/text.hpp"

namespace pathways::feed {

std::optional<std::string> normalise_url(std::string_view text) {
  text = trim(text);
  if (text.empty() || text.find_first_of(" \t\r\n<>\"") != std::string_view::npos)
    return std::nullopt;
  std::string url(text);
  const std::string low = lower(text);
  if (low.rfind("http://", 0) != 0 && low.rfind("https://", 0) != 0) {
    if (low.find("://") != std::string::npos || low.rfind("mailto:", 0) == 0 ||
        low.rfind("tel:", 0) == 0)
      return std::nullopt;
    if (low.rfind("//", 0) == 0) url.erase(0, 2);
    url = "https://" + url;
  }
  const std::size_t host_start = url.find("://") + 3;
  const std::size_t host_end = url.find_first_of("/?#", host_start);
  const std::string host = url.substr(
      host_start, host_end == std::string::npos ? std::string::npos : host_end - host_start);
  if (host.empty() || host.find('.') == std::string::npos || host.front() == '.' ||
      host.back() == '.')
    return std::nullopt;
  return url;
}

}  // namespace pathways::feed
