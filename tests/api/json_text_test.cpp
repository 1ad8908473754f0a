// JSON strings written straight into a reply read exactly as nlohmann::json would write them.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "json_text.hpp"

namespace pathways::api {
namespace {

std::string written(std::string_view text) {
  std::string out = "[";
  append_json_string(out, text);
  return out;
}

TEST(json_text, a_string_reads_as_nlohmann_json_writes_it) {
  const std::string samples[] = {
      "",
      "Uses your strength in cooking: \"I run the lunch club\"",
      "back\\slash, tab\there, line\nbreak, return\r, feed\f, bell\b",
      std::string("nul \0 and unit separator \x1f and delete \x7f", 39),
      "Caf\xc3\xa9 \xe2\x80\x9cquoted\xe2\x80\x9d \xc2\xa3"
      "12",
  };
  for (const std::string& s : samples) EXPECT_EQ(written(s), "[" + nlohmann::json(s).dump()) << s;
}

TEST(json_text, text_that_is_not_utf8_is_refused_as_every_reply_refuses_it) {
  std::string out;
  EXPECT_THROW(append_json_string(out, "broken \xc3"), nlohmann::json::type_error);
}

}  // namespace
}  // namespace pathways::api
