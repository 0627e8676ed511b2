#pragma once

// Reads a file of actuals: what a figure turned out to be, per financial year, line
// and measure, to set a forecast against (docs/backtest.md). Each problem is
// reported at the cell that has it; rows with a problem are left out.

#include "carecast/calendar.hpp"
#include "carecast/diagnostic.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace carecast {

// The measure of a row whose file has no `measure` column, or leaves the cell empty.
inline constexpr std::string_view k_default_measure = "cost";

struct Actual
{
  FinancialYear year;
  std::string line;
  std::string measure;
  double value = 0.0;
  std::string source;
  std::string note;
  // Where the row wrote its year, line and measure (the line's cell when the row
  // has no measure of its own), for problems found when matching it to a forecast.
  SourcePos year_pos;
  SourcePos line_pos;
  SourcePos measure_pos;
  SourcePos value_pos;
};

struct ActualsResult
{
  std::vector<Actual> actuals; // in the file's order, without the rows that have problems
  std::vector<Diagnostic> diagnostics;
  SourceFiles sources;
  std::vector<Diagnostic> warnings; // the CSV file's (csv_table.hpp)
};

ActualsResult read_actuals_file(const std::filesystem::path& path);
// The same from text in memory; `file_name` names it in diagnostics.
ActualsResult read_actuals_text(std::string text, const std::string& file_name);

} // namespace carecast
