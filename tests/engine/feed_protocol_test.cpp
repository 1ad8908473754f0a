// The feed worker's record lines: every field reads back as written, text is escaped and
// invalid UTF-8 replaced, and a damaged line is refused.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>

#include "feed_host/worker_protocol.hpp"

namespace {

using namespace pathways;
namespace proto = feed_host::protocol;
using namespace std::string_literals;

std::string line_of(const plugin::opening_record& r) {
  std::string out;
  proto::append_record(out, r);
  EXPECT_EQ(out.back(), '\n');
  EXPECT_EQ(out.find('\n'), out.size() - 1);  // one line, whatever the text holds
  out.pop_back();
  return out;
}

TEST(FeedProtocol, EveryFieldReadsBack) {
  plugin::opening_record r;
  r.external_ref = "F-1";
  r.organisation = "Wensum\tCafe\\";
  r.domain = "work";
  r.title = "Line one\nline two\r\n";
  r.description = "A \"quoted\" caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80 \\t"s + '\0' + "end";
  r.lat = 52.631;
  r.lon = -1.297e-5;
  r.address = "";
  r.remote = true;
  r.schedule = {{"monday", "09:00", "12:30"}, {"", "", ""}};
  r.hours_per_week = 0.1 + 0.2;
  r.pay_amount = 11.44;
  r.pay_unit = "hour";
  r.places_total = 2;
  r.places_available = -3;
  r.strengths = {{"cooking", 0.5}, {"tab\there", 1}};
  r.min_age = 16;
  r.adjustments = {"step_free_access", "quiet_space"};
  r.start_date = "2099-01-01";
  r.closing_date = "2099-01-31";
  r.status = "closed";
  r.url = "https://example.org/a?b=c";
  const plugin::opening_record back = proto::read_record(line_of(r));
  EXPECT_EQ(back.external_ref, r.external_ref);
  EXPECT_EQ(back.organisation, r.organisation);
  EXPECT_EQ(back.domain, r.domain);
  EXPECT_EQ(back.title, r.title);
  EXPECT_EQ(back.description, r.description);
  EXPECT_EQ(back.lat, r.lat);
  EXPECT_EQ(back.lon, r.lon);
  EXPECT_EQ(back.address, r.address);
  EXPECT_EQ(back.remote, r.remote);
  ASSERT_EQ(back.schedule.size(), 2u);
  EXPECT_EQ(back.schedule[0].day, "monday");
  EXPECT_EQ(back.schedule[0].opens, "09:00");
  EXPECT_EQ(back.schedule[0].closes, "12:30");
  EXPECT_EQ(back.schedule[1].day, "");
  EXPECT_EQ(back.hours_per_week, r.hours_per_week);  // bit for bit
  EXPECT_EQ(back.pay_amount, r.pay_amount);
  EXPECT_EQ(back.pay_unit, r.pay_unit);
  EXPECT_EQ(back.places_total, r.places_total);
  EXPECT_EQ(back.places_available, r.places_available);
  ASSERT_EQ(back.strengths.size(), 2u);
  EXPECT_EQ(back.strengths[1].term, "tab\there");
  EXPECT_EQ(back.strengths[0].weight, 0.5);
  EXPECT_EQ(back.min_age, r.min_age);
  EXPECT_FALSE(back.max_age);
  EXPECT_EQ(back.adjustments, r.adjustments);
  EXPECT_EQ(back.start_date, r.start_date);
  EXPECT_EQ(back.end_date, "");
  EXPECT_EQ(back.closing_date, r.closing_date);
  EXPECT_EQ(back.status, r.status);
  EXPECT_EQ(back.url, r.url);
}

TEST(FeedProtocol, UnsetFieldsStayUnsetAndNotFiniteNumbersAreUnset) {
  plugin::opening_record r;
  r.status = "";
  r.lat = std::numeric_limits<double>::quiet_NaN();
  r.lon = std::numeric_limits<double>::infinity();
  const plugin::opening_record back = proto::read_record(line_of(r));
  EXPECT_EQ(back.status, "open");  // an empty status is unset: the record's default
  EXPECT_FALSE(back.lat);
  EXPECT_FALSE(back.lon);
  EXPECT_FALSE(back.places_total);
  EXPECT_TRUE(back.schedule.empty());
}

TEST(FeedProtocol, InvalidUtf8IsReplaced) {
  plugin::opening_record r;
  r.title =
      "a\xFF"
      "b\xC3"
      "c\xE2\x82"
      "\xED\xA0\x80"
      "\xC0\xAF"
      "\xC3";
  const std::string fffd = "\xEF\xBF\xBD";
  EXPECT_EQ(proto::read_record(line_of(r)).title,
            "a" + fffd + "b" + fffd + "c" + fffd + fffd + fffd + fffd + fffd + fffd + fffd);
}

TEST(FeedProtocol, DamagedLinesAreRefused) {
  plugin::opening_record r;
  r.external_ref = "F-1";
  r.strengths = {{"cooking", 0.5}};
  const std::string good = line_of(r);
  EXPECT_NO_THROW(proto::read_record(good));
  for (const std::string& bad :
       {good.substr(0, good.size() - 1), good + "\t", "X" + good.substr(1), ""s, "R"s,
        good.substr(0, good.find("cooking")) + "9\tcooking\t0.5",
        "R\tF-1\\q" + good.substr(good.find('\t', 2))}) {
    EXPECT_THROW(proto::read_record(bad), proto::malformed_line) << bad;
  }
  plugin::opening_record nan_weight;
  nan_weight.strengths = {{"cooking", std::nan("")}};
  EXPECT_THROW(proto::read_record(line_of(nan_weight)), proto::malformed_line);
}

}  // namespace
