// A fresh folder under the system temp directory for one test, removed afterwards.
#pragma once

#include <filesystem>
#include <random>
#include <string>

namespace pathways::testing {

class temp_dir {
 public:
  temp_dir() {
    std::random_device rd;
    path_ = std::filesystem::temp_directory_path() /
            ("pathways-test-" + std::to_string(rd()) + "-" + std::to_string(rd()));
    std::filesystem::create_directories(path_);
  }
  ~temp_dir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  temp_dir(const temp_dir&) = delete;
  temp_dir& operator=(const temp_dir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path file(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

// The strengths taxonomy shipped in config/.
inline std::filesystem::path shipped_taxonomy() {
  return PATHWAYS_CONFIG_DIR "/taxonomy.toml";
}
inline std::filesystem::path shipped_config() {
  return PATHWAYS_CONFIG_DIR "/pathways.toml";
}

}  // namespace pathways::testing
