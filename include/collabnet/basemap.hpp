#pragma once
// Area outlines drawn behind the geographic view (`render --view geo --basemap AREAS.geojson`):
// council areas, coastlines, islands. Read from GeoJSON (RFC 7946) in WGS84 longitude/latitude.

#include <filesystem>
#include <string>
#include <vector>

namespace collabnet {

struct LonLat {
  double lon = 0, lat = 0;
};

/// One area (a GeoJSON Feature): its name and its polygons, each an outer ring followed by its
/// holes (lakes, inland water), each ring closed or not as the file gives it.
struct BasemapArea {
  std::string name;  ///< the feature's `name` property, or "" when it has none
  std::vector<std::vector<std::vector<LonLat>>> polygons;
};

struct Basemap {
  std::string file;         ///< as the user named it
  std::string attribution;  ///< the collection's `attribution` member, or "" (see docs/format.md)
  std::vector<BasemapArea> areas;
};

/// Reads a GeoJSON FeatureCollection (or a single Feature) of Polygons and MultiPolygons.
/// Other geometry types (points, lines) are skipped with no error: they mark places, not land.
/// `attribution` (or `licence` / `license`) at the top level is kept for the map's caption, so
/// that the licence line of the boundaries travels with every drawing of them.
/// Throws InputError with every problem located by JSON path (`features[3].geometry.coordinates
/// [0][2]`): not JSON, not GeoJSON, a coordinate that is not a [longitude, latitude] pair within
/// ±180/±90, a ring of fewer than 3 positions, no polygon at all. O(size of the file).
Basemap load_basemap(const std::filesystem::path& file);

}  // namespace collabnet
