// Request ids for the X-Request-Id header, the logs and the audit trail: 16 hex digits, drawn
// without a system call (they name a request; they are not secrets).
#pragma once

#include <string>

namespace pathways::api {

// A fresh id from this thread's generator, seeded once per thread from the system's CSPRNG.
std::string new_request_id();

}  // namespace pathways::api
