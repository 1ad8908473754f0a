// `pathways feeds sync NAME` and `pathways feeds list`, run for real against a config file that
// lists a fixture feed: progress on stderr during a long import, a summary on stdout.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <fstream>

#include "pathways/agencies.hpp"
#include "pathways/database.hpp"
#include "temp_dir.hpp"

namespace pathways::testing {
namespace {

class feeds_cli : public ::testing::Test {
 protected:
  void SetUp() override {
    database db({dir.file("p.db"), 1, std::nullopt});
    agency_service agencies(db);
    const principal admin{"", role::admin, std::nullopt, std::nullopt, {}};
    const std::string agency =
        agencies.create(admin, {"", "Wensum Café", agency_kind::employer, "", "", "", "", "", ""})
            .id;
    std::ofstream(dir.file("pathways.toml"))
        << "[database]\npath = '" << dir.file("p.db").string() << "'\n"
        << "[taxonomy]\npath = '" << shipped_taxonomy().string() << "'\n"
        << "[[feeds]]\nname = 'partner'\nplugin = '" FIXTURE_FEED "'\n"
        << "agency = '" << agency << "'\n[feeds.settings]\ncount = 10000\n";
  }

  // Runs the executable with this test's config; returns the exit code, stdout in `out`.
  int run(const std::string& args) {
    const std::string command = "'" PATHWAYS_EXE "' --config '" +
                                dir.file("pathways.toml").string() + "' " + args + " 2>'" +
                                dir.file("err.txt").string() + "'";
    FILE* pipe = ::popen(command.c_str(), "r");
    out.clear();
    char buffer[4096];
    while (std::size_t n = std::fread(buffer, 1, sizeof buffer, pipe)) out.append(buffer, n);
    const int status = ::pclose(pipe);
    std::ifstream in(dir.file("err.txt"));
    err.assign(std::istreambuf_iterator<char>(in), {});
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }

  temp_dir dir;
  std::string out, err;
};

TEST_F(feeds_cli, sync_shows_progress_on_stderr_and_the_counts_on_stdout) {
  ASSERT_EQ(run("feeds sync partner"), 0) << err;
  EXPECT_NE(err.find("feed partner: 10000 records received"), std::string::npos) << err;
  EXPECT_NE(out.find("feed partner: succeeded (received 10000, added 10000"), std::string::npos)
      << out;
  ASSERT_EQ(run("feeds list"), 0) << err;
  EXPECT_NE(out.find("succeeded"), std::string::npos) << out;
  EXPECT_NE(out.find("added 10000"), std::string::npos) << out;
}

TEST_F(feeds_cli, an_unknown_feed_is_an_error) {
  EXPECT_EQ(run("feeds sync nope"), 2);
  EXPECT_NE(err.find("no such feed"), std::string::npos) << err;
}

}  // namespace
}  // namespace pathways::testing
