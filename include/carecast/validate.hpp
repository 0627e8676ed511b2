#pragma once

// Checks a loaded scenario's meaning: ranges, references, dates inside the horizon,
// cycles. Everything downstream may assume what it checks.

#include "carecast/diagnostic.hpp"
#include "carecast/loader.hpp"
#include "carecast/scenario.hpp"

#include <cstddef>
#include <filesystem>
#include <vector>

namespace carecast {

// The most financial years a scenario may span.
inline constexpr int k_max_years = 30;

// The most figures a scenario may give each draw: options x (lines + placement types)
// x years. A block of draws takes about 11 kB for each on every thread, so this bounds
// an evaluation's memory near 250 MB a thread; the DCST scenario has 3 x 14 x 6 = 252.
inline constexpr std::size_t k_max_scenario_size = 20'000;

std::vector<Diagnostic> validate(const Scenario& scenario);

// Loads and validates in one pass: `scenario` is set only when there is no problem,
// and `diagnostics` holds every problem sorted by position.
LoadResult read_scenario(const std::filesystem::path& path);
LoadResult read_scenario_text(std::string text, const std::string& file_name);

} // namespace carecast
