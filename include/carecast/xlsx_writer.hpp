#pragma once

// Excel workbooks: the figures as numbers with £m formats, frozen header rows, and
// native charts, written with libxlsxwriter.

#include "carecast/params.hpp"
#include "carecast/provenance.hpp"
#include "carecast/report.hpp"

#include <filesystem>

namespace carecast {

// What a workbook shows, a sheet each:
// - Summary: the options' cost per financial year (from a compare report, with its
//   budget, horizon totals and net present costs) and a line chart of them;
// - Lines: every row of a run report, tidy, with a filter;
// - Assumptions: every parameter with its value, unit, place and source;
// - Provenance: the carecast version, command line, inputs' SHA-256 and seed.
struct WorkbookContent
{
  const Report* summary = nullptr; // compare_report
  const Report* lines = nullptr;   // run_report of every option
  const ParameterList* assumptions = nullptr;
  RunProvenance provenance;
};

// Writes the workbook to `path`, whole or not at all; Error when it cannot.
void write_xlsx(const std::filesystem::path& path, const WorkbookContent& content);

} // namespace carecast
