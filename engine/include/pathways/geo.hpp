// Distances on the Earth's surface (haversine, mean radius 6371.0088 km).
#pragma once

#include <cmath>
#include <cstdint>

#include "pathways/model.hpp"

namespace pathways {

inline constexpr double earth_radius_km = 6371.0088;

double distance_km(geo_point a, geo_point b) noexcept;

// A point as a unit vector from the Earth's centre, for quick bounds on distances; packed, each
// component rounded to 1/32767ths (within 1.6e-5 of the true one: 6 bytes a place).
struct unit_vector {
  double x = 0;
  double y = 0;
  double z = 0;
};
struct packed_place {
  std::int16_t x = 0;
  std::int16_t y = 0;
  std::int16_t z = 0;
};
unit_vector unit_vector_of(geo_point p) noexcept;
packed_place packed_place_of(geo_point p) noexcept;
// How far packing may move a place: at most sqrt(3) * 1.6e-5 of the radius (0.17 km), rounded up.
inline constexpr double packed_place_slack_km = 0.2;
// The squared chord between a point and a packed place, on the unit sphere. The distance is at
// least R times the chord (haversine's arc 2R asin(c / 2) is never shorter), less the slack.
inline double chord_squared_to(const unit_vector& a, packed_place b) noexcept {
  constexpr double unit = 1.0 / 32767.0;
  const double dx = a.x - b.x * unit;
  const double dy = a.y - b.y * unit;
  const double dz = a.z - b.z * unit;
  return dx * dx + dy * dy + dz * dz;
}
bool is_valid_point(geo_point p) noexcept;

}  // namespace pathways
