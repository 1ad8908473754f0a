// Opening records to record lines and back: each field named once, for both ends of the pipe.
#include "worker_protocol.hpp"

#include <charconv>
#include <cmath>
#include <type_traits>

namespace pathways::feed_host::protocol {
namespace {

// Calls f(member) for every field of an opening record, in the order of a record line.
template <class Record, class F>
void each_field(Record& r, F&& f) {
  f(r.external_ref);
  f(r.organisation);
  f(r.domain);
  f(r.title);
  f(r.description);
  f(r.lat);
  f(r.lon);
  f(r.address);
  f(r.remote);
  f(r.schedule);
  f(r.hours_per_week);
  f(r.pay_amount);
  f(r.pay_unit);
  f(r.places_total);
  f(r.places_available);
  f(r.strengths);
  f(r.min_age);
  f(r.max_age);
  f(r.adjustments);
  f(r.start_date);
  f(r.end_date);
  f(r.closing_date);
  f(r.status);
  f(r.url);
}

constexpr std::string_view replacement = "\xEF\xBF\xBD";  // U+FFFD

// Appends text escaped; an invalid UTF-8 sequence (its longest valid start, or one stray byte)
// becomes U+FFFD, as nlohmann::json's dump with error_handler_t::replace does.
void put_text(std::string& out, std::string_view s) {
  const std::size_t n = s.size();
  std::size_t i = 0;
  while (i < n) {
    std::size_t plain = i;  // a run that needs nothing
    while (plain < n) {
      const auto c = static_cast<unsigned char>(s[plain]);
      if (c >= 0x80 || c == '\\' || c == '\t' || c == '\n' || c == '\r') break;
      ++plain;
    }
    out.append(s.data() + i, plain - i);
    i = plain;
    if (i == n) break;
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      out += '\\';
      out += c == '\\' ? '\\' : c == '\t' ? 't' : c == '\n' ? 'n' : 'r';
      ++i;
      continue;
    }
    std::size_t need = 0;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF)
      need = 1;
    else if (c == 0xE0)
      need = 2, lo = 0xA0;
    else if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF)
      need = 2;
    else if (c == 0xED)
      need = 2, hi = 0x9F;
    else if (c == 0xF0)
      need = 3, lo = 0x90;
    else if (c >= 0xF1 && c <= 0xF3)
      need = 3;
    else if (c == 0xF4)
      need = 3, hi = 0x8F;
    if (need == 0) {  // not a lead byte
      out += replacement;
      ++i;
      continue;
    }
    std::size_t j = i + 1, got = 0;
    for (; got < need && j < n; ++got, ++j) {
      const auto d = static_cast<unsigned char>(s[j]);
      if (d < lo || d > hi) break;
      lo = 0x80;
      hi = 0xBF;
    }
    if (got == need)
      out.append(s.data() + i, need + 1);
    else
      out += replacement;  // the byte at j (if any) starts afresh
    i = j;
  }
}

template <class T>
void put_number(std::string& out, T v) {
  char buffer[32];
  const auto r = std::to_chars(buffer, buffer + sizeof buffer, v);
  out.append(buffer, r.ptr);
}

void put(std::string& out, const std::string& v) {
  put_text(out, v);
}
void put(std::string& out, bool v) {
  out += v ? '1' : '0';
}
void put(std::string& out, double v) {
  if (std::isfinite(v)) put_number(out, v);
}
void put(std::string& out, int v) {
  put_number(out, v);
}
template <class T>
void put(std::string& out, const std::optional<T>& v) {
  if (v) put(out, *v);
}
void put(std::string& out, const plugin::time_window& w) {
  put(out, w.day);
  out += '\t';
  put(out, w.opens);
  out += '\t';
  put(out, w.closes);
}
void put(std::string& out, const plugin::valued_strength& s) {
  put(out, s.term);
  out += '\t';
  put(out, s.weight);
}
template <class T>
void put(std::string& out, const std::vector<T>& list) {
  put_number(out, list.size());
  for (const T& item : list) {
    out += '\t';
    put(out, item);
  }
}

// Reads a record line's fields in turn.
class reader {
 public:
  explicit reader(std::string_view line) : rest_(line) {
    if (rest_.empty() || rest_.front() != record_mark) bad();
    rest_.remove_prefix(1);
  }

  void get(std::string& v) {
    const std::string_view raw = next();
    if (raw.empty()) return;  // unset: the record's default stands
    if (raw.find('\\') == std::string_view::npos) {
      v.assign(raw);
      return;
    }
    v.clear();
    v.reserve(raw.size());
    for (std::size_t i = 0; i < raw.size(); ++i) {
      if (raw[i] != '\\') {
        v += raw[i];
        continue;
      }
      if (++i == raw.size()) bad();
      switch (raw[i]) {
        case '\\':
          v += '\\';
          break;
        case 't':
          v += '\t';
          break;
        case 'n':
          v += '\n';
          break;
        case 'r':
          v += '\r';
          break;
        default:
          bad();
      }
    }
  }
  void get(bool& v) {
    const std::string_view raw = next();
    if (raw != "0" && raw != "1") bad();
    v = raw == "1";
  }
  template <class T>
  void get(std::optional<T>& v) {
    const std::string_view raw = next();
    if (!raw.empty()) v = number<T>(raw);
  }
  void get(double& v) { v = number<double>(next()); }  // required: an empty one is malformed
  void get(plugin::time_window& w) {
    get(w.day);
    get(w.opens);
    get(w.closes);
  }
  void get(plugin::valued_strength& s) {
    get(s.term);
    get(s.weight);
  }
  template <class T>
  void get(std::vector<T>& list) {
    const auto count = number<std::size_t>(next());
    if (count > rest_.size()) bad();  // each item takes at least a tab
    list.resize(count);
    for (T& item : list) get(item);
  }
  void finish() const {
    if (!rest_.empty()) bad();
  }

 private:
  [[noreturn]] static void bad() { throw malformed_line("malformed record line"); }

  std::string_view next() {
    if (rest_.empty() || rest_.front() != '\t') bad();
    rest_.remove_prefix(1);
    const std::size_t tab = rest_.find('\t');
    const std::string_view field = rest_.substr(0, tab);
    rest_.remove_prefix(field.size());
    return field;
  }
  template <class T>
  static T number(std::string_view raw) {
    T v{};
    const auto r = std::from_chars(raw.data(), raw.data() + raw.size(), v);
    if (raw.empty() || r.ec != std::errc() || r.ptr != raw.data() + raw.size()) bad();
    return v;
  }

  std::string_view rest_;
};

}  // namespace

void append_record(std::string& out, const plugin::opening_record& r) {
  out += record_mark;
  each_field(r, [&](const auto& v) {
    out += '\t';
    put(out, v);
  });
  out += '\n';
}

plugin::opening_record read_record(std::string_view line) {
  plugin::opening_record r;
  reader in(line);
  each_field(r, [&](auto& v) { in.get(v); });
  in.finish();
  return r;
}

}  // namespace pathways::feed_host::protocol
