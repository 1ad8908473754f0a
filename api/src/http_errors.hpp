// The one JSON error shape, {"error":{"code","message","field"}}, and the mapping from the
// engine's error codes to HTTP statuses, done here and nowhere else.
#pragma once

#include <httplib.h>

#include <string>

#include "pathways/error.hpp"

namespace pathways::api {

int status_of(error_code code);
// The wire code for an engine error ("invalid_field", "not_found", ...).
const char* wire_code_of(error_code code);
void write_error(httplib::Response& res, int status, const std::string& code,
                 const std::string& message, const std::string& field = {});
void write_error(httplib::Response& res, const error& e);

}  // namespace pathways::api
