// SHA-256 digests match the standard's test vectors, on any thread, however often asked.
#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "pathways/ids.hpp"

namespace pathways {
namespace {

TEST(sha256_hex, digests_match_the_standard_test_vectors) {
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST(sha256_hex, threads_digesting_at_once_each_get_the_right_digest) {
  std::vector<std::thread> threads;
  std::vector<int> wrong(4, 0);
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&wrong, t] {
      for (int i = 0; i < 2000; ++i)
        if (sha256_hex(i % 2 == 0 ? "abc" : "") !=
            (i % 2 == 0 ? "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
                        : "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"))
          ++wrong[t];
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(wrong, std::vector<int>(4, 0));
}

}  // namespace
}  // namespace pathways
