// What an audit row for a read served from memory costs the server: many threads call
// audit_service::record at once (as the match endpoint's handlers do) on a temp database, and
// the process's CPU time (user + system, every thread) and context switches are divided by the
// rows committed. A plain executable: the CPU per row, not the time per call, is the figure.
// Run: build/release/bench/audit_record_bench [threads=64] [seconds=5] [runs=3]
#include <sys/resource.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "pathways/audit.hpp"
#include "pathways/database.hpp"

namespace {

using namespace pathways;

struct usage {
  double cpu_us = 0;
  long switches = 0;
};

usage now() {
  rusage r{};
  getrusage(RUSAGE_SELF, &r);
  auto us = [](const timeval& t) {
    return static_cast<double>(t.tv_sec) * 1e6 + static_cast<double>(t.tv_usec);
  };
  return {us(r.ru_utime) + us(r.ru_stime), r.ru_nvcsw + r.ru_nivcsw};
}

}  // namespace

int main(int argc, char** argv) {
  const int threads = argc > 1 ? std::atoi(argv[1]) : 64;
  const int seconds = argc > 2 ? std::atoi(argv[2]) : 5;
  const int runs = argc > 3 ? std::atoi(argv[3]) : 3;
  if (threads < 1 || seconds < 1 || runs < 1) {
    std::fprintf(stderr,
                 "usage: audit_record_bench [threads=64] [seconds=5] [runs=3] (each >= 1)\n");
    return 2;
  }
  const auto dir = std::filesystem::temp_directory_path() /
                   ("pathways-audit-bench-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  {
    database db({dir / "bench.db", 8, std::nullopt});
    audit_service audit(db);
    for (int run = 0; run < runs; ++run) {
      std::atomic<bool> stop{false};
      std::atomic<long> rows{0};
      const usage before = now();
      std::vector<std::thread> callers;
      for (int t = 0; t < threads; ++t)
        callers.emplace_back([&, t] {
          const principal coordinator{"key-" + std::to_string(t), role::coordinator,
                                      "0123456789abcdef0123456789abcdef", std::nullopt,
                                      "fedcba9876543210fedcba9876543210"};
          const std::vector<std::string> person{"00112233445566778899aabbccddeeff"};
          long mine = 0;
          while (!stop.load(std::memory_order_relaxed)) {
            audit.record(coordinator, person, "matches.read", "strengths,goals,preferences", true);
            ++mine;
          }
          rows += mine;
        });
      std::this_thread::sleep_for(std::chrono::seconds(seconds));
      stop = true;
      for (auto& c : callers) c.join();
      const usage after = now();
      const double n = static_cast<double>(rows.load());
      std::printf(
          "run %d: %d threads, %.0f rows/s, CPU %.1f us a row, %.2f context switches a row\n",
          run + 1, threads, n / seconds, (after.cpu_us - before.cpu_us) / n,
          static_cast<double>(after.switches - before.switches) / n);
    }
  }
  std::filesystem::remove_all(dir);
}
