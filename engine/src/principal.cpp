// Role checks shared by every service.
#include "pathways/principal.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "pathways/error.hpp"

namespace pathways {

void require_role(const principal& caller, std::initializer_list<role> allowed,
                  const char* action) {
  if (std::find(allowed.begin(), allowed.end(), caller.role) == allowed.end())
    throw error(error_code::forbidden,
                fmt::format("the {} role may not {}", name_of(caller.role), action));
}

}  // namespace pathways
