// Feed records on the host: the digest of an opening stays the text earlier versions stored, so
// a new release does not see every unchanged opening as changed.
#include <gtest/gtest.h>

#include "feed_host/feed_records.hpp"

namespace {

using namespace pathways;

TEST(FeedRecords, DigestIsTheOneEarlierVersionsStored) {
  opportunity full;
  full.external_ref = "KA-1";
  full.area = domain::volunteering;
  full.title = "Kitchen | assistant";
  full.description = "Prepping veg.\nWashing up.";
  full.location = geo_point{52.631, 1.297};
  full.address = "12 Magdalen Street, Norwich";
  full.remote = true;
  full.hours_per_week = 12.5;
  full.wage = pay{11.44, pay_unit::hour};
  full.places_total = 3;
  full.places_available = 2;
  full.min_age = 18;
  full.max_age = 65;
  full.start_date = "2027-02-01";
  full.end_date = "2027-12-31";
  full.closing_date = "2027-01-31";
  full.status = opportunity_status::closed;
  full.strengths = {{"cooking", 1.0}, {"customer_service", 0.5}};
  full.schedule = {{weekday::tue, 540, 780}, {weekday::thu, 600, 750}};
  full.adjustments = {adjustment::quiet_space, adjustment::part_time};
  EXPECT_EQ(feed_host::digest_of(full), "db3836fc9de45bde");

  opportunity minimal;
  minimal.external_ref = "F-1";
  minimal.title = "Title";
  EXPECT_EQ(feed_host::digest_of(minimal), "8d8eb55463c099d3");
}

}  // namespace
