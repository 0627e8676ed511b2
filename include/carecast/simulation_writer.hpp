#pragma once

// A Monte Carlo simulation as text: CSV with one column per statistic, JSON, and a
// table for people. Every output names the seed and the number of draws.

#include "carecast/report.hpp"
#include "carecast/simulation.hpp"

#include <string>
#include <vector>

namespace carecast {

struct SimulationReport
{
  std::string scenario;
  std::string title;
  std::string unit;
  std::vector<Label> options;
  std::vector<std::string> years;
  Simulation simulation;
};

SimulationReport simulation_report(const Model& model, const std::string& scenario,
                                   Simulation simulation);

// CSV header: scenario,seed,draws,option,year,measure,mean,p5,p10,p50,p90,p95,
// prob_over_budget,prob_cheapest. `measure` is `cost` (per year) or `npc` (year
// `all`); the probabilities are empty where they do not apply.
std::string write_csv(const SimulationReport& report);
std::string write_json(const SimulationReport& report);
std::string write_terminal(const SimulationReport& report);

} // namespace carecast
