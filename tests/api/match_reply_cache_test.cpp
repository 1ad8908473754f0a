// A match reply is kept from the second time its request is asked, for that revision only.
#include <gtest/gtest.h>

#include "match_reply_cache.hpp"

namespace pathways::api {
namespace {

TEST(match_reply_cache, a_request_asked_once_is_not_kept) {
  match_reply_cache cache;
  EXPECT_FALSE(cache.keep("person-a|10", 1, "{\"matches\":[]}"));
  EXPECT_FALSE(cache.find("person-a|10", 1));
}

TEST(match_reply_cache, a_request_asked_again_is_kept_for_its_revision) {
  match_reply_cache cache;
  cache.keep("person-a|10", 1, "first");
  EXPECT_TRUE(cache.keep("person-a|10", 1, "second"));
  EXPECT_EQ(cache.find("person-a|10", 1), "second");
  EXPECT_FALSE(cache.find("person-a|10", 2));
  EXPECT_FALSE(cache.find("person-b|10", 1));
}

TEST(match_reply_cache, a_reply_ranked_at_an_older_revision_never_replaces_a_newer_one) {
  match_reply_cache cache;
  cache.keep("person-a|10", 2, "new");
  cache.keep("person-a|10", 2, "new");
  EXPECT_FALSE(cache.keep("person-a|10", 1, "old"));
  EXPECT_EQ(cache.find("person-a|10", 2), "new");
  EXPECT_TRUE(cache.keep("person-a|10", 3, "newer"));
  EXPECT_EQ(cache.find("person-a|10", 3), "newer");
}

TEST(match_reply_cache, requests_asked_once_are_not_all_remembered) {
  match_reply_cache cache;
  for (int i = 0; i < 200000; ++i) cache.keep("person-" + std::to_string(i), 1, "reply");
  // Those asked once long ago are forgotten (the memory stays bounded): asked again, they are
  // remembered anew rather than kept.
  EXPECT_FALSE(cache.keep("person-0", 1, "reply"));
  EXPECT_FALSE(cache.find("person-0", 1));
}

}  // namespace
}  // namespace pathways::api
