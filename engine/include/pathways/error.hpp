// The engine's one error type: a code a caller can act on, a message, and the field at fault.
// The HTTP layer maps the code to a status exactly once; nothing else inspects messages.
#pragma once

#include <stdexcept>
#include <string>

namespace pathways {

enum class error_code {
  invalid_argument,  // malformed input: wrong type, missing field, bad format
  unprocessable,     // well-formed but semantically invalid (unknown term, inconsistent range)
  not_found,         // absent, or outside the caller's scope
  conflict,          // clashes with what is stored (duplicate key, wrong state)
  unauthenticated,   // no valid credentials
  forbidden,         // the caller's role may not do this at all
  internal,          // a fault of ours; never shown in detail to a caller
};

class error : public std::runtime_error {
 public:
  error(error_code code, const std::string& message, std::string field = {})
      : std::runtime_error(message), code_(code), field_(std::move(field)) {}

  error_code code() const noexcept { return code_; }
  const std::string& field() const noexcept { return field_; }

 private:
  error_code code_;
  std::string field_;
};

}  // namespace pathways
