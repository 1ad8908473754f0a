// A believable borough around Norwich for trying Pathways: deterministic for a seed.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pathways/database.hpp"
#include "pathways/principal.hpp"
#include "pathways/taxonomy.hpp"

namespace pathways {

struct demo_summary {
  int teams = 0;
  int agencies = 0;
  int people = 0;
  int opportunities = 0;
  int consents = 0;
  int referrals = 0;
  int people_in_employment_support = 0;
};

// Fills a database that has no teams, agencies, people or opportunities, in one write
// transaction. Returns nullopt (and changes nothing) when the database already holds any.
// The same seed and taxonomy give the same records and ids; dates are set relative to the day
// of loading (records made before it, closing dates after it), so the demo never goes stale.
// Throws pathways::error (internal) if the generator makes a record that fails validation.
std::optional<demo_summary> load_demo(database& db, const taxonomy& terms, std::uint64_t seed);

struct demo_key {
  std::string label;
  principal owner;
  std::string secret;
};

// Demo-only API keys for the seed: admin; a coordinator and an employment_specialist of the
// first demo team; an agency key for the first demo agency. Creates those absent (stored with
// demo = true); a demo key that was revoked stays revoked and is left out of the result.
// Throws pathways::error (unprocessable) when the seed's demo team or agency is not stored.
std::vector<demo_key> ensure_demo_keys(database& db, std::uint64_t seed);

// The id the demo generator gives the n-th (0-based) person, team, agency or opportunity
// (and, with kind "goal", the n-th goal): 32 hex digits of a SHA-256 of seed, kind and n.
std::string demo_id(std::uint64_t seed, std::string_view kind, int n);

}  // namespace pathways
