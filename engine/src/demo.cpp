// Builds the demo borough from the catalogue with a seeded generator, stores it in one
// transaction, and keeps the seed's demo API keys.
#include "pathways/demo.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <random>
#include <span>

#include "demo_catalogue.hpp"
#include "demo_outcomes.hpp"
#include "pathways/api_keys.hpp"
#include "pathways/error.hpp"
#include "pathways/ids.hpp"
#include "pathways/validation.hpp"
#include "store/agency_rows.hpp"
#include "store/audit_rows.hpp"
#include "store/opportunity_rows.hpp"
#include "store/person_rows.hpp"

namespace pathways {
namespace {

namespace cat = demo_catalogue;
using std::chrono::days;
using std::chrono::hours;
using std::chrono::sys_days;
using std::chrono::sys_seconds;

constexpr std::size_t domain_count = vocabulary<domain>::names.size();
constexpr std::size_t kind_count = vocabulary<agency_kind>::names.size();

// Draws from std::mt19937_64, whose output the standard fixes, and never from the standard
// distributions, whose output it leaves to each library: a seed gives the same borough anywhere.
class dice {
 public:
  explicit dice(std::uint64_t seed) : engine_(seed) {}

  // 0 .. n-1; the modulo bias is far too small to matter for demo data.
  std::size_t below(std::size_t n) { return static_cast<std::size_t>(engine_() % n); }
  // low .. high, both included.
  int between(int low, int high) {
    return low + static_cast<int>(engine_() % static_cast<std::uint64_t>(high - low + 1));
  }
  // [0, 1) from the top 53 bits.
  double unit() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }
  bool chance(double p) { return unit() < p; }
  template <class T>
  const T& pick(std::span<const T> items) {
    return items[below(items.size())];
  }
  // An index drawn with probability proportional to its weight.
  std::size_t weighted(std::span<const int> weights) {
    int total = 0;
    for (int w : weights) total += w;
    int x = between(0, total - 1);
    for (std::size_t i = 0; i < weights.size(); ++i) {
      if (x < weights[i]) return i;
      x -= weights[i];
    }
    return weights.size() - 1;
  }
  // k distinct indices of [0, n) in the order drawn (a partial Fisher–Yates shuffle).
  std::vector<std::size_t> distinct(std::size_t n, std::size_t k) {
    std::vector<std::size_t> all(n);
    for (std::size_t i = 0; i < n; ++i) all[i] = i;
    k = std::min(k, n);
    for (std::size_t i = 0; i < k; ++i) std::swap(all[i], all[i + below(n - i)]);
    all.resize(k);
    return all;
  }

 private:
  std::mt19937_64 engine_;
};

// The demo's calendar, anchored on the day it is loaded so that its openings are current
// whenever someone tries it: records were made before "now", closing dates fall after it.
struct demo_calendar {
  sys_days base_day;      // the day of loading
  sys_seconds base_time;  // 09:00 that day
  sys_days closing_from;  // most closing dates fall in the four months from here
  sys_days term_day;      // courses with no closing date start from here

  explicit demo_calendar(sys_days today)
      : base_day(today),
        base_time(today + hours{9}),
        closing_from(today + days{30}),
        term_day(today + days{64}) {}
};

std::string iso_date(sys_days d) {
  const std::chrono::year_month_day ymd{d};
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd.year()),
                     static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
}

std::string iso_time(sys_seconds t) {
  const auto day = std::chrono::floor<days>(t);
  const std::chrono::hh_mm_ss hms{t - day};
  return fmt::format("{}T{:02}:{:02}:{:02}Z", iso_date(day), hms.hours().count(),
                     hms.minutes().count(), hms.seconds().count());
}

std::vector<std::string_view> split(std::string_view text, char sep) {
  std::vector<std::string_view> out;
  while (!text.empty()) {
    const auto at = text.find(sep);
    if (at != 0) out.push_back(text.substr(0, at));
    if (at == std::string_view::npos) break;
    text.remove_prefix(at + 1);
  }
  return out;
}

std::string replace_all(std::string text, std::string_view from, std::string_view to) {
  for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
  return text;
}

bool is_ascii_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}
char ascii_lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

// "Wensum Valley Café" -> "wensum-valley-cafe", for example.org addresses.
std::string slug(std::string_view name) {
  std::string out;
  bool gap = false;
  auto put = [&](std::string_view word) {
    if (gap && !out.empty()) out += '-';
    gap = false;
    out += word;
  };
  for (std::size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    if (is_ascii_alnum(c)) {
      put(std::string(1, ascii_lower(c)));
    } else if (name.substr(i, 2) == "\xC3\xA9") {  // é
      put("e");
      ++i;
    } else if (c == '&') {
      gap = true;
      put("and");
      gap = true;
    } else if (c != '\'') {
      gap = true;
    }
  }
  return out;
}

// Lower-case ASCII letters only: "O'Brien" -> "obrien".
std::string letters(std::string_view text) {
  std::string out;
  for (char c : text)
    if (is_ascii_alnum(c)) out += ascii_lower(c);
  return out;
}

double rounded(double value, double scale) {
  return std::round(value * scale) / scale;
}

const cat::locality& locality_named(std::string_view name) {
  for (const auto& l : cat::localities())
    if (name == l.name) return l;
  throw error(error_code::internal, fmt::format("demo catalogue names no locality '{}'", name));
}

// How much each agency kind publishes in each domain (rows: agency_kind; columns: domain).
constexpr std::array<std::array<int, domain_count>, kind_count> publishes{{
    // work educ hous leis fait volu peer rela heal mone
    {100, 0, 0, 0, 0, 0, 0, 0, 0, 0},    // employer
    {10, 80, 0, 10, 0, 0, 0, 0, 0, 0},   // college
    {5, 0, 75, 0, 0, 5, 0, 0, 0, 15},    // housing_provider
    {10, 0, 0, 55, 0, 10, 0, 0, 25, 0},  // leisure
    {0, 0, 0, 5, 55, 20, 0, 10, 0, 10},  // faith_group
    {5, 7, 5, 8, 0, 35, 8, 12, 8, 12},   // voluntary_sector
    {10, 25, 0, 0, 0, 5, 20, 0, 40, 0},  // nhs
    {0, 0, 0, 15, 0, 10, 60, 15, 0, 0},  // peer_support
}};
// The share of all openings in each domain, and of people's goals.
constexpr std::array<int, domain_count> opening_share{22, 12, 7, 13, 6, 15, 7, 5, 8, 5};
constexpr std::array<int, domain_count> goal_share{25, 10, 8, 12, 4, 10, 7, 10, 9, 5};
constexpr std::array<int, 4> goal_status_share{85, 6, 6, 3};  // active, achieved, paused, set_aside
constexpr std::array<int, 5> strength_level_share{1, 3, 5, 5, 3};  // levels 1..5

// Adjustments each domain's openings most often offer.
std::vector<adjustment> usual_adjustments(domain d) {
  using enum adjustment;
  switch (d) {
    case domain::work:
      return {flexible_hours, part_time,      supported_start,     job_coach,
              phased_start,   regular_breaks, written_instructions};
    case domain::education:
      return {step_free_access, written_instructions, large_print, hearing_loop,
              regular_breaks,   quiet_space,          buddy};
    case domain::housing:
      return {step_free_access, accessible_toilet, supported_start, interpreter};
    case domain::volunteering:
      return {flexible_hours, buddy, supported_start, written_instructions, regular_breaks};
    default:
      return {step_free_access, quiet_space, hearing_loop, accessible_toilet, buddy,
              large_print,      interpreter};
  }
}

struct demo_borough {
  std::vector<team> teams;
  std::vector<agency> agencies;
  std::vector<opportunity> opportunities;
  std::vector<person> people;
};

class borough_builder {
 public:
  borough_builder(const taxonomy& terms, std::uint64_t seed, sys_days today)
      : terms_(terms), seed_(seed), dice_(seed), calendar_(today) {
    for (const auto& t : terms.terms())
      for (domain d : t.domains) domain_terms_[static_cast<std::size_t>(d)].push_back(t.id);
    for (const auto& l : cat::localities()) locality_weights_.push_back(l.weight);
    for (const auto& s : cat::strengths())
      if (terms.contains(s.term)) strengths_.push_back(&s);
    const auto agencies = cat::agencies();
    for (std::size_t a = 0; a < agencies.size(); ++a) plan_publisher(a, agencies[a]);
    for (std::size_t d = 0; d < domain_count; ++d)
      if (publishers_[d].empty())
        throw error(error_code::internal, fmt::format("demo catalogue: no agency publishes {}",
                                                      name_of(static_cast<domain>(d))));
  }

  demo_borough build() {
    demo_borough b;
    const auto teams = cat::teams();
    for (std::size_t i = 0; i < teams.size(); ++i)
      b.teams.push_back(make_team(static_cast<int>(i)));
    const auto agencies = cat::agencies();
    for (std::size_t i = 0; i < agencies.size(); ++i)
      b.agencies.push_back(make_agency(static_cast<int>(i)));
    const int openings = 2940 + static_cast<int>(dice_.below(121));
    for (int n = 0; n < openings; ++n) b.opportunities.push_back(make_opportunity(n));
    const int people = 290 + static_cast<int>(dice_.below(21));
    for (int n = 0; n < people; ++n) b.people.push_back(make_person(n));
    return b;
  }

 private:
  // The openings the catalogue lets an agency publish, by domain, and how often it publishes
  // in each domain.
  void plan_publisher(std::size_t a, const cat::agency_plan& agency) {
    const auto kind = static_cast<std::size_t>(agency.kind);
    auto by_kind = [&](std::size_t d, std::vector<const cat::opening_plan*>& out) {
      for (const auto& o : cat::openings())
        if (static_cast<std::size_t>(o.area) == d &&
            (o.kinds == cat::by_any || (o.kinds & cat::kind_bit(agency.kind)) != 0) &&
            std::find(out.begin(), out.end(), &o) == out.end())
          out.push_back(&o);
    };
    std::array<std::vector<const cat::opening_plan*>, domain_count> plans;
    const auto offers = split(agency.offers, '|');
    if (offers.empty()) {
      for (std::size_t d = 0; d < domain_count; ++d)
        if (publishes[kind][d] > 0) by_kind(d, plans[d]);
    }
    for (std::string_view offer : offers) {
      if (offer.starts_with("any:")) {
        const auto d = parse_name<domain>(offer.substr(4));
        if (!d)
          throw error(error_code::internal, fmt::format("demo catalogue: bad offer '{}'", offer));
        by_kind(static_cast<std::size_t>(*d), plans[static_cast<std::size_t>(*d)]);
        continue;
      }
      const auto& all = cat::openings();
      const auto found = std::find_if(all.begin(), all.end(),
                                      [&](const cat::opening_plan& o) { return offer == o.title; });
      if (found == all.end())
        throw error(error_code::internal, fmt::format("demo catalogue: no opening '{}'", offer));
      plans[static_cast<std::size_t>(found->area)].push_back(&*found);
    }
    for (std::size_t d = 0; d < domain_count; ++d) {
      if (plans[d].empty()) continue;
      publishers_[d].push_back({a, std::move(plans[d])});
      publisher_weights_[d].push_back(std::max(publishes[kind][d], 10));
    }
  }

  // A moment min_days to max_days before the demo's "now", during the working day.
  sys_seconds some_time_before(int min_days, int max_days) {
    return calendar_.base_time - days{dice_.between(min_days, max_days)} +
           std::chrono::seconds{dice_.between(0, 9 * 3600 - 1)};
  }
  // Unchanged since `t`, or changed during the working day of one of the `max_days` after it,
  // but before the demo's "now".
  sys_seconds some_time_after(sys_seconds t, int max_days) {
    if (dice_.chance(0.4)) return t;
    const sys_seconds later = std::chrono::floor<days>(t) + days{dice_.between(1, max_days)} +
                              hours{8} + std::chrono::seconds{dice_.between(0, 10 * 3600 - 1)};
    return later < calendar_.base_time ? later : t;
  }

  geo_point near(const cat::locality& l, double km) {
    const double lat = l.lat + (dice_.unit() * 2 - 1) * km / 111.0;
    const double lon = l.lon + (dice_.unit() * 2 - 1) * km / 67.5;  // 111 km x cos(52.6°)
    return {rounded(lat, 1e5), rounded(lon, 1e5)};
  }

  std::string address_in(const cat::locality& l) {
    const auto streets = split(l.streets, '|');
    return fmt::format("{} {}, {} {}", dice_.between(1, 180), streets[dice_.below(streets.size())],
                       l.town, l.postcode);
  }

  team make_team(int n) {
    const auto& plan = cat::teams()[static_cast<std::size_t>(n)];
    team t;
    t.id = demo_id(seed_, "team", n);
    t.name = plan.name;
    t.borough = plan.borough;
    t.created_at = iso_time(sys_seconds{calendar_.base_day - days{320} + days{n} + hours{9}});
    return t;
  }

  agency make_agency(int n) {
    const auto& plan = cat::agencies()[static_cast<std::size_t>(n)];
    const std::string site = slug(plan.name);
    agency a;
    a.id = demo_id(seed_, "agency", n);
    a.name = plan.name;
    a.kind = plan.kind;
    const char* first = dice_.pick(cat::first_names());
    const char* last = dice_.pick(cat::surnames());
    a.contact_name = fmt::format("{} {}", first, last);
    a.contact_email = fmt::format("{}.{}@{}.example.org", letters(first), letters(last), site);
    a.contact_phone = fmt::format("01632 960{:03}", dice_.below(1000));
    a.website = fmt::format("https://{}.example.org", site);
    const sys_seconds made = some_time_before(200, 320);
    a.created_at = iso_time(made);
    a.updated_at = iso_time(some_time_after(made, 120));
    return a;
  }

  // Weekly sessions of `length` minutes on `count` different days.
  std::vector<time_slot> sessions(int count, int start, int length, bool any_day,
                                  std::optional<weekday> fixed) {
    std::vector<time_slot> out;
    start = std::min(start, 24 * 60 - length);
    if (fixed) count = 1;
    auto days_drawn = dice_.distinct(any_day ? 7 : 5, static_cast<std::size_t>(count));
    std::sort(days_drawn.begin(), days_drawn.end());
    for (std::size_t d : days_drawn)
      out.push_back({fixed.value_or(static_cast<weekday>(d)), start, start + length});
    return out;
  }

  static std::optional<weekday> day_named_in(std::string_view title) {
    constexpr std::array<std::string_view, 7> names{"Monday", "Tuesday",  "Wednesday", "Thursday",
                                                    "Friday", "Saturday", "Sunday"};
    for (std::size_t i = 0; i < names.size(); ++i)
      if (title.find(names[i]) != std::string_view::npos) return static_cast<weekday>(i);
    return std::nullopt;
  }

  // When sessions start: early for early starts, after 6pm for evenings, else mid-morning or
  // early afternoon (work shifts: 7am to 10am, or 5pm for evening work).
  int start_minute(const cat::opening_plan& plan) {
    const bool evening = (plan.style & cat::evenings) != 0;
    if (std::string_view(plan.title).find("early") != std::string_view::npos) return 6 * 60;
    if (plan.area == domain::work) return evening ? 17 * 60 : dice_.between(14, 20) * 30;
    if (evening) return dice_.between(0, 3) * 30 + 18 * 60;
    constexpr std::array<int, 6> starts{9 * 60,       9 * 60 + 30, 10 * 60,
                                        10 * 60 + 30, 13 * 60,     13 * 60 + 30};
    return dice_.pick(std::span<const int>(starts));
  }

  void plan_work(opportunity& o, const cat::opening_plan& plan, int start) {
    constexpr std::array<double, 9> part{8, 12, 15, 16, 20, 22.5, 25, 30, 37.5};
    constexpr std::array<double, 3> full{30, 35, 37.5};
    const bool salaried = (plan.style & cat::salaried) != 0;
    const double hours_a_week = salaried ? dice_.pick(std::span<const double>(full))
                                         : dice_.pick(std::span<const double>(part));
    const int work_days = std::clamp(static_cast<int>(std::ceil(hours_a_week / 7.5)), 1, 5);
    const int length = static_cast<int>(std::lround(hours_a_week * 60 / work_days / 15)) * 15;
    o.schedule =
        sessions(work_days, start, length, (plan.style & cat::weekends) != 0, std::nullopt);
    o.hours_per_week = hours_a_week;
    if (salaried)
      o.wage = pay{dice_.between(42, 64) * 500.0, pay_unit::year};
    else
      o.wage = pay{dice_.between(1144, 1500) / 100.0, pay_unit::hour};
    o.places_total = dice_.chance(0.6) ? 1 : dice_.between(2, salaried ? 2 : 5);
  }

  opportunity make_opportunity(int n) {
    const std::size_t d = n < static_cast<int>(domain_count) ? static_cast<std::size_t>(n)
                                                             : dice_.weighted(opening_share);
    const auto& [a, candidates] = publishers_[d][dice_.weighted(publisher_weights_[d])];
    const auto& publisher = cat::agencies()[a];
    const cat::opening_plan& plan = *candidates[dice_.below(candidates.size())];
    const auto area = static_cast<domain>(d);

    opportunity o;
    o.id = demo_id(seed_, "opportunity", n);
    o.agency_id = demo_id(seed_, "agency", static_cast<int>(a));
    o.external_ref = fmt::format("DEMO-{:06}", n);
    o.area = area;

    const cat::locality& place = dice_.chance(0.65)
                                     ? locality_named(publisher.base)
                                     : cat::localities()[dice_.weighted(locality_weights_)];
    o.remote = (plan.style & cat::remote_only) ||
               ((plan.style & cat::may_be_remote) && dice_.chance(0.45));
    if (!o.remote) {
      o.location = near(place, std::string_view(place.town) == "Norwich" ? 1.0 : 1.5);
      o.address = address_in(place);
    }
    o.title = replace_all(plan.title, "{place}", place.name);
    std::string text = replace_all(replace_all(plan.description, "{place}", place.name), "{agency}",
                                   publisher.name);
    if (dice_.chance(0.55)) {
      std::vector<const char*> lines;
      for (const auto& l : cat::closing_lines())
        if (l.area == area) lines.push_back(l.text);
      if (!lines.empty()) text += fmt::format(" {}", lines[dice_.below(lines.size())]);
    }
    if (o.remote)
      text += o.area == domain::work ? " You can work from home."
                                     : " This one runs online or by phone.";
    o.description = std::move(text);

    describe_timing(o, plan);
    choose_strengths(o, plan);
    choose_adjustments(o);
    choose_ages(o, plan);

    const double s = dice_.unit();
    o.status = s < 0.90 ? opportunity_status::open
                        : (s < 0.96 ? opportunity_status::closed : opportunity_status::withdrawn);
    o.places_available = dice_.chance(0.12) ? 0 : dice_.between(1, o.places_total);
    choose_dates(o, plan);
    o.source = "api";
    const sys_seconds made = some_time_before(5, 150);
    o.created_at = iso_time(made);
    o.last_updated = iso_time(some_time_after(made, 45));
    if (dice_.chance(0.35))
      o.assured_date = iso_date(calendar_.base_day - days{92} + days{dice_.between(0, 91)});
    return o;
  }

  // Schedule, hours, pay and places, as an opening of its domain and style would have them.
  void describe_timing(opportunity& o, const cat::opening_plan& plan) {
    const auto fixed_day = day_named_in(plan.title);
    const bool any_day = (plan.style & cat::weekends) != 0;
    const int start = start_minute(plan);
    switch (o.area) {
      case domain::work:
        plan_work(o, plan, start);
        return;
      case domain::housing:  // a home named by its place is one home; schemes help a few
        o.places_total = std::string_view(plan.title).ends_with("{place}")
                             ? (dice_.chance(0.85) ? 1 : 2)
                             : dice_.between(2, 12);
        if (plan.style & cat::course) {
          o.schedule = sessions(1, start, 120, false, fixed_day);
          o.places_total = dice_.between(8, 15);
        }
        return;
      case domain::education: {
        const int count = (plan.style & cat::long_course) ? 2 : dice_.between(1, 2);
        const int length = 30 * dice_.between(4, 6);
        o.schedule = sessions(count, start, length, false, fixed_day);
        o.hours_per_week = static_cast<double>(static_cast<int>(o.schedule.size()) * length) / 60.0;
        o.places_total = dice_.between(8, 20);
        return;
      }
      case domain::volunteering: {
        const int count = dice_.chance(0.7) ? 1 : 2;
        const int length = 60 * dice_.between(2, 4);
        o.schedule = sessions(count, start, length, any_day, fixed_day);
        o.hours_per_week = static_cast<double>(static_cast<int>(o.schedule.size()) * length) / 60.0;
        o.places_total = dice_.between(1, 10);
        return;
      }
      default: {
        const int count = dice_.chance(0.8) ? 1 : 2;
        const int length = 30 * dice_.between(2, 4);
        o.schedule = sessions(count, start, length, any_day, fixed_day);
        o.places_total = dice_.between(6, 20);
        return;
      }
    }
  }

  // 2–8 valued strengths of the opening's domain: the plan's own first, weighted higher.
  void choose_strengths(opportunity& o, const cat::opening_plan& plan) {
    const std::size_t wanted = static_cast<std::size_t>(dice_.between(2, 8));
    std::vector<std::string> chosen;
    auto fits = [&](std::string_view term) {
      const taxonomy_term* t = terms_.find(term);
      return t && std::find(t->domains.begin(), t->domains.end(), o.area) != t->domains.end() &&
             std::find(chosen.begin(), chosen.end(), term) == chosen.end();
    };
    for (std::string_view hint : split(plan.hints, ' ')) {
      if (chosen.size() >= wanted) break;
      if (!fits(hint)) continue;
      chosen.emplace_back(hint);
      o.strengths.push_back({std::string(hint), dice_.between(14, 20) / 20.0});
    }
    const auto& pool = domain_terms_[static_cast<std::size_t>(o.area)];
    for (std::size_t i : dice_.distinct(pool.size(), pool.size())) {
      if (chosen.size() >= wanted) break;
      if (!fits(pool[i])) continue;
      chosen.push_back(pool[i]);
      o.strengths.push_back({pool[i], dice_.between(6, 14) / 20.0});
    }
  }

  void choose_adjustments(opportunity& o) {
    const std::vector<adjustment> usual = usual_adjustments(o.area);
    const int count = dice_.between(0, 4);
    for (int i = 0; i < count; ++i) {
      const adjustment a =
          dice_.chance(0.75)
              ? usual[dice_.below(usual.size())]
              : static_cast<adjustment>(dice_.below(vocabulary<adjustment>::names.size()));
      if (std::find(o.adjustments.begin(), o.adjustments.end(), a) == o.adjustments.end())
        o.adjustments.push_back(a);
    }
    if (o.remote && std::find(o.adjustments.begin(), o.adjustments.end(),
                              adjustment::remote_option) == o.adjustments.end())
      o.adjustments.push_back(adjustment::remote_option);
  }

  void choose_ages(opportunity& o, const cat::opening_plan& plan) {
    if (plan.min_age > 0) o.min_age = plan.min_age;
    if (plan.max_age > 0) o.max_age = plan.max_age;
    if (o.min_age) return;
    const double r = dice_.unit();
    switch (o.area) {
      case domain::work:
        if (r < 0.40)
          o.min_age = 18;
        else if (r < 0.55)
          o.min_age = 16;
        break;
      case domain::housing:
        if (r < 0.70) o.min_age = 18;
        break;
      default:
        if (r < 0.12)
          o.min_age = 18;
        else if (r < 0.17)
          o.min_age = 16;
    }
    if (o.max_age && o.min_age && *o.min_age > *o.max_age) o.min_age.reset();
  }

  // Closing dates mostly within four months of loading; courses start after they close.
  void choose_dates(opportunity& o, const cat::opening_plan& plan) {
    std::optional<sys_days> closes;
    if (o.status == opportunity_status::open) {
      if (dice_.chance(0.75)) closes = calendar_.closing_from + days{dice_.between(0, 119)};
    } else if (o.status == opportunity_status::closed || dice_.chance(0.5)) {
      closes = calendar_.closing_from - days{dice_.between(10, 60)};
    }
    if (closes) o.closing_date = iso_date(*closes);
    if (plan.style & (cat::course | cat::long_course)) {
      const sys_days starts = closes ? *closes + days{dice_.between(5, 21)}
                                     : calendar_.term_day + days{7 * dice_.between(0, 8)};
      const int weeks =
          (plan.style & cat::long_course) ? dice_.between(20, 30) : dice_.between(1, 12);
      o.start_date = iso_date(starts);
      o.end_date = iso_date(starts + days{7 * weeks - 3});
    } else if ((o.area == domain::work || o.area == domain::housing) && dice_.chance(0.35)) {
      const sys_days starts = closes ? *closes + days{dice_.between(14, 28)}
                                     : calendar_.closing_from + days{dice_.between(7, 90)};
      o.start_date = iso_date(starts);
    }
  }

  person make_person(int n) {
    constexpr std::array<int, 6> team_share{30, 15, 15, 15, 12, 13};
    const std::size_t t = n < 6 ? static_cast<std::size_t>(n) : dice_.weighted(team_share);
    const auto& plan = cat::teams()[t];
    person p;
    p.id = demo_id(seed_, "person", n);
    p.team_id = demo_id(seed_, "team", static_cast<int>(t));
    const char* first = dice_.pick(cat::first_names());
    const char* last = dice_.pick(cat::surnames());
    p.display_name = fmt::format("{} {}.", first, last[0]);
    p.email =
        fmt::format("{}.{}{}@example.org", letters(first), letters(last), dice_.between(1, 99));
    p.phone = fmt::format("07700 900{:03}", dice_.below(1000));
    p.year_of_birth = dice_.between(1958, 2006);
    if (dice_.chance(0.9)) {
      const auto homes = split(plan.localities, '|');
      p.home = near(locality_named(homes[dice_.below(homes.size())]), 2.0);
    }

    for (std::size_t i :
         dice_.distinct(strengths_.size(), static_cast<std::size_t>(dice_.between(2, 6))))
      p.strengths.push_back({strengths_[i]->term, strengths_[i]->own_words,
                             1 + static_cast<int>(dice_.weighted(strength_level_share))});
    const auto interests = cat::interests();
    for (std::size_t i :
         dice_.distinct(interests.size(), static_cast<std::size_t>(dice_.between(1, 4)))) {
      interest in{std::nullopt, interests[i].own_words};
      if (*interests[i].term && terms_.contains(interests[i].term)) in.term = interests[i].term;
      p.interests.push_back(std::move(in));
    }
    choose_goals(p);
    for (std::size_t i : dice_.distinct(vocabulary<adjustment>::names.size(),
                                        dice_.weighted(std::array<int, 4>{35, 35, 20, 10})))
      p.adjustments.push_back(static_cast<adjustment>(i));
    choose_preferences(p);

    const sys_seconds made = some_time_before(20, 180);
    p.created_at = iso_time(made);
    p.updated_at = iso_time(some_time_after(made, 40));
    return p;
  }

  void choose_goals(person& p) {
    const int count = dice_.between(1, 4);
    std::vector<std::size_t> areas;
    for (int tries = 0; static_cast<int>(areas.size()) < count && tries < 20; ++tries) {
      const std::size_t d = dice_.weighted(goal_share);
      if (std::find(areas.begin(), areas.end(), d) == areas.end()) areas.push_back(d);
    }
    for (std::size_t d : areas) {
      std::vector<const char*> words;
      for (const auto& g : cat::goals())
        if (static_cast<std::size_t>(g.area) == d) words.push_back(g.own_words);
      if (words.empty()) continue;
      goal g;
      g.id = demo_id(seed_, "goal", goals_made_++);
      g.area = static_cast<domain>(d);
      g.own_words = words[dice_.below(words.size())];
      g.priority = p.goals.empty() ? dice_.between(1, 2) : dice_.between(2, 5);
      g.status = static_cast<goal_status>(dice_.weighted(goal_status_share));
      p.goals.push_back(std::move(g));
    }
  }

  void choose_preferences(person& p) {
    if (dice_.chance(0.92)) p.prefs.max_travel_km = static_cast<double>(dice_.between(3, 25));
    const double r = dice_.unit();
    if (r < 0.40) {
      p.prefs.hours_min = 4.0 * dice_.between(1, 4);
      p.prefs.hours_max = *p.prefs.hours_min + 4.0 * dice_.between(1, 4);
    } else if (r < 0.55) {
      p.prefs.hours_max = 4.0 * dice_.between(2, 6);
    }
    if (dice_.chance(0.35)) {
      constexpr std::array<int, 4> starts{9 * 60, 10 * 60, 13 * 60, 18 * 60};
      const int start = dice_.pick(std::span<const int>(starts));
      p.prefs.available = sessions(dice_.between(1, 4), start, 60 * dice_.between(3, 5),
                                   dice_.chance(0.3), std::nullopt);
    }
  }

  const taxonomy& terms_;
  std::uint64_t seed_;
  dice dice_;
  demo_calendar calendar_;
  std::array<std::vector<std::string>, domain_count> domain_terms_;
  std::vector<int> locality_weights_;
  std::vector<const cat::worded_strength*> strengths_;
  struct publishing {
    std::size_t agency;
    std::vector<const cat::opening_plan*> plans;
  };
  std::array<std::vector<publishing>, domain_count> publishers_;
  std::array<std::vector<int>, domain_count> publisher_weights_;
  int goals_made_ = 0;
};

bool holds_records(connection& conn) {
  sql::statement q(conn,
                   "SELECT EXISTS(SELECT 1 FROM team) OR EXISTS(SELECT 1 FROM agency)"
                   " OR EXISTS(SELECT 1 FROM person) OR EXISTS(SELECT 1 FROM opportunity)");
  q.step();
  return q.integer(0) != 0;
}

// Runs validate on a generated record; a failure is our bug, so it is reported as internal.
template <class Record, class... Terms>
void check(Record& r, const char* kind, const Terms&... terms) {
  try {
    validate(r, terms...);
  } catch (const error& e) {
    throw error(error_code::internal, fmt::format("demo generator made an invalid {} {}: {} ({})",
                                                  kind, r.id, e.what(), e.field()));
  }
}

std::string demo_secret(std::uint64_t seed, std::string_view label) {
  return "pwdemo_" + sha256_hex(fmt::format("pathways-demo-key:{}:{}", seed, label)).substr(0, 40);
}

}  // namespace

std::string demo_id(std::uint64_t seed, std::string_view kind, int n) {
  return sha256_hex(fmt::format("pathways-demo:{}:{}:{}", seed, kind, n)).substr(0, 32);
}

std::optional<demo_summary> load_demo(database& db, const taxonomy& terms, std::uint64_t seed) {
  const auto started = std::chrono::steady_clock::now();
  auto conn = db.connect();
  transaction tx(*conn, transaction::kind::write);
  if (holds_records(*conn)) {
    spdlog::info("event=demo_skipped reason=database_not_empty seed={}", seed);
    return std::nullopt;
  }
  const sys_days today = std::chrono::floor<days>(std::chrono::system_clock::now());
  demo_borough b = borough_builder(terms, seed, today).build();
  for (auto& t : b.teams) check(t, "team");
  for (auto& a : b.agencies) check(a, "agency");
  for (auto& o : b.opportunities) check(o, "opportunity", terms);
  for (auto& p : b.people) check(p, "person", terms);
  for (const auto& t : b.teams) store::insert_team(*conn, t);
  for (const auto& a : b.agencies) store::insert_agency(*conn, a);
  for (const auto& o : b.opportunities) store::insert_opportunity(*conn, o);
  for (const auto& p : b.people) store::insert_person(*conn, p);
  for (const auto& p : b.people)
    store::append_audit(*conn, demo_loader(), p.id, "demo.load", "all", true);
  const demo_outcomes outcomes =
      add_demo_outcomes(*conn, seed, today, b.teams, b.people, b.opportunities);
  tx.commit();

  const demo_summary s{static_cast<int>(b.teams.size()),
                       static_cast<int>(b.agencies.size()),
                       static_cast<int>(b.people.size()),
                       static_cast<int>(b.opportunities.size()),
                       outcomes.consents,
                       outcomes.referrals,
                       outcomes.people_in_employment_support};
  const auto took = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - started);
  spdlog::info(
      "event=demo_loaded seed={} teams={} agencies={} people={} opportunities={} referrals={} "
      "ms={}",
      seed, s.teams, s.agencies, s.people, s.opportunities, s.referrals, took.count());
  return s;
}

std::vector<demo_key> ensure_demo_keys(database& db, std::uint64_t seed) {
  const std::string team_id = demo_id(seed, "team", 0);
  const std::string agency_id = demo_id(seed, "agency", 0);
  {
    auto conn = db.connect();
    transaction tx(*conn, transaction::kind::read);
    if (!store::find_team(*conn, team_id) || !store::find_agency(*conn, agency_id))
      throw error(error_code::unprocessable, "load the demo data first");
  }
  const std::array<std::pair<const char*, principal>, 4> wanted{{
      {"demo admin", principal{{}, role::admin, std::nullopt, std::nullopt, {}}},
      {"demo coordinator", principal{{}, role::coordinator, team_id, std::nullopt, {}}},
      {"demo employment specialist",
       principal{{}, role::employment_specialist, team_id, std::nullopt, {}}},
      {"demo agency", principal{{}, role::agency, std::nullopt, agency_id, {}}},
  }};
  api_key_service keys(db);
  std::vector<demo_key> out;
  int created = 0;
  int revoked = 0;
  for (const auto& [label, owner] : wanted) {
    const std::string secret = demo_secret(seed, label);
    if (auto live = keys.authenticate(secret)) {
      out.push_back({label, live->owner, secret});
      continue;
    }
    try {
      const api_key_record made = keys.create_with_secret(owner, label, secret, true);
      out.push_back({label, made.owner, secret});
      ++created;
    } catch (const error& e) {
      if (e.code() != error_code::conflict) throw;
      // The secret is stored: revoked (it stays so), or just made by a concurrent caller.
      if (auto live = keys.authenticate(secret))
        out.push_back({label, live->owner, secret});
      else
        ++revoked;
    }
  }
  spdlog::info("event=demo_keys_ready seed={} live={} created={} left_revoked={}", seed, out.size(),
               created, revoked);
  return out;
}

}  // namespace pathways
