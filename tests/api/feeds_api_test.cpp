// Partner feeds end to end: a real server, real fixture plugins loaded through Boost.DLL in a
// real worker process. A partner's failure fails only that sync: the server keeps answering and
// the feed's previous openings stay exactly as they were.
#include <fstream>

#include "api_fixture.hpp"

namespace pathways::testing {
namespace {

feed_settings feed(const std::string& name, const std::string& plugin,
                   std::vector<std::pair<std::string, std::string>> kv) {
  feed_settings f;
  f.name = name;
  f.plugin = plugin;
  f.agency_id = "{agency_x}";
  f.interval_minutes = 0;
  f.limits = {5, 128, 1000};
  f.plugin_settings = std::move(kv);
  return f;
}

class feeds_api : public api_test {
 protected:
  feeds_api() {
    feed_list = {feed("partner", FIXTURE_FEED, {{"control", dir.file("control.txt").string()}}),
                 feed("abi-major", FIXTURE_ABI_MAJOR, {}), feed("abi-minor", FIXTURE_ABI_MINOR, {}),
                 feed("toolchain", FIXTURE_TOOLCHAIN, {})};
    feed_list[0].limits.deadline_seconds = 3;
    control("count=3");
  }

  // What the partner's plugin does on its next sync (see fixture_feed.cpp).
  void control(const std::string& lines) {
    std::ofstream out(dir.file("control.txt"));
    out << lines << "\n";
  }

  json sync(const std::string& name) {
    const reply r = post("/v1/feeds/" + name + "/sync", admin_key, json::object());
    EXPECT_EQ(r.status, 200) << r.body.dump();
    return r.body;
  }

  // Every opening of the feed's agency, whatever its status.
  json openings() {
    return get("/v1/opportunities?status=any&per_page=100&agency_id=" + agency_x, admin_key)
        .body["contents"];
  }

  json opening(const std::string& ref) {
    for (const auto& o : openings())
      if (o["external_ref"] == ref) return o;
    return nullptr;
  }
};

TEST_F(feeds_api, a_sync_publishes_the_partners_openings_as_the_feeds_agency) {
  const json run = sync("partner");
  EXPECT_EQ(run["status"], "succeeded") << run.dump();
  EXPECT_EQ(run["counts"]["received"], 3);
  EXPECT_EQ(run["counts"]["added"], 3);
  const json all = openings();
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0]["source"], "feed:partner");
  EXPECT_EQ(all[0]["agency_id"], agency_x);

  // The matching graph followed: a cook nearby is matched to the feed's openings.
  const json person = create_person(coordinator_a_key, person_body());
  const json matches =
      get("/v1/people/" + person["id"].get<std::string>() + "/matches?limit=10", coordinator_a_key)
          .body;
  ASSERT_TRUE(matches.contains("matches")) << matches.dump();
  EXPECT_EQ(matches["matches"].size(), 3u) << matches.dump();
}

TEST_F(feeds_api, re_running_the_same_feed_changes_nothing) {
  sync("partner");
  const json before = openings();
  const json again = sync("partner");
  EXPECT_EQ(again["counts"]["unchanged"], 3) << again.dump();
  EXPECT_EQ(again["counts"]["added"], 0);
  EXPECT_EQ(again["counts"]["updated"], 0);
  EXPECT_EQ(again["counts"]["closed"], 0);
  EXPECT_EQ(openings(), before);
}

TEST_F(feeds_api, a_record_dropped_from_a_full_snapshot_is_closed_and_stays_readable) {
  sync("partner");
  const std::string id = opening("F-2")["id"];
  control("count=3\ndrop=2\ntitle=Cook");
  const json run = sync("partner");
  EXPECT_EQ(run["counts"]["closed"], 1) << run.dump();
  EXPECT_EQ(run["counts"]["updated"], 2);
  const reply closed = get("/v1/opportunities/" + id, coordinator_a_key);
  EXPECT_EQ(closed.status, 200);
  EXPECT_EQ(closed.body["status"], "closed");
  EXPECT_EQ(opening("F-1")["title"], "Cook 1");

  control("count=3");  // it comes back: the same opening reopens
  EXPECT_EQ(sync("partner")["counts"]["updated"], 3);
  EXPECT_EQ(get("/v1/opportunities/" + id, coordinator_a_key).body["status"], "open");
}

TEST_F(feeds_api, invalid_records_are_skipped_with_their_reason_and_the_rest_applied) {
  control("count=4\ninvalid=2\nunknown_term=true");
  const json run = sync("partner");
  EXPECT_EQ(run["status"], "succeeded");
  EXPECT_EQ(run["counts"]["added"], 3);
  EXPECT_EQ(run["counts"]["rejected"], 1);
  ASSERT_EQ(run["rejections"].size(), 1u);
  EXPECT_EQ(run["rejections"][0]["external_ref"], "F-2");
  EXPECT_NE(run["rejections"][0]["message"].get<std::string>().find("location"), std::string::npos);
  EXPECT_EQ(run["counts"]["warnings"], 3);  // the unknown term, dropped from each kept record
  EXPECT_NE(run["warnings"][0]["message"].get<std::string>().find("underwater_basket_weaving"),
            std::string::npos);
  EXPECT_EQ(opening("F-1")["strengths"].size(), 1u);
}

struct misbehaviour {
  const char* name;
  const char* control;
  const char* reason;  // a phrase the feed's reason must contain
};

class feeds_failing : public feeds_api, public ::testing::WithParamInterface<misbehaviour> {};

TEST_P(feeds_failing, fails_only_that_sync_and_leaves_the_previous_openings_untouched) {
  ASSERT_EQ(sync("partner")["status"], "succeeded");
  const json before = openings();
  control(GetParam().control);
  const json run = sync("partner");
  EXPECT_EQ(run["status"], "failed");
  EXPECT_NE(run["reason"].get<std::string>().find(GetParam().reason), std::string::npos)
      << run.dump();
  EXPECT_EQ(get("/healthz", "").status, 200);
  EXPECT_EQ(openings(), before);

  const json listed = get("/v1/feeds", admin_key).body["contents"][0];
  EXPECT_EQ(listed["state"], "failed");
  EXPECT_EQ(listed["consecutive_failures"], 1);
  EXPECT_EQ(listed["last_run"]["reason"], run["reason"]);
}

INSTANTIATE_TEST_SUITE_P(
    partner_plugins, feeds_failing,
    ::testing::Values(
        misbehaviour{"throws", "count=2\nthen=throw", "the partner's export is corrupt"},
        misbehaviour{"segfaults", "count=2\nthen=segfault", "ended without finishing"},
        misbehaviour{"crashes_midway", "count=300\nfirst=4\nthen=segfault",
                     "ended without finishing"},
        misbehaviour{"hangs", "count=1\nthen=hang", "deadline of 3 s"},
        misbehaviour{"allocates_without_bound", "count=1\nthen=allocate", "more than 128 MB"},
        misbehaviour{"emits_too_many", "count=1001", "more than 1000 records"}),
    [](const auto& test) { return std::string(test.param.name); });

TEST_F(feeds_api, plugins_of_another_abi_or_toolchain_are_refused_and_the_server_keeps_running) {
  const std::pair<const char*, const char*> cases[] = {{"abi-major", "major versions disagree"},
                                                       {"abi-minor", "newer than this host's"},
                                                       {"toolchain", "another toolchain"}};
  for (const auto& [name, reason] : cases) {
    const json run = sync(name);
    EXPECT_EQ(run["status"], "failed") << name;
    EXPECT_NE(run["reason"].get<std::string>().find(reason), std::string::npos) << run.dump();
    EXPECT_EQ(get("/healthz", "").status, 200);
  }
  const json feeds_listed = get("/v1/feeds", admin_key).body["contents"];
  for (const auto& f : feeds_listed)
    if (f["name"] != "partner") {
      EXPECT_EQ(f["state"], "failed") << f.dump();
    }
  EXPECT_TRUE(openings().empty());
}

TEST_F(feeds_api, runs_are_listed_newest_first_in_the_hsds_envelope) {
  sync("partner");
  control("count=1\nthen=throw");
  sync("partner");
  const reply r = get("/v1/feeds/partner/runs?per_page=1", admin_key);
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.body["total_items"], 2);
  EXPECT_EQ(r.body["total_pages"], 2);
  EXPECT_EQ(r.body["contents"][0]["status"], "failed");
  EXPECT_EQ(get("/v1/feeds/partner/runs?page=2&per_page=1", admin_key)
                .body["contents"][0]["counts"]["added"],
            3);
}

TEST_F(feeds_api, only_admins_see_and_sync_feeds) {
  EXPECT_EQ(get("/v1/feeds", agency_x_key).status, 403);
  EXPECT_EQ(post("/v1/feeds/partner/sync", coordinator_a_key, json::object()).status, 403);
  EXPECT_EQ(get("/v1/feeds/nope/runs", admin_key).status, 404);
  EXPECT_EQ(post("/v1/feeds/nope/sync", admin_key, json::object()).status, 404);
  EXPECT_TRUE(openings().empty());
}

}  // namespace
}  // namespace pathways::testing
