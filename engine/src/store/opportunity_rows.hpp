// SQL for opportunities and their valued strengths, adjustments and schedules.
#pragma once

#include <optional>

#include "pathways/model.hpp"
#include "pathways/opportunities.hpp"
#include "pathways/paging.hpp"
#include "sqlite.hpp"

namespace pathways::store {

// Writes openings with statements prepared once: for many openings in one transaction.
class opportunity_writer {
 public:
  explicit opportunity_writer(connection& conn);
  // `feed_digest`: what a partner feed last said about it (see feed_rows.hpp); none otherwise.
  void insert(const opportunity& o, const std::string* feed_digest = nullptr);
  // Rewrites the opening's row and all of its child rows.
  void update(const opportunity& o, const std::string* feed_digest = nullptr);

 private:
  void write_children(const opportunity& o);
  sql::statement insert_, update_;
  sql::statement clear_strengths_, clear_adjustments_, clear_schedule_;
  sql::statement add_strength_, add_adjustment_, add_slot_;
};

void insert_opportunity(connection& conn, const opportunity& o);
// Rewrites the opening's row and all of its child rows.
void update_opportunity(connection& conn, const opportunity& o);
std::optional<opportunity> find_opportunity(connection& conn, const std::string& id);
// Filters as the query says; with `near`, nearest first, otherwise newest first.
page<opportunity> list_opportunities(connection& conn, const opportunity_query& q);

}  // namespace pathways::store
