#pragma once

// A Monte Carlo simulation as text: CSV with one column per statistic, JSON, and a
// table for people. Every output names the seed and the number of draws.

#include "carecast/simulation_report.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace carecast {

// CSV header: scenario,seed,draws,option,vs,year,measure,central,mean,p5,p10,p50,p90,
// p95,prob_over_budget,expected_overspend,prob_cheapest,prob_cheaper,expected_shortfall,
// prob_shortfall. `measure` is `cost` (per year: the budget's risk, and the savings
// shortfall's where there is a target), `npc` (year `all`: prob_cheapest), or, for
// each option against its reference named in `vs`, `difference` (per year, and year
// `total` for the horizon) and `npc_difference` (year `all`), with prob_cheaper.
// Columns that do not apply are empty.
std::string write_csv(const SimulationReport& report);
std::string write_json(const SimulationReport& report);
std::string write_terminal(const SimulationReport& report, std::size_t width);

} // namespace carecast
