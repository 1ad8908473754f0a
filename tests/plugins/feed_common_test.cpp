// The shared parsing helpers of plugins/common, each on the forms partners really write.
#include <gtest/gtest.h>

#include "pathways/feed/csv_reader.hpp"
#include "pathways/feed/dates.hpp"
#include "pathways/feed/html_text.hpp"
#include "pathways/feed/pay.hpp"
#include "pathways/feed/record_batch.hpp"
#include "pathways/feed/taxonomy_labels.hpp"
#include "pathways/feed/web_url.hpp"
#include "pathways/feed/weekly_schedule.hpp"

namespace feed = pathways::feed;

namespace {

TEST(feed_dates, common_forms_become_iso_and_impossible_days_do_not) {
  EXPECT_EQ(feed::parse_date("2027-01-31"), "2027-01-31");
  EXPECT_EQ(feed::parse_date("2027-01-31T17:00:00Z"), "2027-01-31");
  EXPECT_EQ(feed::parse_date("31/1/2027"), "2027-01-31");
  EXPECT_EQ(feed::parse_date("01-02-2027"), "2027-02-01");
  EXPECT_EQ(feed::parse_date("1.2.2027"), "2027-02-01");
  EXPECT_EQ(feed::parse_date("3 March 2027"), "2027-03-03");
  EXPECT_EQ(feed::parse_date("1st Feb 2027"), "2027-02-01");
  EXPECT_EQ(feed::parse_date("29/02/2028"), "2028-02-29");  // a leap year
  EXPECT_FALSE(feed::parse_date("29/02/2027"));
  EXPECT_FALSE(feed::parse_date("32/01/2027"));
  EXPECT_FALSE(feed::parse_date("1/13/2027"));  // not month-first
  EXPECT_FALSE(feed::parse_date("2027-13-01"));
  EXPECT_FALSE(feed::parse_date("31/1/27"));
  EXPECT_FALSE(feed::parse_date("soon"));
  EXPECT_FALSE(feed::parse_date(""));
}

TEST(feed_pay, amounts_and_units_in_mixed_forms) {
  auto pay = [](std::string_view text) {
    const auto rate = feed::parse_pay(text);
    return rate ? std::to_string(rate->amount).substr(0, 8) + " " + rate->unit : "none";
  };
  EXPECT_EQ(pay("£11.44/hour"), "11.44000 hour");
  EXPECT_EQ(pay("£24,000 a year"), "24000.00 year");
  EXPECT_EQ(pay("£90 per day"), "90.00000 day");
  EXPECT_EQ(pay("£2000 pcm"), "2000.000 month");
  EXPECT_EQ(pay("£450 pw"), "450.0000 week");
  EXPECT_EQ(pay("£24k p.a."), "24000.00 year");
  EXPECT_EQ(pay("£11-12 per hour"), "11.00000 hour");
  EXPECT_EQ(pay("11.44"), "11.44000 ");
  EXPECT_EQ(pay("competitive"), "none");
  EXPECT_EQ(feed::parse_pay_unit("HOUR"), "hour");
  EXPECT_EQ(feed::parse_pay_unit("Annually"), "year");
  EXPECT_FALSE(feed::parse_pay_unit("whenever"));
  EXPECT_EQ(feed::guess_pay_unit(11.44), "hour");
  EXPECT_EQ(feed::guess_pay_unit(23500), "year");
}

TEST(feed_html, tags_entities_and_blocks_become_plain_text) {
  EXPECT_EQ(feed::html_to_text("<p>Fish &amp; chips</p><p>&pound;5 &#8211; &#x2713;</p>"),
            "Fish & chips\n\n\u00a35 \u2013 \u2713");
  EXPECT_EQ(feed::html_to_text("a<br/>b<script>alert(1)</script> c"), "a\nb c");
  EXPECT_EQ(feed::html_to_text("  plain   text  "), "plain text");
  EXPECT_EQ(feed::html_to_text("2 < 3 and 5 > 4"), "2 < 3 and 5 > 4");
  EXPECT_EQ(feed::html_to_text("cut off <b"), "cut off");
  EXPECT_EQ(feed::html_to_text("&bogus; &#99999999;"), "&bogus; &#99999999;");
}

TEST(feed_urls, a_missing_scheme_is_added_and_non_web_addresses_refused) {
  EXPECT_EQ(feed::normalise_url("www.example.org/jobs"), "https://www.example.org/jobs");
  EXPECT_EQ(feed::normalise_url("http://example.org"), "http://example.org");
  EXPECT_EQ(feed::normalise_url("//cdn.example.org/x"), "https://cdn.example.org/x");
  EXPECT_FALSE(feed::normalise_url("mailto:jobs@example.org"));
  EXPECT_FALSE(feed::normalise_url("ftp://example.org"));
  EXPECT_FALSE(feed::normalise_url("see our website"));
  EXPECT_FALSE(feed::normalise_url("localhost"));
}

TEST(feed_schedules, days_and_times_in_common_forms) {
  const auto windows = feed::parse_schedule("Tuesday 9:30\u201313:00; thu 10:00-12:30");
  ASSERT_TRUE(windows);
  ASSERT_EQ(windows->size(), 2u);
  EXPECT_EQ((*windows)[0].day, "tue");
  EXPECT_EQ((*windows)[0].opens, "09:30");
  EXPECT_EQ((*windows)[0].closes, "13:00");
  EXPECT_EQ((*windows)[1].day, "thu");
  EXPECT_FALSE(feed::parse_schedule("tue 13:00-09:00"));
  EXPECT_FALSE(feed::parse_schedule("someday 09:00-10:00"));
  EXPECT_EQ(feed::parse_weekday("MO"), "mon");
  EXPECT_EQ(feed::parse_time_of_day("10:00:00"), "10:00");
  EXPECT_EQ(feed::parse_time_of_day("0930"), "09:30");
  EXPECT_FALSE(feed::parse_time_of_day("25:00"));
}

TEST(feed_taxonomy_labels, skills_match_ids_labels_and_contained_labels) {
  feed::taxonomy_labels taxonomy;
  taxonomy.add("customer_service", "Customer service");
  taxonomy.add("cafe_work", "Caf\u00e9 work");
  taxonomy.add("art", "Art");
  EXPECT_EQ(taxonomy.match("CUSTOMER-SERVICE"), "customer_service");
  EXPECT_EQ(taxonomy.match("customer_service"), "customer_service");
  EXPECT_EQ(taxonomy.match("Good customer service skills"), "customer_service");
  EXPECT_EQ(taxonomy.match("caf\u00e9 work"), "cafe_work");
  EXPECT_EQ(taxonomy.match("art"), "art");
  EXPECT_FALSE(taxonomy.match("smart working"));  // short labels only match whole
  EXPECT_FALSE(taxonomy.match("juggling"));
}

TEST(feed_csv_reader, quotes_newlines_bom_and_blank_lines) {
  const auto doc = feed::parse_csv("\xEF\xBB\xBFid,text\r\n\r\n1,\"a, \"\"b\"\"\r\nc\"\r\n2,");
  ASSERT_EQ(doc.rows.size(), 3u);
  EXPECT_EQ(doc.rows[0].fields[0], "id");
  EXPECT_EQ(doc.rows[1].line, 3u);
  EXPECT_EQ(doc.rows[1].fields[1], "a, \"b\"\r\nc");
  EXPECT_EQ(doc.rows[2].line, 5u);
  EXPECT_EQ(doc.rows[2].fields, (std::vector<std::string>{"2", ""}));
  EXPECT_FALSE(doc.unterminated_quote_line);
}

TEST(feed_csv_reader, a_cursor_reads_the_rows_parse_csv_does_into_one_reused_row) {
  const std::string text = "id,text\r\n\r\n1,\"a, \"\"b\"\"\r\nc\"\r\n2,\n3\n\"4,\n";
  const auto doc = feed::parse_csv(text);
  feed::csv_cursor rows(text);
  feed::csv_row row;
  std::size_t n = 0;
  for (; rows.next(row); ++n) {
    ASSERT_LT(n, doc.rows.size());
    EXPECT_EQ(row.line, doc.rows[n].line);
    EXPECT_EQ(row.fields, doc.rows[n].fields);
  }
  EXPECT_EQ(n, 5u);
  EXPECT_EQ(row.fields, (std::vector<std::string>{"4,\n"}));  // a quote never closed
  EXPECT_EQ(rows.unterminated_quote_line(), 7u);
  EXPECT_EQ(doc.unterminated_quote_line, 7u);
}

// A sink that takes a limited number of records and notes what it was given, in order.
struct noted_sink final : pathways::plugin::record_sink {
  std::size_t room = 100;
  std::vector<std::string> notes;  // "ref title" of each record, "warning ref" of each warning
  bool accept(const pathways::plugin::opening_record& r) noexcept override {
    if (room == 0) return false;
    --room;
    notes.push_back(r.external_ref + " " + r.title);
    return true;
  }
  void warn(std::string_view ref, std::string_view) noexcept override {
    notes.push_back("warning " + std::string(ref));
  }
  void log(pathways::plugin::log_level, std::string_view) noexcept override {}
  void fail(std::string_view) noexcept override {}
};

pathways::plugin::opening_record record_of(std::string ref, std::string title) {
  pathways::plugin::opening_record r;
  r.external_ref = std::move(ref);
  r.title = std::move(title);
  return r;
}

TEST(feed_record_batch, uncounted_records_wait_for_flush_in_first_seen_order_last_wins) {
  noted_sink sink;
  feed::record_batch batch(sink);
  EXPECT_TRUE(batch.add(record_of("a", "1"), "line 2"));
  EXPECT_TRUE(batch.add(record_of("b", "2"), "line 3"));
  EXPECT_TRUE(batch.add(record_of("a", "3"), "line 4"));
  EXPECT_EQ(sink.notes, std::vector<std::string>{"warning a"});
  EXPECT_EQ(batch.flush(), 2u);
  EXPECT_EQ(sink.notes, (std::vector<std::string>{"warning a", "a 3", "b 2"}));
}

TEST(feed_record_batch, counted_records_go_once_their_last_row_is_read) {
  noted_sink sink;
  feed::record_batch batch(sink);
  batch.expect({{"a", 2}, {"b", 1}, {"c", 2}, {"d", 1}});  // c's second row is never added
  batch.add(record_of("a", "1"), "line 2");
  batch.add(record_of("b", "2"), "line 3");
  EXPECT_TRUE(sink.notes.empty());  // b waits behind a
  batch.add(record_of("a", "3"), "line 4");
  EXPECT_EQ(sink.notes, (std::vector<std::string>{"warning a", "a 3", "b 2"}));
  batch.add(record_of("c", "4"), "line 5");
  batch.add(record_of("d", "5"), "line 6");
  batch.add(record_of("e", "6"), "line 7");  // not counted: nothing can replace it
  EXPECT_EQ(sink.notes.size(), 3u);  // c waits for a row that never comes; d and e behind it
  EXPECT_EQ(batch.flush(), 5u);
  EXPECT_EQ(sink.notes, (std::vector<std::string>{"warning a", "a 3", "b 2", "c 4", "d 5", "e 6"}));
}

TEST(feed_record_batch, a_sink_that_says_stop_ends_the_batch) {
  noted_sink sink;
  sink.room = 1;
  feed::record_batch batch(sink);
  batch.expect({{"a", 1}, {"b", 1}, {"c", 1}});
  EXPECT_TRUE(batch.add(record_of("a", "1"), "line 2"));
  EXPECT_FALSE(batch.add(record_of("b", "2"), "line 3"));
  EXPECT_FALSE(batch.add(record_of("c", "3"), "line 4"));
  EXPECT_EQ(batch.flush(), 1u);
  EXPECT_EQ(sink.notes, std::vector<std::string>{"a 1"});
}

}  // namespace
