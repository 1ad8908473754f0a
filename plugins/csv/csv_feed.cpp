// The csv feed plugin: an agency's spreadsheet export, one opening per row.
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "csv_columns.hpp"
#include "pathways/feed/dates.hpp"
#include "pathways/feed/html_text.hpp"
#include "pathways/feed/pay.hpp"
#include "pathways/feed/record_batch.hpp"
#include "pathways/feed/taxonomy_labels.hpp"
#include "pathways/feed/text.hpp"
#include "pathways/feed/web_url.hpp"
#include "pathways/feed/weekly_schedule.hpp"
#include "pathways/plugin/sdk.hpp"

namespace pathways::feed::csv {

namespace {

// Turns one row into a record, repairing what it can and warning for each repair.
class row_reader {
 public:
  row_reader(const column_map& columns, const taxonomy_labels& taxonomy,
             const plugin::settings& config, plugin::record_sink& sink)
      : columns_(columns),
        taxonomy_(taxonomy),
        default_domain_(config.value_or("domain", "work")),
        default_pay_unit_(pay_unit_setting(config)),
        sink_(sink) {}

  // The record, or nullopt (with a warning) when the row cannot be imported.
  std::optional<plugin::opening_record> read(const csv_row& row) {
    row_ = &row;
    plugin::opening_record r;
    r.external_ref = std::string(trim(get(field::id)));
    r.title = html_to_text(get(field::title));
    if (r.external_ref.empty() || r.title.empty()) {
      sink_.warn(r.external_ref,
                 where() + ": skipped, no " + (r.external_ref.empty() ? "id" : "title"));
      return std::nullopt;
    }
    r.organisation = std::string(trim(get(field::organisation)));
    r.domain = lower(trim(get(field::domain)));
    if (r.domain.empty()) r.domain = default_domain_;
    r.description = html_to_text(get(field::description));
    r.address = std::string(trim(get(field::address)));
    r.lat = number(r, field::lat, -90, 90);
    r.lon = number(r, field::lon, -180, 180);
    if (r.lat.has_value() != r.lon.has_value()) {
      repair(r, "has only one of lat and lon; both dropped");
      r.lat.reset();
      r.lon.reset();
    }
    const std::string remote = lower(trim(get(field::remote)));
    r.remote = remote == "yes" || remote == "true" || remote == "y" || remote == "1";
    read_schedule(r);
    r.hours_per_week = number(r, field::hours_per_week, 0, 168);
    read_pay(r);
    r.places_total = integer(r, field::places_total, 0);
    r.places_available = integer(r, field::places_available, 0);
    read_strengths(r);
    r.min_age = integer(r, field::min_age, 0);
    r.max_age = integer(r, field::max_age, 0);
    for (const std::string& a : split_list(get(field::adjustments), ";,"))
      r.adjustments.push_back(snake_case(a));
    r.start_date = date(r, field::start_date);
    r.end_date = date(r, field::end_date);
    r.closing_date = date(r, field::closing_date);
    const std::string status = lower(trim(get(field::status)));
    if (!status.empty()) r.status = status;
    const std::string_view url = trim(get(field::url));
    if (!url.empty()) {
      if (auto u = normalise_url(url))
        r.url = *u;
      else
        repair(r, "url '" + std::string(url) + "' is not a web address; dropped");
    }
    return r;
  }

  std::string where() const { return "line " + std::to_string(row_->line); }

 private:
  std::string_view get(field f) const { return columns_.get(*row_, f); }
  std::string field_name(field f) const {
    return std::string(standard_header[static_cast<std::size_t>(f)]);
  }
  void repair(const plugin::opening_record& r, const std::string& what) {
    sink_.warn(r.external_ref, where() + ": " + what);
  }
  static std::string snake_case(std::string_view text) {
    std::string out = normalise_words(text);
    for (char& c : out)
      if (c == ' ') c = '_';
    return out;
  }

  std::optional<double> number(const plugin::opening_record& r, field f, double min, double max) {
    const std::string_view text = trim(get(f));
    if (text.empty()) return std::nullopt;
    const auto value = parse_number(text);
    if (value && *value >= min && *value <= max) return value;
    repair(r, field_name(f) + " '" + std::string(text) + "' is not a number in range; dropped");
    return std::nullopt;
  }

  std::optional<int> integer(const plugin::opening_record& r, field f, int min) {
    const std::string_view text = trim(get(f));
    if (text.empty()) return std::nullopt;
    const auto value = parse_integer(text);
    if (value && *value >= min) return value;
    repair(r, field_name(f) + " '" + std::string(text) + "' is not a whole number; dropped");
    return std::nullopt;
  }

  std::string date(const plugin::opening_record& r, field f) {
    const std::string_view text = trim(get(f));
    if (text.empty()) return {};
    if (auto d = parse_date(text)) return *d;
    repair(r, field_name(f) + " '" + std::string(text) + "' is not a date; dropped");
    return {};
  }

  void read_schedule(plugin::opening_record& r) {
    const std::string_view text = trim(get(field::schedule));
    if (text.empty()) return;
    if (auto windows = parse_schedule(text))
      r.schedule = std::move(*windows);
    else
      repair(r, "schedule '" + std::string(text) + "' cannot be read; dropped");
  }

  void read_pay(plugin::opening_record& r) {
    const std::string_view text = trim(get(field::pay));
    if (text.empty()) return;
    auto rate = parse_pay(text);
    if (!rate) {
      repair(r, "pay '" + std::string(text) + "' has no amount; dropped");
      return;
    }
    const std::string_view unit_text = trim(get(field::pay_unit));
    if (!unit_text.empty()) {
      if (auto unit = parse_pay_unit(unit_text))
        rate->unit = *unit;
      else
        repair(r, "pay_unit '" + std::string(unit_text) + "' is not a pay unit; ignored");
    }
    if (rate->unit.empty()) rate->unit = default_pay_unit_;
    if (rate->unit.empty()) {
      rate->unit = guess_pay_unit(rate->amount);
      repair(r, "pay '" + std::string(text) + "' names no unit; taken as per " + rate->unit);
    }
    r.pay_amount = rate->amount;
    r.pay_unit = rate->unit;
  }

  // "cooking; Food hygiene:0.5": terms by id or label, each with an optional weight.
  void read_strengths(plugin::opening_record& r) {
    for (const std::string& item : split_list(get(field::strengths), ";,")) {
      std::string name = item;
      double weight = 1.0;
      if (const std::size_t colon = item.rfind(':'); colon != std::string::npos) {
        const auto w = parse_number(std::string_view(item).substr(colon + 1));
        if (w && *w >= 0 && *w <= 1) {
          weight = *w;
          name = std::string(trim(std::string_view(item).substr(0, colon)));
        }
      }
      if (taxonomy_.empty()) {
        r.strengths.push_back({snake_case(name), weight});
      } else if (auto term = taxonomy_.match(name)) {
        r.strengths.push_back({*term, weight});
      } else {
        repair(r, "strength '" + name + "' is not in the taxonomy; dropped");
      }
    }
  }

  const column_map& columns_;
  const taxonomy_labels& taxonomy_;
  std::string default_domain_;
  std::string default_pay_unit_;
  plugin::record_sink& sink_;
  const csv_row* row_ = nullptr;
};

// How many rows name each id that more than one row names: a first pass over the text, so that a
// record can go to the host as soon as its id's last row is read (see record_batch).
std::unordered_map<std::string, std::size_t> rows_per_id(std::string_view text,
                                                         const csv_header& header,
                                                         const column_map& columns) {
  std::unordered_map<std::string, std::size_t> out;
  csv_cursor rows(text);
  csv_row row;
  rows.next(row);  // the header
  while (rows.next(row)) {
    if (row.fields.size() != header.size()) continue;
    if (const std::string_view id = trim(columns.get(row, field::id)); !id.empty())
      ++out[std::string(id)];
  }
  std::erase_if(out, [](const auto& entry) { return entry.second < 2; });
  return out;
}

}  // namespace

// Settings: path (the .csv file), domain (default "work"), pay_unit (the unit of a pay that
// names none; unset: guessed from the amount with a warning), taxonomy (a taxonomy TOML to
// match strength labels; without it strengths pass as ids), column.<field> (header names).
// Rows are read one at a time and each record goes out as soon as it is read (a repeated id's
// once its last row is): only the file's text and the records of repeated ids are held.
class csv_feed {
 public:
  void read(const plugin::settings& config, plugin::record_sink& sink) {
    const std::string text = read_file(config.required("path"));
    csv_cursor rows(text);
    csv_row row;
    if (!rows.next(row)) {
      sink.log(plugin::log_level::warn, "the file is empty");
      return;
    }
    const csv_header header(row.fields);
    const column_map columns(config, header);
    const std::string* taxonomy_path = config.find("taxonomy");
    const taxonomy_labels taxonomy =
        taxonomy_path ? taxonomy_labels::load(*taxonomy_path) : taxonomy_labels{};
    row_reader reader(columns, taxonomy, config, sink);
    record_batch batch(sink);
    batch.expect(rows_per_id(text, header, columns));
    while (rows.next(row)) {
      if (row.fields.size() != header.size()) {
        sink.warn("", "line " + std::to_string(row.line) + ": skipped, " +
                          std::to_string(row.fields.size()) + " fields where the header has " +
                          std::to_string(header.size()));
        continue;
      }
      if (auto record = reader.read(row))
        if (!batch.add(std::move(*record), reader.where())) return;  // the host's record limit
    }
    if (const auto line = rows.unterminated_quote_line())
      sink.warn("", "line " + std::to_string(*line) +
                        ": a quoted field never closes; the rest of the file was one field");
    batch.flush();
  }
};

}  // namespace pathways::feed::csv

PATHWAYS_FEED_PLUGIN(pathways::feed::csv::csv_feed, "csv", "1.0.0")
