// The jsonld feed plugin: schema.org JobPosting JSON-LD, as a .json/.jsonld file (one object,
// an array or an @graph) or as the <script type="application/ld+json"> blocks of an HTML page.
#include <stdexcept>
#include <string>
#include <vector>

#include "job_posting.hpp"
#include "pathways/feed/pay.hpp"
#include "pathways/feed/record_batch.hpp"
#include "pathways/feed/text.hpp"
#include "pathways/plugin/sdk.hpp"

namespace pathways::feed::jsonld {

namespace {

constexpr int max_depth = 16;  // nesting of arrays and @graphs followed before giving up

bool is_job_posting(const json& node) {
  for (const json* type : items_of(member(node, "@type"))) {
    const std::string t = text_of(type);
    if (t == "JobPosting" || (t.size() > 11 && t.compare(t.size() - 11, 11, "/JobPosting") == 0) ||
        t == "schema:JobPosting")
      return true;
  }
  return false;
}

// Every JobPosting in node, and every node with an @id for references.
void collect(const json& node, int depth, std::vector<const json*>& postings,
             posting_context& context) {
  if (depth > max_depth) return;
  if (node.is_array()) {
    for (const json& item : node) collect(item, depth + 1, postings, context);
    return;
  }
  if (!node.is_object()) return;
  if (const std::string id = text_at(node, "@id"); !id.empty() && node.size() > 1)
    context.nodes_by_id.emplace(id, &node);
  if (is_job_posting(node)) postings.push_back(&node);
  if (const json* graph = member(node, "@graph")) collect(*graph, depth + 1, postings, context);
}

// The JSON texts in an HTML page's ld+json script blocks.
std::vector<std::string> script_blocks(const std::string& html) {
  std::vector<std::string> blocks;
  const std::string low = lower(html);
  for (std::size_t at = low.find("application/ld+json"); at != std::string::npos;
       at = low.find("application/ld+json", at + 1)) {
    const std::size_t open_end = low.find('>', at);
    if (open_end == std::string::npos) break;
    const std::size_t close = low.find("</script", open_end);
    if (close == std::string::npos) break;
    blocks.push_back(html.substr(open_end + 1, close - open_end - 1));
    at = close;
  }
  return blocks;
}

}  // namespace

// Settings: path (the file), taxonomy (taxonomy TOML for skills → strengths; without it skills
// are dropped with a warning), domain (default "work"), pay_unit (unit of a bare-number
// baseSalary), full_time_hours (default 37.5).
class jsonld_feed {
 public:
  void read(const plugin::settings& config, plugin::record_sink& sink) {
    const std::string path = config.required("path");
    const std::string text = read_file(path);
    std::vector<json> documents;
    if (trim(text).substr(0, 1) == "<") {
      for (const std::string& block : script_blocks(text)) {
        json doc = json::parse(block, nullptr, false);
        if (doc.is_discarded())
          sink.warn("", "an ld+json script block is not JSON; skipped");
        else
          documents.push_back(std::move(doc));
      }
    } else {
      json doc = json::parse(text, nullptr, false);
      if (doc.is_discarded()) throw std::runtime_error("'" + path + "' is not JSON");
      documents.push_back(std::move(doc));
    }
    const std::string* taxonomy_path = config.find("taxonomy");
    const taxonomy_labels taxonomy =
        taxonomy_path ? taxonomy_labels::load(*taxonomy_path) : taxonomy_labels{};
    posting_context context{
        taxonomy, {}, config.value_or("domain", "work"), pay_unit_setting(config), 37.5};
    if (const std::string* hours = config.find("full_time_hours")) {
      const auto h = parse_number(*hours);
      if (!h || *h <= 0 || *h > 168)
        throw std::invalid_argument("full_time_hours '" + *hours + "' is not a number of hours");
      context.full_time_hours = *h;
    }
    std::vector<const json*> postings;
    for (const json& doc : documents) collect(doc, 0, postings, context);
    if (postings.empty()) sink.log(plugin::log_level::warn, "no JobPosting found");
    record_batch batch(sink);
    for (std::size_t i = 0; i < postings.size(); ++i)
      if (auto record = read_job_posting(*postings[i], context, sink))
        batch.add(std::move(*record), "JobPosting " + std::to_string(i + 1));
    batch.flush();
  }
};

}  // namespace pathways::feed::jsonld

PATHWAYS_FEED_PLUGIN(pathways::feed::jsonld::jsonld_feed, "jsonld", "1.0.0")
