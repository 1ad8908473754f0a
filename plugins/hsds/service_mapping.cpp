// One HSDS service turned into an opening record (mapping table in plugins/README.md).
#include "service_mapping.hpp"

#include <algorithm>

#include "pathways/feed/html_text.hpp"
#include "pathways/feed/text.hpp"
#include "pathways/feed/web_url.hpp"
#include "pathways/feed/weekly_schedule.hpp"

namespace pathways::feed::hsds {

namespace {

bool valid_coordinates(std::optional<double> lat, std::optional<double> lon) {
  return lat && lon && *lat >= -90 && *lat <= 90 && *lon >= -180 && *lon <= 180;
}

class service_reader {
 public:
  service_reader(const json& service, const service_context& context, const std::string& where,
                 plugin::record_sink& sink)
      : service_(service), context_(context), where_(where), sink_(sink) {}

  std::optional<plugin::opening_record> read() {
    record_.external_ref = text_at(service_, "id");
    record_.title = html_to_text(text_at(service_, "name"));
    if (record_.external_ref.empty() || record_.title.empty()) {
      sink_.warn(record_.external_ref, where_ + ": service skipped, no " +
                                           (record_.external_ref.empty() ? "id" : "name"));
      return std::nullopt;
    }
    if (!read_status()) return std::nullopt;
    const json* organization = member(service_, "organization");
    record_.organisation = organization ? text_at(*organization, "name") : "";
    if (record_.organisation.empty()) repair("has no organization; imported without one");
    const std::string eligibility = html_to_text(text_at(service_, "eligibility_description"));
    record_.description = join_non_empty({html_to_text(text_at(service_, "description")),
                                          eligibility.empty() ? "" : "Eligibility: " + eligibility},
                                         "\n\n");
    read_url(organization);
    read_ages();
    read_location();
    read_schedules(service_);
    if (chosen_site_) read_schedules(*chosen_site_);
    read_capacity();
    read_terms();
    if (!text_at(service_, "interpretation_services").empty()) add_adjustment("interpreter");
    return std::move(record_);
  }

 private:
  void repair(const std::string& what) { sink_.warn(record_.external_ref, where_ + ": " + what); }
  void add_adjustment(const std::string& a) {
    if (std::find(record_.adjustments.begin(), record_.adjustments.end(), a) ==
        record_.adjustments.end())
      record_.adjustments.push_back(a);
  }

  // active → open; inactive and temporarily closed → closed; defunct → withdrawn.
  bool read_status() {
    const std::string status = normalise_words(text_at(service_, "status"));
    if (status.empty() || status == "active")
      record_.status = "open";
    else if (status == "inactive" || status == "temporarily closed")
      record_.status = "closed";
    else if (status == "defunct")
      record_.status = "withdrawn";
    else {
      sink_.warn(record_.external_ref, where_ + ": service skipped, unknown status '" +
                                           text_at(service_, "status") + "'");
      return false;
    }
    return true;
  }

  void read_url(const json* organization) {
    for (const auto& [owner, key] :
         {std::pair{&service_, "url"}, std::pair{organization, "website"},
          std::pair{organization, "url"}}) {
      if (!owner) continue;
      const std::string url = text_at(*owner, key);
      if (url.empty()) continue;
      if (auto u = normalise_url(url)) {
        record_.url = *u;
        return;
      }
      repair(std::string(key) + " '" + url + "' is not a web address; dropped");
    }
  }

  // minimum_age/maximum_age of the service (HSDS 3), else of its first eligibility (ORUK 2).
  void read_ages() {
    const json* source = &service_;
    const auto eligibilities = items_of(member(service_, "eligibilitys"));
    if (!member(service_, "minimum_age") && !member(service_, "maximum_age") &&
        !eligibilities.empty())
      source = eligibilities.front();
    const auto min = number_of(member(*source, "minimum_age"));
    const auto max = number_of(member(*source, "maximum_age"));
    if ((min && (*min < 0 || *min > 150)) || (max && (*max < 0 || *max > 150)) ||
        (min && max && *min > *max)) {
      repair("ages " + text_of(member(*source, "minimum_age")) + "–" +
             text_of(member(*source, "maximum_age")) + " are not a valid range; dropped");
      return;
    }
    if (min) record_.min_age = static_cast<int>(*min);
    if (max) record_.max_age = static_cast<int>(*max);
  }

  // The sites: service_at_locations[].location, else locations[] listed on the service.
  struct site {
    const json* at;  // the service_at_location, if any (it may hold schedules)
    const json* location;
  };
  std::vector<site> sites() const {
    std::vector<site> out;
    for (const json* s : items_of(member(service_, "service_at_locations")))
      if (const json* location = member(*s, "location")) out.push_back({s, location});
    if (out.empty())
      for (const json* location : items_of(member(service_, "locations")))
        if (location->is_object()) out.push_back({nullptr, location});
    return out;
  }

  // The first site with valid coordinates (else the first physical one) gives the place.
  void read_location() {
    const std::vector<site> located = sites();
    if (located.empty()) return;
    if (located.size() > 1)
      repair(std::to_string(located.size()) +
             " locations; one opening per service, the first "
             "with coordinates is used");
    bool all_virtual = true;
    const site* chosen = nullptr;
    for (const site& s : located) {
      const json& location = *s.location;
      const bool is_virtual = text_at(location, "location_type") == "virtual";
      all_virtual = all_virtual && is_virtual;
      if (is_virtual) continue;
      const bool has_coordinates = valid_coordinates(number_of(member(location, "latitude")),
                                                     number_of(member(location, "longitude")));
      if (!chosen || (has_coordinates && !chosen_has_coordinates_)) {
        chosen = &s;
        chosen_has_coordinates_ = has_coordinates;
      }
    }
    if (all_virtual) {
      record_.remote = true;
      add_adjustment("remote_option");
    }
    if (!chosen) return;
    chosen_site_ = chosen->at;
    const json& location = *chosen->location;
    const auto lat = number_of(member(location, "latitude"));
    const auto lon = number_of(member(location, "longitude"));
    if (valid_coordinates(lat, lon)) {
      record_.lat = lat;
      record_.lon = lon;
    } else if (lat || lon) {
      repair("location coordinates " + text_of(member(location, "latitude")) + ", " +
             text_of(member(location, "longitude")) + " are missing or out of range; dropped");
    }
    record_.address = address_of(location);
    for (const json* a : items_of(member(location, "accessibility")))
      for (const std::string& adj : context_.mapping.map_accessibility(
               text_at(*a, "description") + " " + text_at(*a, "details")))
        add_adjustment(adj);
  }

  // The physical address (else the first; ORUK 2: physical_addresses), or the location's name.
  static std::string address_of(const json& location) {
    auto addresses = items_of(member(location, "addresses"));
    if (addresses.empty()) addresses = items_of(member(location, "physical_addresses"));
    const json* best = nullptr;
    for (const json* a : addresses)
      if (!best || (text_at(*a, "address_type") == "physical" &&
                    text_at(*best, "address_type") != "physical"))
        best = a;
    if (!best) return text_at(location, "name");
    return join_non_empty({text_at(*best, "address_1"), text_at(*best, "address_2"),
                           text_at(*best, "city"), text_at(*best, "postal_code")},
                          ", ");
  }

  // Weekly schedules (freq WEEKLY or none) with byday and opens_at/closes_at become windows;
  // so do ORUK 2 regular_schedules (weekday, opens_at, closes_at).
  void read_schedules(const json& owner) {
    std::vector<const json*> schedules = items_of(member(owner, "schedules"));
    for (const json* s : items_of(member(owner, "regular_schedules"))) schedules.push_back(s);
    for (const json* s : schedules) {
      const std::string id = text_at(*s, "id");
      const std::string freq = lower(text_at(*s, "freq"));
      const auto opens = parse_time_of_day(text_at(*s, "opens_at"));
      const auto closes = parse_time_of_day(text_at(*s, "closes_at"));
      auto days = split_list(text_at(*s, "byday"), ", ");
      if (days.empty() && !text_at(*s, "weekday").empty()) days = {text_at(*s, "weekday")};
      if ((!freq.empty() && freq != "weekly") || days.empty() || !opens || !closes ||
          *closes <= *opens) {
        repair("schedule '" + id + "' is not a weekly day and time (freq '" + freq + "', byday '" +
               text_at(*s, "byday") + "', " + text_at(*s, "opens_at") + "–" +
               text_at(*s, "closes_at") + "); dropped");
        continue;
      }
      for (const std::string& d : days) {
        const auto day = parse_weekday(d);
        if (!day) {
          repair("schedule '" + id + "' day '" + d + "' is not a weekday; dropped");
          continue;
        }
        plugin::time_window window{*day, *opens, *closes};
        const bool seen = std::any_of(
            record_.schedule.begin(), record_.schedule.end(), [&](const plugin::time_window& w) {
              return w.day == window.day && w.opens == window.opens && w.closes == window.closes;
            });
        if (!seen) record_.schedule.push_back(std::move(window));
      }
    }
  }

  // HSDS 3.1 service_capacity: available → places_available, maximum → places_total.
  void read_capacity() {
    const auto capacities = items_of(member(service_, "capacities"));
    if (capacities.empty()) return;
    if (capacities.size() > 1)
      repair(std::to_string(capacities.size()) + " capacities; the first is used");
    const json& c = *capacities.front();
    auto available = number_of(member(c, "available"));
    const auto maximum = number_of(member(c, "maximum"));
    if ((available && *available < 0) || (maximum && *maximum < 0)) {
      repair("capacity is negative; dropped");
      return;
    }
    if (available && maximum && *available > *maximum) {
      repair("capacity available " + text_of(member(c, "available")) + " exceeds maximum " +
             text_of(member(c, "maximum")) + "; available taken as the maximum");
      available = maximum;
    }
    if (available) record_.places_available = static_cast<int>(*available);
    if (maximum) record_.places_total = static_cast<int>(*maximum);
  }

  // Taxonomy terms (through attributes, or listed on the service) → domain, strengths,
  // adjustments by the mapping file.
  void read_terms() {
    std::vector<std::string> names;
    auto add_term = [&](const json& term) {
      for (const char* key : {"id", "code", "name"}) names.push_back(text_at(term, key));
    };
    for (const json* attribute : items_of(member(service_, "attributes"))) {
      if (const json* term = member(*attribute, "taxonomy_term")) add_term(*term);
      names.push_back(text_at(*attribute, "label"));
    }
    for (const json* term : items_of(member(service_, "taxonomy_terms"))) add_term(*term);
    for (const json* link : items_of(member(service_, "service_taxonomys")))  // ORUK 2
      if (const json* term = member(*link, "taxonomy")) add_term(*term);
    const term_outcome outcome = context_.mapping.map_terms(names);
    record_.domain = !outcome.domain.empty()    ? outcome.domain
                     : !context_.domain.empty() ? context_.domain
                                                : context_.mapping.default_domain();
    for (const std::string& s : outcome.strengths) record_.strengths.push_back({s, 1.0});
    for (const std::string& a : outcome.adjustments) add_adjustment(a);
  }

  const json& service_;
  const service_context& context_;
  const std::string& where_;
  plugin::record_sink& sink_;
  plugin::opening_record record_;
  const json* chosen_site_ = nullptr;
  bool chosen_has_coordinates_ = false;
};

}  // namespace

std::optional<plugin::opening_record> read_service(const json& service,
                                                   const service_context& context,
                                                   const std::string& where,
                                                   plugin::record_sink& sink) {
  return service_reader(service, context, where, sink).read();
}

}  // namespace pathways::feed::hsds
