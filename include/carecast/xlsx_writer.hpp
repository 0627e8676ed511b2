#pragma once

// Excel workbooks: the figures as numbers with £m formats, frozen header rows, and
// native charts, written with libxlsxwriter.

#include "carecast/params.hpp"
#include "carecast/provenance.hpp"
#include "carecast/report.hpp"
#include "carecast/sensitivity_writer.hpp"
#include "carecast/simulation_writer.hpp"
#include "carecast/sobol_writer.hpp"

#include <filesystem>

namespace carecast {

// What a workbook shows, a sheet each:
// - Summary: the options' cost per financial year (from a compare report, with its
//   budget, horizon totals and net present costs) and a line chart of them;
// - Lines: every row of a run report, tidy, with a filter;
// - Assumptions: every parameter with its value, unit, place and source;
// - Monte Carlo: each option's statistics per year and of net present cost, and a fan
//   chart per option (P10 to P90 in two shades that meet at the median);
// - Tornado: each parameter's low and high value and the metric's change at each, and
//   a bar chart of the bars the table shows;
// - Sobol: each input's first-order and total index per output, with intervals;
// - Provenance: the carecast version, command line, inputs' SHA-256 and seed.
// A sheet is left out when its content is null.
struct WorkbookContent
{
  const Report* summary = nullptr; // compare_report
  const Report* lines = nullptr;   // run_report of every option
  const ParameterList* assumptions = nullptr;
  RunProvenance provenance;
  const SimulationReport* simulation = nullptr;
  const SensitivityReport* sensitivity = nullptr;
  const SobolReport* sobol = nullptr;
};

// Writes the workbook to `path`, whole or not at all; Error when it cannot.
void write_xlsx(const std::filesystem::path& path, const WorkbookContent& content);

} // namespace carecast
