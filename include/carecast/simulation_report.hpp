#pragma once

// A Monte Carlo simulation as a report: each option's statistics per year and of net
// present cost, with the labels the writers show.

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

} // namespace carecast
