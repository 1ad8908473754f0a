// /v1/indicators: outcome indicators as JSON, or as CSV (Accept: text/csv) for commissioners.
#include "pathways/clock.hpp"
#include "pathways/indicators.hpp"

#include "routes.hpp"

namespace pathways::api {
namespace {

json retention_json(const retention_count& r) {
  return {{"known", r.known},
          {"retained", r.retained},
          {"rate", r.known ? json(static_cast<double>(r.retained) / r.known) : json(nullptr)}};
}

json group_json(const indicator_group& g) {
  return {
      {"key", g.key},
      {"label", g.label},
      {"people_with_active_goals_by_domain", g.people_with_active_goals_by_domain},
      {"referrals",
       {{"sent", g.referrals_sent},
        {"accepted", g.referrals_accepted},
        {"declined", g.referrals_declined},
        {"declined_by_reason", g.referrals_declined_by_reason},
        {"started", g.referrals_started},
        {"completed", g.referrals_completed},
        {"median_days_sent_to_start", or_null(g.median_days_sent_to_start)}}},
      {"starts_by_domain", g.starts_by_domain},
      {"employment",
       {{"people_in_employment_support", g.people_in_employment_support},
        {"people_in_competitive_employment", g.people_in_competitive_employment},
        {"competitive_employment_rate", or_null(g.competitive_employment_rate)},
        {"ips_band", g.ips_band}}},
      {"ips",
       {{"enrolments", g.enrolments},
        {"median_days_to_first_face_to_face_contact",
         or_null(g.median_days_to_first_face_to_face_contact)},
        {"first_face_to_face_contact_within_30_days", g.first_face_to_face_contact_within_30_days},
        {"specialists", g.specialists},
        {"employer_contacts_per_specialist_per_week",
         or_null(g.employer_contacts_per_specialist_per_week)},
        {"specialists_with_6_contacts_a_week", g.specialists_with_6_contacts_a_week},
        {"retention_13_weeks", retention_json(g.retention_13_weeks)},
        {"retention_26_weeks", retention_json(g.retention_26_weeks)},
        {"retention_52_weeks", retention_json(g.retention_52_weeks)}}}};
}

json report_json(const indicator_report& r) {
  json groups = json::array();
  for (const auto& g : r.groups) groups.push_back(group_json(g));
  return {{"from", r.query.from},
          {"to", r.query.to},
          {"group_by", name_of(r.query.group_by)},
          {"ips_bands", {{"fair", 0.31}, {"good", 0.41}, {"exemplary", 0.50}}},
          {"groups", groups}};
}

// A group's JSON as flat columns: nested keys joined with dots.
void flatten(const json& value, const std::string& prefix,
             std::vector<std::pair<std::string, std::string>>& out) {
  if (value.is_object()) {
    for (const auto& [key, inner] : value.items())
      flatten(inner, prefix.empty() ? key : prefix + "." + key, out);
    return;
  }
  out.emplace_back(prefix, value.is_null()     ? ""
                           : value.is_string() ? value.get<std::string>()
                                               : value.dump());
}

std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

// One row per group; a column for every measure any group has (absent ones empty).
std::string report_csv(const indicator_report& r) {
  std::vector<std::vector<std::pair<std::string, std::string>>> rows;
  std::vector<std::string> columns{"key", "label"};
  for (const auto& g : r.groups) {
    rows.emplace_back();
    flatten(group_json(g), "", rows.back());
    for (const auto& [column, value] : rows.back())
      if (std::find(columns.begin(), columns.end(), column) == columns.end())
        columns.push_back(column);
  }
  std::string out;
  for (std::size_t i = 0; i < columns.size(); ++i) out += (i ? "," : "") + csv_field(columns[i]);
  out += "\r\n";
  for (const auto& row : rows) {
    for (std::size_t i = 0; i < columns.size(); ++i) {
      const auto cell = std::find_if(row.begin(), row.end(),
                                     [&](const auto& c) { return c.first == columns[i]; });
      out += (i ? "," : "") + (cell == row.end() ? std::string() : csv_field(cell->second));
    }
    out += "\r\n";
  }
  return out;
}

// The same day a year earlier (29 February gives 28 February); `day` is YYYY-MM-DD.
std::string a_year_before(const std::string& day) {
  std::string earlier = std::to_string(std::stoi(day.substr(0, 4)) - 1) + day.substr(4);
  return earlier.substr(4) == "-02-29" ? earlier.substr(0, 4) + "-02-28" : earlier;
}

}  // namespace

void add_indicator_routes(router& r, engine_services& s) {
  r.get("/v1/indicators", [&s](exchange& ex) {
    indicator_query q;
    q.to = ex.query.text("to").value_or(today_utc());  // by default, the year up to today
    q.from = ex.query.text("from").value_or(is_iso_date(q.to) ? a_year_before(q.to) : q.to);
    if (auto g = ex.query.text("group_by"))
      q.group_by = json_object::parse_enum<indicator_grouping>(*g, "group_by");
    ex.query.finish();
    const indicator_report report = s.indicators.report(ex.caller, q);
    if (ex.req.get_header_value("Accept").find("text/csv") != std::string::npos) {
      ex.res.status = 200;
      ex.res.set_content(report_csv(report), "text/csv");
      return;
    }
    ex.reply(200, report_json(report));
  });
}

}  // namespace pathways::api
