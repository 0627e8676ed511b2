#pragma once

// What a workbook shows, a sheet each:
// - Summary: the options' cost per financial year (a compare report with its savings
//   rows, budget, horizon totals and net present costs) and a line chart of them;
// - Lines: every row of a run report, tidy, with a filter;
// - Assumptions: every parameter with its value, unit, place and source;
// - Monte Carlo: each option's statistics per year and of net present cost, and a fan
//   chart per option (P10 to P90 in two shades that meet at the median);
// - Tornado: each parameter's low and high value and the metric's change at each, and
//   a bar chart of the bars the table shows;
// - Sobol: each input's first-order and total index per output, with intervals;
// - Provenance: the carecast version, command line, inputs' SHA-256 and seed.
// An analysis's sheet is left out when the workbook has no such analysis.

#include "carecast/evaluator.hpp"
#include "carecast/params.hpp"
#include "carecast/report.hpp"
#include "carecast/sensitivity_report.hpp"
#include "carecast/simulation_report.hpp"
#include "carecast/sobol_report.hpp"

#include <string>

namespace carecast {

struct Workbook
{
  Report summary;
  Report lines;
  ParameterList assumptions;
  // The analysis the workbook was written for, if any; owned by the caller.
  const SimulationReport* simulation = nullptr;
  const SensitivityReport* sensitivity = nullptr;
  const SobolReport* sobol = nullptr;
};

// The workbook of a scenario's own figures: its summary, lines and assumptions.
Workbook workbook(const Model& model, const Outcome& outcome, const std::string& scenario);

} // namespace carecast
