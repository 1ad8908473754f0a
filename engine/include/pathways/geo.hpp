// Distances on the Earth's surface (haversine, mean radius 6371.0088 km).
#pragma once

#include <cmath>

#include "pathways/model.hpp"

namespace pathways {

inline constexpr double earth_radius_km = 6371.0088;

double distance_km(geo_point a, geo_point b) noexcept;

// A point as a unit vector from the Earth's centre, for a quick bound on distances.
struct unit_vector {
  float x = 0;
  float y = 0;
  float z = 0;
};
unit_vector unit_vector_of(geo_point p) noexcept;
// At most distance_km between the points, without trigonometry: haversine's arc 2R asin(c / 2) is
// never shorter than R times the chord c. Floats put each component within about 1e-7 of the
// true one, under a metre on the chord; 5 m of slack covers it. Negative when that close.
inline double distance_km_at_least(unit_vector a, unit_vector b) noexcept {
  const double dx = static_cast<double>(a.x) - static_cast<double>(b.x);
  const double dy = static_cast<double>(a.y) - static_cast<double>(b.y);
  const double dz = static_cast<double>(a.z) - static_cast<double>(b.z);
  return earth_radius_km * std::sqrt(dx * dx + dy * dy + dz * dz) - 0.005;
}
bool is_valid_point(geo_point p) noexcept;

}  // namespace pathways
