// Told after a person or an opening is committed, so in-memory indexes follow the store.
#pragma once

#include "pathways/model.hpp"

namespace pathways {

class record_listener {
 public:
  virtual ~record_listener() = default;
  virtual void person_saved(const person& p) = 0;
  virtual void opportunity_saved(const opportunity& o) = 0;
};

}  // namespace pathways
