#pragma once

// Reads scenario files. This is the only part of carecast that knows TOML.

#include "carecast/diagnostic.hpp"
#include "carecast/scenario.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace carecast {

// The longest line a scenario file may have, in bytes: ten times the longest in the
// shipped scenarios.
inline constexpr std::size_t k_max_line_bytes = 4096;

struct LoadResult
{
  // Absent when the file could not be read or parsed at all; otherwise filled as far
  // as the file allowed, with every structural problem in `diagnostics`.
  std::optional<Scenario> scenario;
  std::vector<Diagnostic> diagnostics;
  SourceFiles sources;
};

// `extends = "base.toml"` at the top of a file deep-merges it over its base: tables
// merge key by key, anything else replaces, and every key must exist in the base.
LoadResult load_scenario_file(const std::filesystem::path& path);

// The same from text in memory; `file_name` names it in diagnostics and anchors
// relative `extends` paths.
LoadResult load_scenario_text(std::string text, const std::string& file_name);

} // namespace carecast
