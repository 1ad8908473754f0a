// One schema.org JobPosting node turned into an opening record (mapping table in
// plugins/README.md).
#include "job_posting.hpp"

#include <algorithm>

#include "pathways/feed/dates.hpp"
#include "pathways/feed/html_text.hpp"
#include "pathways/feed/pay.hpp"
#include "pathways/feed/text.hpp"
#include "pathways/feed/web_url.hpp"

namespace pathways::feed::jsonld {

namespace {

// A node that may be a reference {"@id": "#org"} to another node of the document.
const json& resolve(const json& node, const posting_context& context) {
  if (node.is_object() && node.size() == 1) {
    const std::string id = text_at(node, "@id");
    if (const auto it = context.nodes_by_id.find(id);
        !id.empty() && it != context.nodes_by_id.end())
      return *it->second;
  }
  return node;
}

// A name from a string or an object's name (of the first, for a list).
std::string name_of(const json* value, const posting_context& context) {
  const auto items = items_of(value);  // a list: its first name
  if (items.empty()) return {};
  const json& node = resolve(*items.front(), context);
  if (node.is_object()) return text_at(node, "name");
  return std::string(trim(text_of(&node)));
}

class posting_reader {
 public:
  posting_reader(const json& posting, const posting_context& context, plugin::record_sink& sink)
      : posting_(posting), context_(context), sink_(sink) {}

  std::optional<plugin::opening_record> read() {
    record_.external_ref = external_ref();
    record_.title = html_to_text(text_at(posting_, "title"));
    if (record_.title.empty()) record_.title = html_to_text(text_at(posting_, "name"));
    if (record_.external_ref.empty() || record_.title.empty()) {
      sink_.warn(record_.external_ref,
                 "JobPosting '" + record_.title + "' skipped: no " +
                     (record_.external_ref.empty() ? "identifier, url or @id" : "title or name"));
      return std::nullopt;
    }
    record_.domain = context_.domain;
    record_.organisation = name_of(member(posting_, "hiringOrganization"), context_);
    read_description();
    read_location();
    read_salary();
    read_employment_type();
    read_skills();
    record_.start_date = date("jobStartDate");
    record_.closing_date = date("validThrough");
    if (const auto openings = number_of(member(posting_, "totalJobOpenings"));
        openings && *openings >= 0 && *openings < 1e6) {
      record_.places_total = static_cast<int>(*openings);
      record_.places_available = record_.places_total;
    }
    if (const std::string url = text_at(posting_, "url"); !url.empty()) {
      if (auto u = normalise_url(url))
        record_.url = *u;
      else
        repair("url '" + url + "' is not a web address; dropped");
    }
    return std::move(record_);
  }

 private:
  void repair(const std::string& what) { sink_.warn(record_.external_ref, what); }

  // identifier (text, number or PropertyValue), else url, else @id.
  std::string external_ref() const {
    for (const json* id : items_of(member(posting_, "identifier"))) {
      const std::string text =
          id->is_object() ? text_at(*id, "value") : std::string(trim(text_of(id)));
      if (!text.empty()) return text;
    }
    if (std::string url = text_at(posting_, "url"); !url.empty()) return url;
    return text_at(posting_, "@id");
  }

  std::string date(std::string_view key) {
    const std::string text = text_at(posting_, key);
    if (text.empty()) return {};
    if (auto d = parse_date(text)) return *d;
    repair(std::string(key) + " '" + text + "' is not a date; dropped");
    return {};
  }

  // "Education: …" and "Experience: …" from a string, a credential or a requirements object.
  static std::string requirement_text(const json* value) {
    std::vector<std::string> parts;
    for (const json* item : items_of(value)) {
      if (!item->is_object()) {
        parts.push_back(html_to_text(text_of(item)));
        continue;
      }
      std::vector<std::string> words{text_at(*item, "credentialCategory"), text_at(*item, "name")};
      if (number_of(member(*item, "monthsOfExperience")))
        words.push_back("at least " + text_of(member(*item, "monthsOfExperience")) + " months");
      words.push_back(html_to_text(text_at(*item, "description")));
      parts.push_back(join_non_empty(words, ", "));
    }
    return join_non_empty(parts, "; ");
  }

  void read_description() {
    const std::string education = requirement_text(member(posting_, "educationRequirements"));
    const std::string experience = requirement_text(member(posting_, "experienceRequirements"));
    record_.description = join_non_empty({html_to_text(text_at(posting_, "description")),
                                          education.empty() ? "" : "Education: " + education,
                                          experience.empty() ? "" : "Experience: " + experience},
                                         "\n\n");
  }

  void read_location() {
    if (text_at(posting_, "jobLocationType") == "TELECOMMUTE") {
      record_.remote = true;
      record_.adjustments.push_back("remote_option");
    }
    const auto places = items_of(member(posting_, "jobLocation"));
    if (places.empty()) return;
    if (places.size() > 1)
      repair(std::to_string(places.size()) + " jobLocations; the first is used");
    const json& place = resolve(*places.front(), context_);
    if (const json* address = member(place, "address")) {
      const json& a = resolve(*address, context_);
      record_.address =
          a.is_object()
              ? join_non_empty({text_at(a, "streetAddress"), text_at(a, "addressLocality"),
                                text_at(a, "addressRegion"), text_at(a, "postalCode")},
                               ", ")
              : std::string(trim(text_of(&a)));
    }
    if (const json* geo = member(place, "geo")) {
      const auto lat = number_of(member(*geo, "latitude"));
      const auto lon = number_of(member(*geo, "longitude"));
      if (lat && lon && *lat >= -90 && *lat <= 90 && *lon >= -180 && *lon <= 180) {
        record_.lat = lat;
        record_.lon = lon;
      } else {
        repair("geo is missing a coordinate or out of range; dropped");
      }
    }
  }

  // baseSalary: a number, a text ("£11.44 per hour"), or a MonetaryAmount whose value is a
  // number or a QuantitativeValue (value, else minValue) with unitText HOUR/DAY/WEEK/MONTH/YEAR.
  void read_salary() {
    const json* salary = member(posting_, "baseSalary");
    if (!salary) return;
    std::optional<double> amount;
    std::string unit;
    if (salary->is_string()) {
      if (auto rate = parse_pay(salary->get_ref<const std::string&>())) {
        amount = rate->amount;
        unit = rate->unit;
      }
    } else if (salary->is_number()) {
      amount = number_of(salary);
    } else if (salary->is_object()) {
      const std::string currency = text_at(*salary, "currency");
      if (!currency.empty() && currency != "GBP")
        repair("salary currency " + currency + " kept as is (Pathways assumes GBP)");
      const json* value = member(*salary, "value");
      unit = text_at(*salary, "unitText");
      if (value && value->is_object()) {
        amount = number_of(member(*value, "value"));
        if (!amount) amount = number_of(member(*value, "minValue"));
        if (const std::string u = text_at(*value, "unitText"); !u.empty()) unit = u;
      } else {
        amount = number_of(value);
      }
      if (!unit.empty()) unit = parse_pay_unit(unit).value_or("");
    }
    if (!amount || *amount < 0) {
      repair("baseSalary has no amount; dropped");
      return;
    }
    if (unit.empty()) unit = context_.pay_unit;
    if (unit.empty()) {
      unit = guess_pay_unit(*amount);
      repair("baseSalary names no unit; taken as per " + unit);
    }
    record_.pay_amount = amount;
    record_.pay_unit = unit;
  }

  // FULL_TIME: the full-time hours unless workHours says otherwise. PART_TIME: the part_time
  // adjustment. VOLUNTEER: the volunteering domain. Others change nothing.
  void read_employment_type() {
    bool full_time = false;
    bool part_time = false;
    for (const json* type : items_of(member(posting_, "employmentType"))) {
      for (const std::string& t : split_list(text_of(type), ", ")) {
        const std::string word = normalise_words(t);
        if (word == "full time") full_time = true;
        if (word == "part time") part_time = true;
        if (word == "volunteer") record_.domain = "volunteering";
      }
    }
    if (part_time) record_.adjustments.push_back("part_time");
    const std::string hours = text_at(posting_, "workHours");
    const std::string hours_words = normalise_words(hours);
    if (hours_words.find("hour") != std::string::npos ||
        hours_words.find("hrs") != std::string::npos) {
      if (auto rate = parse_pay(hours); rate && rate->amount > 0 && rate->amount <= 168) {
        record_.hours_per_week = rate->amount;
        return;
      }
    }
    if (!hours.empty()) repair("workHours '" + hours + "' gives no weekly hours; ignored");
    if (full_time && !part_time) record_.hours_per_week = context_.full_time_hours;
  }

  // skills: text (comma-separated), or DefinedTerms; each matched against the taxonomy.
  void read_skills() {
    std::vector<std::string> unknown;
    for (const json* skill : items_of(member(posting_, "skills"))) {
      const std::string text =
          skill->is_object() ? text_at(*skill, "name") : std::string(trim(text_of(skill)));
      for (const std::string& piece : split_list(text, ",;\n")) {
        const auto term = context_.taxonomy.match(piece);
        if (!term) {
          unknown.push_back(piece);
          continue;
        }
        const bool seen = std::any_of(record_.strengths.begin(), record_.strengths.end(),
                                      [&](const auto& s) { return s.term == *term; });
        if (!seen) record_.strengths.push_back({*term, 1.0});
      }
    }
    if (!unknown.empty())
      repair("skills not in the taxonomy, dropped: " + join_non_empty(unknown, ", "));
  }

  const json& posting_;
  const posting_context& context_;
  plugin::record_sink& sink_;
  plugin::opening_record record_;
};

}  // namespace

std::optional<plugin::opening_record> read_job_posting(const json& posting,
                                                       const posting_context& context,
                                                       plugin::record_sink& sink) {
  return posting_reader(posting, context, sink).read();
}

}  // namespace pathways::feed::jsonld
