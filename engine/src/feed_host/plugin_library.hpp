// One partner plugin, loaded with Boost.DLL and accepted only after its describe handshake.
// Used inside the feed worker process, never in the server.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "pathways/plugin/sdk.hpp"

namespace pathways::feed_host {

// Why the host refuses a plugin that describes itself so (wrong ABI major, a newer minor than
// the host's, another toolchain), or nothing when it is accepted.
std::optional<std::string> refusal_of(const plugin::description& d);

class plugin_library {
 public:
  // Loads the library and checks the handshake; throws pathways::error (unprocessable) with a
  // message naming the plugin and the reason when it cannot be loaded or is refused.
  explicit plugin_library(const std::filesystem::path& file);
  ~plugin_library();
  plugin_library(const plugin_library&) = delete;
  plugin_library& operator=(const plugin_library&) = delete;

  const plugin::description& description() const { return *description_; }
  // The plugin's read; any exception inside became sink.fail and read_status::failed.
  plugin::read_status read(const plugin::settings& config,
                           plugin::record_sink& sink) const noexcept;

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
  const plugin::description* description_ = nullptr;
};

}  // namespace pathways::feed_host
