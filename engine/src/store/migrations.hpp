// The schema's history: each migration moves the database one version forward.
#pragma once

#include <span>

namespace pathways {

struct migration {
  int version;
  const char* description;
  const char* sql;
};

std::span<const migration> schema_migrations();

}  // namespace pathways
