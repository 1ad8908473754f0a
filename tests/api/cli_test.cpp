// The pathways executable, run for real: keys create|list|revoke, and serve --demo answering
// over HTTP until SIGTERM.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#include <nlohmann/json.hpp>

#include <array>
#include <atomic>
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>
#include <thread>
#include <vector>

#include "pathways/api_keys.hpp"
#include "pathways_command.hpp"
#include "temp_dir.hpp"

namespace pathways::testing {
namespace {

// Runs the executable with PATHWAYS_DB pointing into `dir`; captures stdout (stderr separately).
outcome run(const temp_dir& dir, const std::string& args) {
  return run_pathways(dir.file("p.db"), args, dir.file("err.txt"));
}

std::string stderr_of(const temp_dir& dir) {
  std::ifstream in(dir.file("err.txt"));
  return {std::istreambuf_iterator<char>(in), {}};
}

TEST(pathways_cli, keys_create_prints_the_key_alone_and_stores_only_its_hash) {
  temp_dir dir;
  const outcome created = run(dir, "keys create --role admin --label ops");
  ASSERT_EQ(created.exit_code, 0) << stderr_of(dir);
  EXPECT_TRUE(created.out.size() == 68 && created.out.starts_with("pw_") &&
              created.out.back() == '\n' &&
              created.out.find_first_not_of("0123456789abcdef", 3) == 67)
      << created.out;
  const std::string secret = created.out.substr(0, created.out.size() - 1);

  std::ifstream db_file(dir.file("p.db"), std::ios::binary);
  const std::string bytes{std::istreambuf_iterator<char>(db_file), {}};
  EXPECT_EQ(bytes.find(secret), std::string::npos);

  database db({dir.file("p.db"), 1, std::nullopt});
  api_key_service keys(db);
  const auto record = keys.authenticate(secret);
  ASSERT_TRUE(record);
  EXPECT_EQ(record->owner.role, role::admin);

  const outcome listed = run(dir, "keys list");
  EXPECT_EQ(listed.exit_code, 0);
  EXPECT_NE(listed.out.find(record->owner.key_id), std::string::npos);
  EXPECT_EQ(listed.out.find(secret), std::string::npos);

  EXPECT_EQ(run(dir, "keys revoke " + record->owner.key_id).exit_code, 0);
  EXPECT_FALSE(keys.authenticate(secret));
  EXPECT_NE(run(dir, "keys revoke " + record->owner.key_id).exit_code, 0);
  EXPECT_NE(run(dir, "keys list").out.find("revoked"), std::string::npos);
}

TEST(pathways_cli, a_key_revoked_from_the_command_line_is_refused_at_once_by_concurrent_checks) {
  temp_dir dir;
  const outcome created = run(dir, "keys create --role admin --label ops");
  ASSERT_EQ(created.exit_code, 0) << stderr_of(dir);
  const std::string secret = created.out.substr(0, created.out.size() - 1);
  database db({dir.file("p.db"), 4, std::nullopt});
  api_key_service keys(db);
  const auto record = keys.authenticate(secret);
  ASSERT_TRUE(record);
  // Checks run on four threads at once (sharing the look at the keys' counter) while another
  // process revokes the key: every check begun after the revocation returned refuses it.
  std::atomic<bool> revoked{false};
  std::atomic<int> checked_after{0}, accepted_after{0};
  std::vector<std::thread> checkers;
  for (int t = 0; t < 4; ++t)
    checkers.emplace_back([&] {
      while (checked_after < 400) {
        const bool after = revoked.load();
        const bool accepted = keys.authenticate(secret).has_value();
        if (!after) continue;  // the revocation may or may not have committed yet
        ++checked_after;
        if (accepted) ++accepted_after;
      }
    });
  EXPECT_EQ(run(dir, "keys revoke " + record->owner.key_id).exit_code, 0);
  revoked = true;
  for (auto& t : checkers) t.join();
  EXPECT_EQ(accepted_after, 0);
}

TEST(pathways_cli, keys_create_explains_a_missing_team_or_unknown_role) {
  temp_dir dir;
  const outcome no_team = run(dir, "keys create --role coordinator");
  EXPECT_NE(no_team.exit_code, 0);
  EXPECT_TRUE(no_team.out.empty());
  EXPECT_NE(stderr_of(dir).find("--team"), std::string::npos) << stderr_of(dir);
  const outcome unknown_team =
      run(dir, "keys create --role coordinator --team 0123456789abcdef0123456789abcdef");
  EXPECT_NE(unknown_team.exit_code, 0);
  EXPECT_NE(stderr_of(dir).find("no team"), std::string::npos);
  const outcome bad_role = run(dir, "keys create --role overlord");
  EXPECT_NE(bad_role.exit_code, 0);
  EXPECT_NE(stderr_of(dir).find("--role"), std::string::npos);
}

TEST(pathways_cli, migrate_reports_the_schema_version) {
  temp_dir dir;
  const outcome o = run(dir, "migrate");
  EXPECT_EQ(o.exit_code, 0);
  EXPECT_NE(o.out.find("schema version " + std::to_string(database::latest_schema_version())),
            std::string::npos);
}

TEST(pathways_cli, a_bad_configuration_stops_the_program_naming_the_setting) {
  temp_dir dir;
  std::ofstream(dir.file("bad.toml")) << "[server]\nthreads = 0\n";
  const std::string command =
      "'" PATHWAYS_EXE "' --config '" + dir.file("bad.toml").string() + "' migrate 2>&1";
  FILE* pipe = ::popen(command.c_str(), "r");
  std::string text;
  std::array<char, 1024> buffer{};
  while (std::size_t n = std::fread(buffer.data(), 1, buffer.size(), pipe))
    text.append(buffer.data(), n);
  EXPECT_NE(::pclose(pipe), 0);
  EXPECT_NE(text.find("server.threads"), std::string::npos) << text;
}

// The key on a printed line "  demo <who>   pwdemo_…", if this is that line.
std::optional<std::string> demo_key_in(const std::string& text, const std::string& who) {
  const std::string label = "demo " + who + " ";
  const auto at = text.find(label);
  if (at == std::string::npos) return std::nullopt;
  const auto key = text.find("pwdemo_", at);
  if (key == std::string::npos) return std::nullopt;
  return text.substr(key, text.find_first_of(" \n", key) - key);
}

// A child process running `pathways serve`, its stdout readable line by line; its log (stderr)
// goes to `log_file` when one is given.
class serving_process {
 public:
  serving_process(const temp_dir& dir, bool demo, const std::filesystem::path& log_file = {}) {
    int out[2];
    EXPECT_EQ(::pipe(out), 0);
    pid_ = ::fork();
    if (pid_ == 0) {
      ::dup2(out[1], STDOUT_FILENO);
      ::close(out[0]);
      if (!log_file.empty()) {
        const int log = ::open(log_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        if (log < 0) ::_exit(126);
        ::dup2(log, STDERR_FILENO);
      }
      ::setenv("PATHWAYS_DB", dir.file("p.db").c_str(), 1);
      ::setenv("PATHWAYS_PORT", "0", 1);
      const std::string config = shipped_config().string();
      if (demo)
        ::execl(PATHWAYS_EXE, PATHWAYS_EXE, "--config", config.c_str(), "serve", "--demo", nullptr);
      else
        ::execl(PATHWAYS_EXE, PATHWAYS_EXE, "--config", config.c_str(), "serve", nullptr);
      ::_exit(127);
    }
    ::close(out[1]);
    output_ = ::fdopen(out[0], "r");
  }
  ~serving_process() {
    if (pid_ > 0 && !waited_) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
    if (output_) std::fclose(output_);
  }
  // The next line of stdout, or nullopt at its end.
  std::optional<std::string> line() {
    char buffer[1024];
    if (!std::fgets(buffer, sizeof buffer, output_)) return std::nullopt;
    return std::string(buffer);
  }
  // Reads stdout up to the "listening" line; returns the port and collects printed demo keys.
  int port(std::map<std::string, std::string>* demo_keys) {
    const std::string listening = "listening on http://127.0.0.1:";
    while (auto l = line()) {
      for (const char* who : {"admin", "coordinator", "agency"})
        if (auto key = demo_key_in(*l, who)) (*demo_keys)[who] = *key;
      if (const auto at = l->find(listening); at != std::string::npos)
        return std::stoi(l->substr(at + listening.size()));
    }
    return 0;
  }
  // Sends SIGTERM and returns the exit code.
  int terminate() {
    ::kill(pid_, SIGTERM);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    waited_ = true;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }

 private:
  pid_t pid_ = -1;
  FILE* output_ = nullptr;
  bool waited_ = false;
};

TEST(pathways_cli, serve_demo_answers_with_demo_data_and_stops_cleanly_on_sigterm) {
  temp_dir dir;
  serving_process server(dir, true);
  std::map<std::string, std::string> keys;
  const int port = server.port(&keys);
  ASSERT_GT(port, 0);
  const std::string coordinator_key = keys["coordinator"];
  const std::string agency_key = keys["agency"];
  ASSERT_FALSE(coordinator_key.empty());
  httplib::Client client("127.0.0.1", port);
  const httplib::Headers as_coordinator{{"Authorization", "Bearer " + coordinator_key}};
  const auto health = client.Get("/healthz");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);
  const auto near =
      client.Get("/v1/opportunities?lat=52.63&lon=1.30&radius_km=3&per_page=3", as_coordinator);
  ASSERT_TRUE(near);
  EXPECT_EQ(near->status, 200);
  const auto body = nlohmann::json::parse(near->body);
  EXPECT_GT(body["total_items"].get<int>(), 10);
  EXPECT_EQ(body["contents"].size(), 3u);
  const auto people = client.Get("/v1/people?per_page=1", as_coordinator);
  ASSERT_TRUE(people);
  EXPECT_GT(nlohmann::json::parse(people->body)["total_items"].get<int>(), 20);
  const auto as_agency = client.Get("/v1/people", {{"Authorization", "Bearer " + agency_key}});
  ASSERT_TRUE(as_agency);
  EXPECT_EQ(as_agency->status, 403);
  EXPECT_EQ(server.terminate(), 0);
}

TEST(pathways_cli, serve_logs_the_audit_chains_newest_row_as_an_anchor_verify_accepts) {
  temp_dir dir;
  serving_process server(dir, true, dir.file("serve.log"));
  std::map<std::string, std::string> keys;
  const int port = server.port(&keys);
  ASSERT_GT(port, 0);
  httplib::Client client("127.0.0.1", port);
  const auto people =
      client.Get("/v1/people?per_page=1", {{"Authorization", "Bearer " + keys["coordinator"]}});
  ASSERT_TRUE(people);
  ASSERT_EQ(people->status, 200);
  ASSERT_EQ(server.terminate(), 0);
  // The last event=audit_head line: the row the server left newest as it stopped.
  std::string anchor;
  const std::string seq = "event=audit_head seq=", hash = " hash=";
  std::ifstream log(dir.file("serve.log"));
  for (std::string l; std::getline(log, l);)
    if (const auto at = l.find(seq); at != std::string::npos) {
      const auto hash_at = l.find(hash, at);
      anchor = l.substr(at + seq.size(), hash_at - at - seq.size()) + ":" +
               l.substr(hash_at + hash.size(), 64);
    }
  ASSERT_FALSE(anchor.empty());
  const outcome verified = run(dir, "audit verify --anchor " + anchor);
  EXPECT_EQ(verified.exit_code, 0) << verified.out;
  const std::string newest = anchor.substr(0, anchor.find(':'));
  EXPECT_NE(
      verified.out.find("last row " + newest + " hash " + anchor.substr(anchor.find(':') + 1)),
      std::string::npos)
      << verified.out;
}

TEST(pathways_cli, demo_keys_stop_working_when_demo_mode_is_off) {
  temp_dir dir;
  const outcome demo = run(dir, "demo");
  ASSERT_EQ(demo.exit_code, 0) << stderr_of(dir);
  std::optional<std::string> admin_key;
  std::istringstream lines(demo.out);
  for (std::string l; std::getline(lines, l) && !admin_key;) admin_key = demo_key_in(l, "admin");
  ASSERT_TRUE(admin_key);
  serving_process server(dir, false);
  std::map<std::string, std::string> printed;
  const int port = server.port(&printed);
  ASSERT_GT(port, 0);
  EXPECT_TRUE(printed.empty());
  httplib::Client client("127.0.0.1", port);
  const auto r = client.Get("/v1/opportunities", {{"Authorization", "Bearer " + *admin_key}});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 401);
  EXPECT_EQ(server.terminate(), 0);
}

}  // namespace
}  // namespace pathways::testing
