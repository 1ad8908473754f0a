// Field-level checks of what callers and feeds give us. Malformed values raise
// invalid_argument; values that contradict each other or the taxonomy raise unprocessable.
#pragma once

#include "pathways/model.hpp"
#include "pathways/taxonomy.hpp"

namespace pathways {

// Checks and normalises (trims text, sorts and de-duplicates adjustments).
void validate(agency& a);
void validate(team& t);
void validate(person& p, const taxonomy& terms);
void validate(opportunity& o, const taxonomy& terms);

}  // namespace pathways
