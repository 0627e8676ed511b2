#pragma once

// What a workbook shows, a sheet each:
// - Summary: the options compared per financial year (a compare report with its
//   savings rows): cost beside the budget, difference from the first option, variance
//   against budget, cumulative and real cost, savings against target, and each
//   option's net present cost and rank, laid out by summary_sheet.hpp; with a line
//   chart of the options' cost and the budget;
// - Lines: every figure of a run report, a row per option, line and measure, with the
//   years across;
// - Assumptions: every parameter with its value, unit, place and source;
// - Monte Carlo: each option's statistics per year and of net present cost, and a fan
//   chart per option (P10 to P90 in two shades that meet at the median), all on one
//   scale;
// - Tornado: each parameter's low and high value and the metric's change at each, and
//   a bar chart of the bars the table shows;
// - Sobol: each input's first-order and total index per output, with intervals, the
//   largest total index first;
// - Provenance: the carecast version, command line, inputs' SHA-256 and seed.
// An analysis's sheet is left out when the workbook has no such analysis.

#include "carecast/evaluator.hpp"
#include "carecast/params.hpp"
#include "carecast/report.hpp"
#include "carecast/sensitivity_report.hpp"
#include "carecast/simulation_report.hpp"
#include "carecast/sobol_report.hpp"

#include <string>
#include <string_view>

namespace carecast {

inline constexpr std::string_view k_summary_sheet = "Summary";
inline constexpr std::string_view k_lines_sheet = "Lines";
inline constexpr std::string_view k_assumptions_sheet = "Assumptions";
inline constexpr std::string_view k_monte_carlo_sheet = "Monte Carlo";
inline constexpr std::string_view k_tornado_sheet = "Tornado";
inline constexpr std::string_view k_sobol_sheet = "Sobol";
inline constexpr std::string_view k_provenance_sheet = "Provenance";

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

// The workbook of a command's report: the Summary is a compare report as given, and
// the Lines a run report as given, with the options the run chose.
Workbook workbook(const Model& model, const Outcome& outcome, const Report& report);

// The sheet a workbook opens on: the analysis it was written for, else the Summary.
std::string_view opening_sheet(const Workbook& book);

} // namespace carecast
