// A small test loader for the real built feed plugins: Boost.DLL opens the .so, checks the
// describe handshake and runs pathways_plugin_read into an in-memory sink.
#pragma once

#define BOOST_DLL_USE_STD_FS
#include <boost/dll/shared_library.hpp>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "pathways/plugin/sdk.hpp"

namespace pathways::test {

// Everything a read produced.
struct feed_run : plugin::record_sink {
  std::vector<plugin::opening_record> records;
  std::vector<std::pair<std::string, std::string>> warnings;  // external_ref, message
  std::vector<std::string> failures;
  std::vector<std::string> order;  // "record <ref>" and "warning <ref>" as they came
  int status = -1;

  bool accept(const plugin::opening_record& record) noexcept override {
    records.push_back(record);
    order.push_back("record " + record.external_ref);
    return true;
  }
  void warn(std::string_view ref, std::string_view message) noexcept override {
    warnings.emplace_back(ref, message);
    order.push_back("warning " + std::string(ref));
  }
  void log(plugin::log_level, std::string_view) noexcept override {}
  void fail(std::string_view message) noexcept override { failures.emplace_back(message); }

  // The record with this external_ref, or nullptr.
  const plugin::opening_record* find(std::string_view ref) const {
    for (const auto& r : records)
      if (r.external_ref == ref) return &r;
    return nullptr;
  }
  // How many warnings mention text.
  std::size_t warnings_mentioning(std::string_view text) const {
    std::size_t n = 0;
    for (const auto& w : warnings)
      if (w.second.find(text) != std::string::npos) ++n;
    return n;
  }
  // Empty when the warnings number total and each text is mentioned by exactly its count of
  // warnings; otherwise what differs, for the failure message.
  std::string warnings_differ(
      std::size_t total,
      std::initializer_list<std::pair<std::string_view, std::size_t>> mentions) const {
    std::string out;
    if (warnings.size() != total)
      out +=
          std::to_string(warnings.size()) + " warnings, expected " + std::to_string(total) + "; ";
    for (const auto& [text, count] : mentions)
      if (const std::size_t n = warnings_mentioning(text); n != count)
        out += "'" + std::string(text) + "' " + std::to_string(n) + " times, expected " +
               std::to_string(count) + "; ";
    if (!out.empty())
      for (const auto& w : warnings) out += "\n  [" + w.first + "] " + w.second;
    return out;
  }
};

class feed_plugin {
 public:
  explicit feed_plugin(const std::string& path) : library_(path) {}

  const plugin::description& describe() const {
    return *library_.get<const plugin::description*() noexcept>("pathways_plugin_describe")();
  }

  // Empty when the plugin describes itself with this name, the SDK's ABI and our toolchain;
  // otherwise what differs. (The description lives in the library: read it while loaded.)
  std::string description_differs(std::string_view name) const {
    const plugin::description& d = describe();
    std::string out;
    if (d.abi_major != plugin::abi_major || d.abi_minor != plugin::abi_minor) out += "ABI; ";
    if (name != d.name) out += "name " + std::string(d.name) + "; ";
    if (std::string_view(d.toolchain) != PATHWAYS_PLUGIN_TOOLCHAIN) out += "toolchain; ";
    if (std::string_view(d.version).empty()) out += "no version; ";
    return out;
  }

  feed_run read(std::vector<plugin::setting> entries) const {
    feed_run run;
    const plugin::settings config(std::move(entries));
    auto* read_fn = library_.get<int(const plugin::settings*, plugin::record_sink*) noexcept>(
        "pathways_plugin_read");
    run.status = read_fn(&config, &run);
    return run;
  }

 private:
  boost::dll::shared_library library_;
};

}  // namespace pathways::test
