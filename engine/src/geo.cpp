// Haversine distance and coordinate range checks.
#include "pathways/geo.hpp"

#include <cmath>
#include <numbers>

namespace pathways {

namespace {
constexpr double to_radians = std::numbers::pi / 180.0;
}  // namespace

double distance_km(geo_point a, geo_point b) noexcept {
  const double dlat = (b.lat - a.lat) * to_radians;
  const double dlon = (b.lon - a.lon) * to_radians;
  const double h = std::sin(dlat / 2) * std::sin(dlat / 2) +
                   std::cos(a.lat * to_radians) * std::cos(b.lat * to_radians) *
                       std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2 * earth_radius_km * std::asin(std::sqrt(std::min(1.0, h)));
}

unit_vector unit_vector_of(geo_point p) noexcept {
  const double lat = p.lat * to_radians;
  const double lon = p.lon * to_radians;
  return {std::cos(lat) * std::cos(lon), std::cos(lat) * std::sin(lon), std::sin(lat)};
}

packed_place packed_place_of(geo_point p) noexcept {
  const unit_vector u = unit_vector_of(p);
  auto pack = [](double c) { return static_cast<std::int16_t>(std::lround(c * 32767.0)); };
  return {pack(u.x), pack(u.y), pack(u.z)};
}

bool is_valid_point(geo_point p) noexcept {
  return std::isfinite(p.lat) && std::isfinite(p.lon) && p.lat >= -90 && p.lat <= 90 &&
         p.lon >= -180 && p.lon <= 180;
}

}  // namespace pathways
