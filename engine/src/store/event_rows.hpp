// SQL for the event feed.
#pragma once

#include "pathways/events.hpp"
#include "sqlite.hpp"

namespace pathways::store {

// Appends inside the caller's open write transaction.
void append_event(connection& conn, std::string_view kind, const std::string& subject_id,
                  std::string_view change, const std::optional<std::string>& team_id,
                  const std::optional<std::string>& agency_id);
event_page events_since(connection& conn, const principal& caller, std::int64_t since, int limit);

}  // namespace pathways::store
