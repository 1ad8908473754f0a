// The demo's closed loop: consents, referrals in every state, and IPS journeys for the demo
// borough, so the indicators have something to show. Deterministic for a seed and a day.
#pragma once

#include <chrono>
#include <cstdint>
#include <vector>

#include "pathways/model.hpp"
#include "pathways/principal.hpp"
#include "store/sqlite.hpp"

namespace pathways {

struct demo_outcomes {
  int consents = 0;
  int referrals = 0;
  int people_in_employment_support = 0;
};

// Who the audit trail names for what the demo loader writes.
principal demo_loader();

// Writes inside the caller's open write transaction (the demo's own), audited as the loader.
demo_outcomes add_demo_outcomes(connection& conn, std::uint64_t seed, std::chrono::sys_days today,
                                const std::vector<team>& teams, const std::vector<person>& people,
                                const std::vector<opportunity>& openings);

}  // namespace pathways
