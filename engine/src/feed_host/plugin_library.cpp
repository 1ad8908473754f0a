// Boost.DLL enters the project here and nowhere else: load, describe, check, then read.
#define BOOST_DLL_USE_STD_FS
#include "plugin_library.hpp"

#include <fmt/format.h>
#include <boost/dll/shared_library.hpp>

#include "pathways/error.hpp"

namespace pathways::feed_host {
namespace {

using describe_fn = const plugin::description*() noexcept;
using read_fn = int(const plugin::settings*, plugin::record_sink*) noexcept;

[[noreturn]] void refuse(const std::filesystem::path& file, const std::string& why) {
  throw error(error_code::unprocessable, fmt::format("plugin '{}' refused: {}", file.string(), why),
              "plugin");
}

}  // namespace

std::optional<std::string> refusal_of(const plugin::description& d) {
  if (d.abi_major != plugin::abi_major)
    return fmt::format(
        "it was built for plugin ABI {}.x; this host speaks {}.{} (major versions disagree)",
        d.abi_major, plugin::abi_major, plugin::abi_minor);
  if (d.abi_minor > plugin::abi_minor)
    return fmt::format("it needs plugin ABI {}.{}, newer than this host's {}.{}", d.abi_major,
                       d.abi_minor, plugin::abi_major, plugin::abi_minor);
  const std::string toolchain = d.toolchain ? d.toolchain : "";
  if (toolchain != PATHWAYS_PLUGIN_TOOLCHAIN)
    return fmt::format(
        "it was built with another toolchain ('{}'; this host: '{}'); rebuild it with the host's",
        toolchain, PATHWAYS_PLUGIN_TOOLCHAIN);
  return std::nullopt;
}

struct plugin_library::impl {
  boost::dll::shared_library library;
  read_fn* read = nullptr;
};

plugin_library::plugin_library(const std::filesystem::path& file)
    : impl_(std::make_unique<impl>()) {
  std::error_code ec;
  impl_->library.load(file, ec,
                      boost::dll::load_mode::rtld_now | boost::dll::load_mode::rtld_local);
  if (ec) refuse(file, fmt::format("cannot load the library ({})", ec.message()));
  if (!impl_->library.has("pathways_plugin_describe") ||
      !impl_->library.has("pathways_plugin_read"))
    refuse(file,
           "it exports no pathways_plugin_describe/pathways_plugin_read (declare it with "
           "PATHWAYS_FEED_PLUGIN)");
  description_ = impl_->library.get<describe_fn>("pathways_plugin_describe")();
  if (!description_) refuse(file, "its describe function returned nothing");
  if (auto why = refusal_of(*description_)) refuse(file, *why);
  impl_->read = &impl_->library.get<read_fn>("pathways_plugin_read");
}

plugin_library::~plugin_library() = default;

plugin::read_status plugin_library::read(const plugin::settings& config,
                                         plugin::record_sink& sink) const noexcept {
  return static_cast<plugin::read_status>(impl_->read(&config, &sink));
}

}  // namespace pathways::feed_host
