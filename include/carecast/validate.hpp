#pragma once

// Checks a loaded scenario's meaning: ranges, references, dates inside the horizon,
// cycles. Everything downstream may assume what it checks.

#include "carecast/diagnostic.hpp"
#include "carecast/loader.hpp"
#include "carecast/scenario.hpp"

#include <filesystem>
#include <vector>

namespace carecast {

// The most financial years a scenario may span.
inline constexpr int k_max_years = 30;

std::vector<Diagnostic> validate(const Scenario& scenario);

// Loads and validates in one pass: `scenario` is set only when there is no problem,
// and `diagnostics` holds every problem sorted by position.
LoadResult read_scenario(const std::filesystem::path& path);
LoadResult read_scenario_text(std::string text, const std::string& file_name);

} // namespace carecast
