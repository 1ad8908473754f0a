// The event feed, read within the caller's scope.
#include "pathways/events.hpp"

#include "store/event_rows.hpp"

namespace pathways {

event_page event_service::since(const principal& caller, std::int64_t since, int limit) {
  auto conn = db_.connect();
  transaction tx(*conn, transaction::kind::read);
  return store::events_since(*conn, caller, since, limit);
}

}  // namespace pathways
