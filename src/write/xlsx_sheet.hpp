#pragma once

// What the workbook's sheet writers share: the cell formats, text cells neutralised
// against formula injection, header rows, page breaks, chart axes and the page setup
// of every sheet. Only the xlsx_*.cpp files include libxlsxwriter.

#include "carecast/explain_report.hpp"
#include "carecast/outturn.hpp"
#include "carecast/report.hpp"
#include "carecast/sheet_layout.hpp"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>
#include <xlsxwriter.h>

namespace carecast::xlsx {

// A chart's size as libxlsxwriter inserts it, and a row's height, in pixels.
inline constexpr double k_chart_width = 480.0;
inline constexpr double k_chart_height = 288.0;
inline constexpr double k_row_pixels = 20.0;
// How far below its row a chart starts, in pixels, so that a page break at the row
// does not print the chart's top edge at the foot of the page before.
inline constexpr int k_clear_of_break = 4;

struct Formats
{
  lxw_format* header;        // a column's name: bold, ruled below
  lxw_format* figure_header; // the name of a column of figures: as header, aligned right
  lxw_format* heading;       // a block's title: bold
  lxw_format* amount;        // an amount in the scenario's unit (named in a header), to 2 dp
  lxw_format* whole;         // children, ranks
  lxw_format* percent;       // a probability
  lxw_format* index;         // a Sobol' index, to 3 dp
  lxw_format* number;        // any other figure, at the top of a tall row
  lxw_format* wrapped;       // text wrapped within its column, at the top of a tall row
  lxw_format* unit;          // a unit after a figure: set off from it, at the top of a tall row
};

Formats add_formats(lxw_workbook* workbook);

// A text cell, neutralised against formula injection and made fit for a workbook
// (workbook_text).
void write_text(lxw_worksheet* sheet, lxw_row_t row, lxw_col_t column, const std::string& text,
                lxw_format* format);

// A header row, frozen, with each column's width; the names of the columns from
// `figures_from` on, which hold figures, aligned right with them.
void write_header(lxw_worksheet* sheet, const Formats& formats,
                  const std::vector<std::pair<std::string, double>>& columns,
                  std::size_t figures_from = SIZE_MAX);

// The width on screen, in pixels, of a column `width` characters wide.
double column_pixels(double width);

// The page breaks of a plan.
void set_page_breaks(lxw_worksheet* sheet, const PagePlan& pages);

// A value axis from the range's min to max, with gridlines at each step.
void set_value_axis(lxw_chart_axis* axis, const AxisRange& range);

// Prints a sheet landscape on A4, one page wide, with its header row on every page,
// `title` and the sheet's name above and the page number below.
void set_printing(lxw_worksheet* sheet, const std::string& title);

// The Summary sheet of a compare report (summary_sheet.hpp) and its line chart.
void write_summary(lxw_workbook* workbook, const Report& compare, const Formats& formats);

// explain's Waterfall sheet (the bridge as a waterfall chart, printed on one page) and
// Bridge sheet (its terms, with the chart's figures beside them).
void write_bridge_sheets(lxw_workbook* workbook, const ExplainReport& report,
                         const Formats& formats);

// Budget monitoring's Monitoring sheet, printed landscape one page wide: the lines'
// forecast outturn against budget with their RAG, the notes, and the forecast by period
// with a chart of the year's spend against the budget.
void write_monitoring(lxw_workbook* workbook, const Outturn& outturn, const Formats& formats);

} // namespace carecast::xlsx
