// The fixed vocabularies of consent, referrals and IPS placements, with their wire names.
#pragma once

#include "pathways/vocabulary.hpp"

namespace pathways {

// What a person may agree to share with an agency: the minimum needed.
enum class shared_field { contact_details, strengths, goals, adjustments };
enum class referral_state {
  sent,
  accepted,
  declined,
  expired,
  started,
  completed,
  ended,
  withdrawn
};
enum class referral_action { accept, decline, start, complete, end, withdraw };
enum class decline_reason {
  no_places_left,
  not_eligible,
  not_a_good_fit,
  could_not_contact,
  other
};
enum class end_reason { person_chose_to_leave, agency_ended, moved_away, health, other };
// IPS: the specialist's contacts with employers, what a person disclosed, and why a job ended.
enum class employer_contact_kind {
  introduction,
  relationship_building,
  vacancy_discussion,
  job_carving,
  follow_up
};
enum class disclosure { not_disclosed, disclosed_some, disclosed_fully };
enum class job_end_reason { resigned, dismissed, contract_ended, better_job, health, other };

template <>
struct vocabulary<shared_field> {
  static constexpr std::array<std::string_view, 4> names{"contact_details", "strengths", "goals",
                                                         "adjustments"};
};
template <>
struct vocabulary<referral_state> {
  static constexpr std::array<std::string_view, 8> names{
      "sent", "accepted", "declined", "expired", "started", "completed", "ended", "withdrawn"};
};
template <>
struct vocabulary<referral_action> {
  static constexpr std::array<std::string_view, 6> names{"accept",   "decline", "start",
                                                         "complete", "end",     "withdraw"};
};
template <>
struct vocabulary<decline_reason> {
  static constexpr std::array<std::string_view, 5> names{
      "no_places_left", "not_eligible", "not_a_good_fit", "could_not_contact", "other"};
};
template <>
struct vocabulary<end_reason> {
  static constexpr std::array<std::string_view, 5> names{"person_chose_to_leave", "agency_ended",
                                                         "moved_away", "health", "other"};
};

template <>
struct vocabulary<employer_contact_kind> {
  static constexpr std::array<std::string_view, 5> names{
      "introduction", "relationship_building", "vacancy_discussion", "job_carving", "follow_up"};
};
template <>
struct vocabulary<disclosure> {
  static constexpr std::array<std::string_view, 3> names{"not_disclosed", "disclosed_some",
                                                         "disclosed_fully"};
};
template <>
struct vocabulary<job_end_reason> {
  static constexpr std::array<std::string_view, 6> names{
      "resigned", "dismissed", "contract_ended", "better_job", "health", "other"};
};

}  // namespace pathways
