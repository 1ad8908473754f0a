// Distances on the Earth's surface (haversine, mean radius 6371.0088 km).
#pragma once

#include "pathways/model.hpp"

namespace pathways {

double distance_km(geo_point a, geo_point b) noexcept;
bool is_valid_point(geo_point p) noexcept;

}  // namespace pathways
