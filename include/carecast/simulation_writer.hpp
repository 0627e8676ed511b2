#pragma once

// A Monte Carlo simulation as text: CSV with one column per statistic, JSON, and a
// table for people. Every output names the seed and the number of draws.

#include "carecast/simulation_report.hpp"

#include <string>
#include <vector>

namespace carecast {

// CSV header: scenario,seed,draws,option,year,measure,mean,p5,p10,p50,p90,p95,
// prob_over_budget,prob_cheapest. `measure` is `cost` (per year) or `npc` (year
// `all`); the probabilities are empty where they do not apply.
std::string write_csv(const SimulationReport& report);
std::string write_json(const SimulationReport& report);
std::string write_terminal(const SimulationReport& report);

} // namespace carecast
