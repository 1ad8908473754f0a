// The partner-feed plugin API: everything a plugin author needs, std-only, no engine headers.
// A plugin reads its partner's data and emits opening records into a sink the host provides.
//
// The boundary, as in Falco's plugin SDK: the host first calls the extern "C" function
// pathways_plugin_describe() and checks ABI major/minor and the toolchain id before any C++
// type crosses; only then does it call pathways_plugin_read(). Both are noexcept; no
// shared_ptr, std::function or exception crosses. Write one ordinary class with
//     void read(const pathways::plugin::settings&, pathways::plugin::record_sink&);
// (it may throw) and declare it with PATHWAYS_FEED_PLUGIN(class, "name", "version").
#pragma once

#include <cstdint>
#include <exception>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace pathways::plugin {

// A plugin built for another major is refused; one built for a newer minor than the host's too.
inline constexpr std::uint32_t abi_major = 1;
inline constexpr std::uint32_t abi_minor = 0;

#define PATHWAYS_PLUGIN_STRINGIFY_(x) #x
#define PATHWAYS_PLUGIN_STRINGIFY(x) PATHWAYS_PLUGIN_STRINGIFY_(x)
// Compiler and standard library: Boost.DLL gives no ABI stability, so host and plugin must agree.
#define PATHWAYS_PLUGIN_TOOLCHAIN \
  "g++ " __VERSION__ "; libstdc++ " PATHWAYS_PLUGIN_STRINGIFY(_GLIBCXX_RELEASE) "; cxx11-abi " \
      PATHWAYS_PLUGIN_STRINGIFY(_GLIBCXX_USE_CXX11_ABI) "; C++ " PATHWAYS_PLUGIN_STRINGIFY(__cplusplus)

// What pathways_plugin_describe() returns: plain C data with static storage in the plugin.
struct description {
  std::uint32_t abi_major;
  std::uint32_t abi_minor;
  const char* name;       // the plugin's name, e.g. "csv"
  const char* version;    // the plugin's own version, e.g. "1.2.0"
  const char* toolchain;  // PATHWAYS_PLUGIN_TOOLCHAIN as the plugin was built
};

// One time window in a week. day: mon tue wed thu fri sat sun; times "HH:MM" (24 h).
struct time_window {
  std::string day;
  std::string opens;
  std::string closes;
};

// A strength an opening values: a taxonomy term (the host drops unknown terms with a warning).
struct valued_strength {
  std::string term;
  double weight = 1.0;  // 0..1
};

// One opening as a feed describes it. Vocabulary fields are names the host validates:
// domain (work education housing leisure faith volunteering peer_support relationships health
// money), pay_unit (hour day week month year), status (open closed withdrawn), adjustments
// (step_free_access flexible_hours part_time quiet_space remote_option interpreter
// written_instructions supported_start …). Dates are ISO YYYY-MM-DD. Empty means "not given".
struct opening_record {
  std::string external_ref;  // the partner's own id: unique within the feed
  std::string organisation;  // who offers it, as the feed names it
  std::string domain;
  std::string title;
  std::string description;  // plain text
  std::optional<double> lat;
  std::optional<double> lon;
  std::string address;
  bool remote = false;
  std::vector<time_window> schedule;
  std::optional<double> hours_per_week;
  std::optional<double> pay_amount;
  std::string pay_unit;
  std::optional<int> places_total;
  std::optional<int> places_available;
  std::vector<valued_strength> strengths;
  std::optional<int> min_age;
  std::optional<int> max_age;
  std::vector<std::string> adjustments;
  std::string start_date;
  std::string end_date;
  std::string closing_date;
  std::string status = "open";
  std::string url;
};

enum class log_level : int { debug = 0, info = 1, warn = 2, error = 3 };

// Implemented by the host. Every call is noexcept; the host owns what it copies.
class record_sink {
 public:
  // Takes one record; false means "stop now" (the host's record limit is reached).
  virtual bool accept(const opening_record& record) noexcept = 0;
  // A record the plugin repaired or skipped: its external_ref (may be empty) and why.
  virtual void warn(std::string_view external_ref, std::string_view message) noexcept = 0;
  // The host's logger. Never pass a person's data; partner data is fine at debug.
  virtual void log(log_level level, std::string_view message) noexcept = 0;
  // Why the whole read failed; the declared entry point calls it for an escaped exception.
  virtual void fail(std::string_view message) noexcept = 0;

 protected:
  ~record_sink() = default;
};

// The feed's settings from the host's configuration, e.g. path = "/srv/feeds/jobs.csv".
struct setting {
  std::string key;
  std::string value;
};

class settings {
 public:
  settings() = default;
  explicit settings(std::vector<setting> entries) : entries_(std::move(entries)) {}

  const std::vector<setting>& entries() const noexcept { return entries_; }
  // The value for key, or nullptr.
  const std::string* find(std::string_view key) const noexcept {
    for (const setting& s : entries_)
      if (s.key == key) return &s.value;
    return nullptr;
  }
  std::string value_or(std::string_view key, std::string fallback) const {
    const std::string* v = find(key);
    return v ? *v : std::move(fallback);
  }
  // The value for key; throws std::invalid_argument naming the missing key.
  const std::string& required(std::string_view key) const;

 private:
  std::vector<setting> entries_;
};

// The status pathways_plugin_read() returns; a failure's message went to record_sink::fail.
enum class read_status : int { ok = 0, failed = 1 };

namespace detail {
// Runs the plugin's read, turning every exception into sink.fail + read_status::failed.
template <typename Plugin>
read_status guarded_read(const settings& config, record_sink& sink) noexcept {
  try {
    Plugin plugin;
    plugin.read(config, sink);
    return read_status::ok;
  } catch (const std::exception& e) {
    sink.fail(e.what());
  } catch (...) {
    sink.fail("the plugin threw something that is not a std::exception");
  }
  return read_status::failed;
}
}  // namespace detail

}  // namespace pathways::plugin

inline const std::string& pathways::plugin::settings::required(std::string_view key) const {
  if (const std::string* v = find(key)) return *v;
  throw std::invalid_argument("missing setting '" + std::string(key) + "'");
}

#define PATHWAYS_PLUGIN_EXPORT extern "C" __attribute__((visibility("default")))

// Declares a plugin from an ordinary class: the two extern "C" entry points the host calls.
#define PATHWAYS_FEED_PLUGIN(plugin_class, plugin_name, plugin_version)                        \
  PATHWAYS_PLUGIN_EXPORT const ::pathways::plugin::description*                                \
  pathways_plugin_describe() noexcept {                                                        \
    static const ::pathways::plugin::description d{::pathways::plugin::abi_major,              \
                                                   ::pathways::plugin::abi_minor, plugin_name, \
                                                   plugin_version, PATHWAYS_PLUGIN_TOOLCHAIN}; \
    return &d;                                                                                 \
  }                                                                                            \
  PATHWAYS_PLUGIN_EXPORT int pathways_plugin_read(                                             \
      const ::pathways::plugin::settings* config,                                              \
      ::pathways::plugin::record_sink* sink) noexcept {                                        \
    return static_cast<int>(                                                                   \
        ::pathways::plugin::detail::guarded_read<plugin_class>(*config, *sink));               \
  }
