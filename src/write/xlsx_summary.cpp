#include "xlsx_sheet.hpp"

#include "carecast/summary_sheet.hpp"
#include "carecast/workbook.hpp"
#include "carecast/writers.hpp"

#include <algorithm>
#include <numeric>

namespace carecast::xlsx {

namespace {

lxw_format* format_of(const SheetCell& cell, const Formats& formats)
{
  switch (cell.style) {
  case CellStyle::title:
    return formats.heading;
  case CellStyle::header:
    return formats.header;
  case CellStyle::figure_header:
    return formats.figure_header;
  case CellStyle::amount:
    return formats.amount;
  case CellStyle::whole:
    return formats.whole;
  case CellStyle::plain:
    break;
  }
  return nullptr;
}

void write_cell(lxw_worksheet* sheet, lxw_row_t row, lxw_col_t column, const SheetCell& cell,
                const Formats& formats)
{
  lxw_format* format = format_of(cell, formats);
  if (cell.formula) {
    worksheet_write_formula_num(sheet, row, column, ("=" + cell.text).c_str(), format, *cell.value);
  } else if (cell.value) {
    worksheet_write_number(sheet, row, column, *cell.value, format);
  } else if (!cell.text.empty()) {
    write_text(sheet, row, column, cell.text, format);
  }
}

// The options' cost and the budget per year as lines, on an axis that starts near them.
void add_chart(lxw_workbook* workbook, lxw_worksheet* sheet, const SummarySheet& summary,
               const std::string& unit)
{
  lxw_chart* chart = workbook_add_chart(workbook, LXW_CHART_LINE);
  const char* name = k_summary_sheet.data();
  const auto first = static_cast<lxw_col_t>(summary.first_year_column);
  const auto last = static_cast<lxw_col_t>(summary.first_year_column + summary.years - 1);
  lxw_chart_line budget{LXW_COLOR_BLACK, LXW_FALSE, 2.0F, LXW_CHART_LINE_DASH_DASH, 0};
  // Colour 0 leaves each option its colour from the chart's palette.
  lxw_chart_line option{0, LXW_FALSE, 2.25F, LXW_CHART_LINE_DASH_SOLID, 0};
  for (const ChartLine& line : summary.lines) {
    const auto row = static_cast<lxw_row_t>(line.row);
    lxw_chart_series* series = chart_add_series(chart, nullptr, nullptr);
    chart_series_set_categories(series, name, 0, first, 0, last);
    chart_series_set_values(series, name, row, first, row, last);
    chart_series_set_name_range(series, name, row, 0);
    chart_series_set_line(series, line.budget ? &budget : &option);
    chart_series_set_marker_type(series, LXW_CHART_MARKER_NONE);
  }
  const bool budget_drawn = std::any_of(summary.lines.begin(), summary.lines.end(),
                                        [](const ChartLine& line) { return line.budget; });
  chart_title_set_name(chart, budget_drawn ? "Cost by option and financial year, with the budget"
                                           : "Cost by option and financial year");
  lxw_chart_font title_font{};
  title_font.size = 12;
  title_font.bold = LXW_TRUE;
  chart_title_set_name_font(chart, &title_font);
  chart_axis_set_name(chart->y_axis, workbook_text(unit).c_str());
  set_value_axis(chart->y_axis, axis_range(summary.low, summary.high));
  // Beside the plot, the legend leaves it the chart's height.
  chart_legend_set_position(chart, LXW_CHART_LEGEND_RIGHT);
  const double width = std::accumulate(summary.widths.begin(), summary.widths.end(), 0.0,
                                       [](double sum, double w) { return sum + column_pixels(w); });
  lxw_chart_options size{};
  size.y_offset = k_clear_of_break;
  size.x_scale = width / k_chart_width;
  size.y_scale = k_summary_chart_rows * k_row_pixels / k_chart_height;
  worksheet_insert_chart_opt(sheet, static_cast<lxw_row_t>(summary.chart_row), 0, chart, &size);
}

} // namespace

void write_summary(lxw_workbook* workbook, const Report& compare, const Formats& formats)
{
  const SummarySheet summary = summary_sheet(compare);
  lxw_worksheet* sheet = workbook_add_worksheet(workbook, k_summary_sheet.data());
  for (std::size_t r = 0; r < summary.rows.size(); ++r) {
    for (std::size_t c = 0; c < summary.rows[r].size(); ++c) {
      write_cell(sheet, static_cast<lxw_row_t>(r), static_cast<lxw_col_t>(c), summary.rows[r][c],
                 formats);
    }
  }
  for (std::size_t c = 0; c < summary.widths.size(); ++c) {
    const auto column = static_cast<lxw_col_t>(c);
    worksheet_set_column(sheet, column, column, summary.widths[c], nullptr);
  }
  worksheet_freeze_panes(sheet, 1, 1);
  set_page_breaks(sheet, summary.pages);
  add_chart(workbook, sheet, summary, compare.unit);
}

} // namespace carecast::xlsx
