// The strengths taxonomy: the shipped file loads; broken files fail naming the term at fault.
#include <gtest/gtest.h>

#include <fstream>

#include "pathways/error.hpp"
#include "pathways/taxonomy.hpp"
#include "temp_dir.hpp"

namespace pathways::testing {
namespace {

std::string load_error(const std::string& toml_text) {
  temp_dir dir;
  std::ofstream(dir.file("t.toml")) << toml_text;
  try {
    taxonomy::load(dir.file("t.toml"));
  } catch (const error& e) {
    return e.what();
  }
  return "loaded";
}

TEST(strengths_taxonomy, the_shipped_taxonomy_covers_every_domain) {
  const taxonomy t = taxonomy::load(shipped_taxonomy());
  EXPECT_GE(t.terms().size(), 150u);
  EXPECT_LE(t.terms().size(), 300u);
  for (std::size_t d = 0; d < vocabulary<domain>::names.size(); ++d) {
    int count = 0;
    for (const auto& term : t.terms())
      for (domain x : term.domains) count += x == static_cast<domain>(d);
    EXPECT_GE(count, 10) << vocabulary<domain>::names[d];
  }
}

TEST(strengths_taxonomy, related_links_go_both_ways) {
  const taxonomy t = taxonomy::load(shipped_taxonomy());
  for (const auto& term : t.terms())
    for (const auto& r : term.related) {
      const auto* other = t.find(r);
      ASSERT_NE(other, nullptr);
      EXPECT_NE(std::find(other->related.begin(), other->related.end(), term.id),
                other->related.end())
          << term.id << " -> " << r;
    }
  const auto* cooking = t.find("cooking");
  ASSERT_NE(cooking, nullptr);
  EXPECT_NE(std::find(cooking->related.begin(), cooking->related.end(), "catering"),
            cooking->related.end());
}

TEST(strengths_taxonomy, an_unknown_related_term_is_named) {
  const std::string e = load_error(R"([[term]]
id = "cooking"
label = "Cooking"
domains = ["work"]
related = ["catring"]
)");
  EXPECT_NE(e.find("cooking"), std::string::npos) << e;
  EXPECT_NE(e.find("catring"), std::string::npos) << e;
}

TEST(strengths_taxonomy, duplicate_ids_unknown_domains_and_unknown_keys_are_refused) {
  EXPECT_NE(load_error("[[term]]\nid = \"a\"\nlabel = \"A\"\ndomains = [\"work\"]\n"
                       "[[term]]\nid = \"a\"\nlabel = \"A2\"\ndomains = [\"work\"]\n")
                .find("defined twice"),
            std::string::npos);
  EXPECT_NE(load_error("[[term]]\nid = \"a\"\nlabel = \"A\"\ndomains = [\"astrology\"]\n")
                .find("astrology"),
            std::string::npos);
  EXPECT_NE(load_error("[[term]]\nid = \"a\"\nlabel = \"A\"\ndomains = [\"work\"]\ncolour = 1\n")
                .find("colour"),
            std::string::npos);
  EXPECT_NE(
      load_error("[[term]]\nid = \"Bad Id\"\nlabel = \"A\"\ndomains = [\"work\"]\n").find("Bad Id"),
      std::string::npos);
  EXPECT_NE(load_error("[[term]\n").find("line"), std::string::npos);
}

}  // namespace
}  // namespace pathways::testing
