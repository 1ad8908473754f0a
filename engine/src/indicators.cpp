// Outcome indicators computed from the store's facts over a period, grouped as asked.
#include "pathways/indicators.hpp"

#include <algorithm>
#include <set>

#include "day_count.hpp"
#include "pathways/clock.hpp"
#include "pathways/error.hpp"
#include "pathways/placements.hpp"
#include "store/indicator_rows.hpp"

namespace pathways {
namespace {

struct accumulator {
  indicator_group group;
  std::map<std::string, std::set<std::string>> goal_people;  // domain → people
  std::vector<int> days_to_start;
  std::vector<int> days_to_contact;
  std::map<std::string, int> contacts_by_specialist;
};

class tally {
 public:
  tally(const indicator_query& q, std::string today) : q_(q), today_(std::move(today)) {}

  bool in_period(std::string_view date) const {
    const std::string_view day = date.substr(0, 10);
    return day >= q_.from && day <= q_.to;
  }
  bool overlaps(const std::string& start, const std::optional<std::string>& end) const {
    return start <= q_.to && (!end || *end >= q_.from);
  }

  // The group a fact counts in, if it has one under this grouping.
  accumulator* group_of(const store::fact_place& at) {
    std::optional<std::string> key;
    std::string label;
    switch (q_.group_by) {
      case indicator_grouping::team:
        key = at.team_id, label = at.team_name;
        break;
      case indicator_grouping::borough:
        key = at.borough, label = at.borough;
        break;
      case indicator_grouping::agency:
        key = at.agency_id, label = at.agency_name.value_or("");
        break;
      case indicator_grouping::domain:
        key = at.domain, label = at.domain.value_or("");
        break;
    }
    if (!key) return nullptr;
    accumulator& a = groups_[*key];
    a.group.key = *key;
    a.group.label = label;
    return &a;
  }

  void add(const store::goal_fact& f) {
    if (auto* a = group_of(f.place)) a->goal_people[*f.place.domain].insert(f.person_id);
  }

  void add(const store::referral_fact& f) {
    accumulator* a = group_of(f.place);
    if (!a) return;
    indicator_group& g = a->group;
    if (in_period(f.sent_at)) ++g.referrals_sent;
    for (const auto& s : f.steps) {
      if (!in_period(s.at)) continue;
      if (s.to == "accepted") ++g.referrals_accepted;
      if (s.to == "declined") {
        ++g.referrals_declined;
        ++g.referrals_declined_by_reason[s.reason.value_or("other")];
      }
      if (s.to == "started") {
        ++g.referrals_started;
        ++g.starts_by_domain[*f.place.domain];
        a->days_to_start.push_back(days_between(f.sent_at, s.at));
      }
      if (s.to == "completed") ++g.referrals_completed;
    }
  }

  void add(const store::person_ips_fact& f) {
    accumulator* a = group_of(f.place);
    if (!a) return;
    indicator_group& g = a->group;
    const auto& e = f.enrolment;
    if (e && overlaps(e->enrolled_on, e->left_on)) {
      ++g.people_in_employment_support;
      if (std::any_of(f.jobs.begin(), f.jobs.end(), [&](const ips_job& j) {
            return j.competitive && overlaps(j.start_date, j.end_date);
          }))
        ++g.people_in_competitive_employment;
    }
    if (e && in_period(e->enrolled_on)) {
      ++g.enrolments;
      ips_record r{e, f.contacts, {}, {}, std::nullopt, {}};
      derive_measures(r, today_);
      if (const auto days = r.days_to_first_face_to_face_contact) {
        a->days_to_contact.push_back(*days);
        if (*days <= 30) ++g.first_face_to_face_contact_within_30_days;
      }
    }
    for (const auto& c : f.contacts)
      if (in_period(c.contact_on)) ++a->contacts_by_specialist[c.specialist_key];
    for (const auto& j : f.jobs) {
      if (!in_period(j.start_date)) continue;
      const job_outcome o = outcome_of(j, today_);
      count(g.retention_13_weeks, o.retained_13_weeks);
      count(g.retention_26_weeks, o.retained_26_weeks);
      count(g.retention_52_weeks, o.retained_52_weeks);
    }
  }

  std::vector<indicator_group> finish() {
    const double weeks = (days_between(q_.from, q_.to) + 1) / 7.0;
    std::vector<indicator_group> out;
    for (auto& [key, a] : groups_) {
      indicator_group& g = a.group;
      for (const auto& [domain, people] : a.goal_people)
        g.people_with_active_goals_by_domain[domain] = static_cast<int>(people.size());
      g.median_days_sent_to_start = median(a.days_to_start);
      g.median_days_to_first_face_to_face_contact = median(a.days_to_contact);
      if (g.people_in_employment_support > 0) {
        const double rate = static_cast<double>(g.people_in_competitive_employment) /
                            g.people_in_employment_support;
        g.competitive_employment_rate = rate;
        g.ips_band = ips_band_of(rate);
      }
      g.specialists = static_cast<int>(a.contacts_by_specialist.size());
      int contacts = 0;
      for (const auto& [specialist, n] : a.contacts_by_specialist) {
        contacts += n;
        if (n / weeks >= 6) ++g.specialists_with_6_contacts_a_week;
      }
      if (g.specialists > 0)
        g.employer_contacts_per_specialist_per_week = contacts / weeks / g.specialists;
      out.push_back(std::move(g));
    }
    return out;
  }

 private:
  static void count(retention_count& r, std::optional<bool> retained) {
    if (!retained) return;
    ++r.known;
    if (*retained) ++r.retained;
  }

  static std::optional<double> median(std::vector<int> values) {
    if (values.empty()) return std::nullopt;
    std::sort(values.begin(), values.end());
    const std::size_t mid = values.size() / 2;
    return values.size() % 2 ? values[mid] : (values[mid - 1] + values[mid]) / 2.0;
  }

  const indicator_query& q_;
  std::string today_;
  std::map<std::string, accumulator> groups_;
};

}  // namespace

std::string ips_band_of(double rate) {
  if (rate >= 0.50) return "exemplary";
  if (rate >= 0.41) return "good";
  if (rate >= 0.31) return "fair";
  return "below_fair";
}

indicator_report indicator_service::report(const principal& caller, const indicator_query& q,
                                           std::string today) {
  require_role(caller, {role::admin, role::coordinator, role::employment_specialist},
               "read indicators");
  if (!is_iso_date(q.to))
    throw error(error_code::invalid_argument, "must be a date written YYYY-MM-DD", "to");
  if (!is_iso_date(q.from))
    throw error(error_code::invalid_argument, "must be a date written YYYY-MM-DD", "from");
  if (q.to < q.from) throw error(error_code::unprocessable, "to is before from", "to");
  const std::optional<std::string> team = caller.is_admin() ? std::nullopt : caller.team_id;
  tally t(q, today.empty() ? today_utc() : std::move(today));
  auto conn = db_.connect();
  transaction tx(*conn, transaction::kind::read);
  for (const auto& f : store::active_goal_facts(*conn, team)) t.add(f);
  for (const auto& f : store::referral_facts(*conn, team)) t.add(f);
  for (const auto& f : store::ips_facts(*conn, team)) t.add(f);
  return {q, t.finish()};
}

}  // namespace pathways
