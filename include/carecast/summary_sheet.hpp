#pragma once

// The Summary sheet of a workbook as cells, before any is written: a compare report's
// measures with the years across, a block per measure and a row per option. Totals,
// differences, variances, cumulative costs, shortfalls and ranks are formulas of the
// sheet's own cells, each with the value carecast computes for it, so that a program
// that does not recalculate still shows the figure.

#include "carecast/report.hpp"
#include "carecast/sheet_layout.hpp"

#include <optional>
#include <string>
#include <vector>

namespace carecast {

enum class CellStyle {
  plain,         // a label
  title,         // a block's title
  header,        // a column's name
  figure_header, // the name of a column of figures, aligned with them
  amount,        // in the report's unit, to 2 decimals
  whole,         // a whole number: a rank
};

struct SheetCell
{
  // A label; for a formula, the formula (without its leading '=').
  std::string text;
  // A number, or the value of the formula; none for a label or an empty cell.
  std::optional<double> value;
  bool formula = false;
  CellStyle style = CellStyle::plain;
};

// A line of the Summary's chart: the row holding its value for each year.
struct ChartLine
{
  std::string name;
  int row = 0;
  bool budget = false;
};

struct SummarySheet
{
  std::vector<std::vector<SheetCell>> rows; // row 0 is the header
  std::vector<double> widths;               // each column's width in characters
  int first_year_column = 1;
  int years = 0;
  std::vector<ChartLine> lines; // each option's cost, and the budget when there is one
  double low = 0.0;             // the least and greatest value the chart draws
  double high = 0.0;
  int chart_row = 0; // where the chart's top left corner goes, in column 0
  PagePlan pages;    // breaks that keep each block and the chart whole on a page
};

// The rows a chart of the Summary takes, under a page's height (k_page_rows).
inline constexpr int k_summary_chart_rows = 14;

// The Summary of a compare report (compare_with_savings): cost with the budget,
// difference from the first option, variance against budget, cumulative cost, real
// cost when the report has it, the savings target, delivered and shortfall when it
// has savings rows, and each option's net present cost, rank (1 = cheapest) and the
// year from which it meets its savings target.
SummarySheet summary_sheet(const Report& compare);

// A cell's A1 name: cell_name(0, 0) is "A1", cell_name(9, 27) "AB10".
std::string cell_name(int row, int column);

} // namespace carecast
