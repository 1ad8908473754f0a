// The audit trail for a person's team, and verification of the whole chain.
#include "pathways/audit.hpp"

#include "pathways/error.hpp"
#include "person_access.hpp"
#include "store/audit_rows.hpp"

namespace pathways {

page<audit_entry> audit_service::for_person(const principal& caller, const std::string& person_id,
                                            const page_request& paging) {
  auto conn = db_.connect();
  transaction tx(*conn, transaction::kind::write);
  audited_person(*conn, tx, caller, person_id, "audit.read", "audit");
  auto out = store::list_audit(*conn, person_id, paging);
  tx.commit();
  return out;
}

void audit_service::record(const principal& caller, const std::vector<std::string>& person_ids,
                           std::string_view action, std::string_view fields, bool allowed) {
  if (person_ids.empty()) return;
  reads_from_memory_.run([&](store::audit_chain& chain) {
    for (const auto& id : person_ids) chain.append(caller, id, action, fields, allowed);
  });
}

std::optional<audit_anchor> audit_service::head() {
  auto conn = db_.connect();
  transaction tx(*conn, transaction::kind::read);
  return store::audit_head(*conn);
}

audit_verdict audit_service::verify(const std::optional<audit_anchor>& anchor) {
  auto conn = db_.connect();
  transaction tx(*conn, transaction::kind::read);
  audit_verdict v;
  std::string previous(64, '0');
  std::int64_t expected_seq = 1;
  if (anchor) v.anchor = audit_verdict::anchor_check::missing;
  store::each_audit(*conn, [&](const audit_entry& e) {
    ++v.rows;
    const bool linked = e.previous_hash == previous && e.seq == expected_seq;
    if (v.intact && (!linked || store::audit_hash(e) != e.hash)) {
      v.intact = false;
      v.first_broken_seq = e.seq;
    }
    if (anchor && e.seq == anchor->seq)
      v.anchor = e.hash == anchor->hash ? audit_verdict::anchor_check::found
                                        : audit_verdict::anchor_check::differs;
    previous = e.hash;
    v.last_seq = e.seq;
    expected_seq = e.seq + 1;
  });
  v.last_hash = previous;
  if (anchor && v.anchor != audit_verdict::anchor_check::found) v.intact = false;
  return v;
}

}  // namespace pathways
