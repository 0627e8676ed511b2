#include "carecast/xlsx_writer.hpp"

#include "xlsx_sheet.hpp"

#include "carecast/params_writer.hpp"
#include "carecast/sensitivity_writer.hpp"
#include "carecast/sobol_writer.hpp"
#include "carecast/unit_format.hpp"
#include "carecast/writers.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <fmt/format.h>
#include <map>
#include <numeric>
#include <set>
#include <unistd.h>
#ifdef _WIN32
#include <windows.h>
#endif

namespace carecast {
namespace {

using xlsx::Formats;
using xlsx::write_header;
using xlsx::write_text;

// The width of a column that fits its header and every one of `texts`.
template <typename Texts>
double fitting(const std::string& header, const Texts& texts)
{
  std::size_t longest = header.size();
  for (const std::string& text : texts) {
    longest = std::max(longest, text.size());
  }
  return static_cast<double>(longest) + 2.0;
}

// A run report with the years across: a row per option, line and measure, in the
// order the report first has them, with a filter.
void write_lines(lxw_workbook* workbook, const Report& report, const Formats& formats)
{
  lxw_worksheet* sheet = workbook_add_worksheet(workbook, k_lines_sheet.data());
  std::vector<std::array<std::string, 3>> keys;
  std::map<std::array<std::string, 3>, lxw_row_t> row_of;
  for (const ReportRow& row : report.rows) {
    std::array<std::string, 3> key{row.option, row.line, row.measure};
    if (row_of.emplace(key, static_cast<lxw_row_t>(keys.size() + 1)).second) {
      keys.push_back(std::move(key));
    }
  }
  std::array<std::set<std::string>, 3> names;
  for (const auto& key : keys) {
    for (std::size_t i = 0; i < 3; ++i) {
      names[i].insert(key[i]);
    }
  }
  const std::string measure = fmt::format("measure (amounts in {})", report.unit);
  std::vector<std::pair<std::string, double>> columns{{"option", fitting("option", names[0])},
                                                      {"line", fitting("line", names[1])},
                                                      {measure, fitting(measure, names[2])}};
  std::map<std::string, lxw_col_t> column_of;
  for (const std::string& year : report.years) {
    column_of.emplace(year, static_cast<lxw_col_t>(columns.size()));
    columns.emplace_back(year, 10.0);
  }
  write_header(sheet, formats, columns, 3);
  for (std::size_t k = 0; k < keys.size(); ++k) {
    for (lxw_col_t c = 0; c < 3; ++c) {
      write_text(sheet, static_cast<lxw_row_t>(k + 1), c, keys[k][c], nullptr);
    }
  }
  for (const ReportRow& row : report.rows) {
    const bool children = row.measure.starts_with("children");
    worksheet_write_number(sheet, row_of.at({row.option, row.line, row.measure}),
                           column_of.at(row.year), row.value,
                           children ? formats.whole : formats.amount);
  }
  worksheet_autofilter(sheet, 0, 0, static_cast<lxw_row_t>(keys.size()),
                       static_cast<lxw_col_t>(columns.size() - 1));
}

// Every parameter, with its source or, for a figure without one, its assumption (a
// parameter has one or the other) in one wide column, the long texts wrapped and each
// row as tall as its longest text.
void write_assumptions(lxw_workbook* workbook, const ParameterList& list, const Formats& formats)
{
  lxw_worksheet* sheet = workbook_add_worksheet(workbook, k_assumptions_sheet.data());
  std::vector<std::string> paths;
  std::vector<std::string> units;
  std::vector<std::string> locations;
  for (const ParameterEntry& entry : list.entries) {
    paths.push_back(entry.path);
    units.push_back(entry.unit);
    locations.push_back(entry.location);
  }
  constexpr double text_width = 70.0;
  constexpr double distribution_width = 30.0;
  write_header(sheet, formats,
               {{"path", fitting("path", paths)},
                {"value", 10.0},
                {"unit", fitting("unit", units) + 1.0},
                {"location", fitting("location", locations)},
                {"basis", 11.0},
                {"source or assumption", text_width},
                {"distribution", distribution_width}});
  lxw_row_t r = 1;
  for (const ParameterEntry& entry : list.entries) {
    const bool sourced = !entry.source.empty();
    const std::string& text = sourced ? entry.source : entry.assumption;
    write_text(sheet, r, 0, entry.path, formats.wrapped);
    worksheet_write_number(sheet, r, 1, entry.value, formats.number);
    write_text(sheet, r, 2, entry.unit, formats.unit);
    write_text(sheet, r, 3, entry.location, formats.wrapped);
    write_text(sheet, r, 4, text.empty() ? "" : sourced ? "source" : "assumption", formats.wrapped);
    write_text(sheet, r, 5, text, formats.wrapped);
    const std::string distribution = description_in_unit(entry);
    write_text(sheet, r, 6, distribution, formats.wrapped);
    const int lines = std::max(wrapped_lines(text, text_width),
                               wrapped_lines(distribution, distribution_width));
    if (lines > 1) {
      worksheet_set_row(sheet, r, LXW_DEF_ROW_HEIGHT * lines, nullptr);
    }
    ++r;
  }
  worksheet_autofilter(sheet, 0, 0, r - 1, 6);
}

// One scale for every option's fan, from the least P10 to the greatest P90, so that
// the fans' widths and levels compare at a glance.
AxisRange fan_axis(const Simulation& simulation)
{
  double low = simulation.cost.front().front().p10;
  double high = simulation.cost.front().front().p90;
  for (const std::vector<Statistics>& years : simulation.cost) {
    for (const Statistics& s : years) {
      low = std::min(low, s.p10);
      high = std::max(high, s.p90);
    }
  }
  return axis_range(low, high);
}

// An option's fan, its years from row `first`: P10 unfilled, then P10 to P50 and P50
// to P90 (the hidden helper columns K and L) stacked on it.
lxw_chart* fan_chart(lxw_workbook* workbook, const SimulationReport& report, std::size_t option,
                     lxw_row_t first, const AxisRange& axis)
{
  lxw_chart* chart = workbook_add_chart(workbook, LXW_CHART_AREA_STACKED);
  const char* name = k_monte_carlo_sheet.data();
  const auto last = static_cast<lxw_row_t>(first + report.years.size() - 1);
  lxw_chart_fill none{LXW_COLOR_WHITE, LXW_TRUE, 0};
  lxw_chart_fill lower{0x6FA8DC, LXW_FALSE, 0};
  lxw_chart_fill upper{0x9FC5E8, LXW_FALSE, 0};
  const std::pair<lxw_col_t, lxw_chart_fill*> parts[] = {{4, &none}, {10, &lower}, {11, &upper}};
  for (const auto& [column, fill] : parts) {
    lxw_chart_series* series = chart_add_series(chart, nullptr, nullptr);
    chart_series_set_categories(series, name, first, 1, last, 1);
    chart_series_set_values(series, name, first, column, last, column);
    chart_series_set_name_range(series, name, 0, column);
    chart_series_set_fill(series, fill);
  }
  chart_show_hidden_data(chart);
  chart_legend_set_position(chart, LXW_CHART_LEGEND_NONE);
  chart_title_set_name(chart, workbook_text(fmt::format("{}: P10 to P90, the shades meeting at "
                                                        "the median",
                                                        report.options[option].id))
                                .c_str());
  lxw_chart_font title_font{};
  title_font.size = 10;
  chart_title_set_name_font(chart, &title_font);
  chart_axis_set_name(chart->y_axis, workbook_text(report.unit).c_str());
  // libxlsxwriter 1.1.4 does not mark an area chart's value axis as one, and would
  // ignore its bounds.
  chart->y_axis->is_value = LXW_TRUE;
  xlsx::set_value_axis(chart->y_axis, axis);
  return chart;
}

// The rows a fan chart takes, and the charts side by side, below the Monte Carlo table.
constexpr int k_fan_rows = 13;
constexpr int k_fans_across = 2;

// Each option's fan (its years from `first_rows`) below the table, which ends before
// row `table_end`: two side by side in `width` pixels, each pair kept on a page.
void write_fans(lxw_workbook* workbook, lxw_worksheet* sheet, const SimulationReport& report,
                const std::vector<lxw_row_t>& first_rows, lxw_row_t table_end, double width)
{
  const AxisRange axis = fan_axis(report.simulation);
  PagePlan pages;
  pages.keep_together(1, static_cast<int>(table_end) - 1);
  for (std::size_t o = 0; o < first_rows.size(); ++o) {
    const auto band = static_cast<int>(o) / k_fans_across;
    const int row = static_cast<int>(table_end) + 1 + band * (k_fan_rows + 1);
    if (o % k_fans_across == 0) {
      pages.keep_together(row, k_fan_rows);
    }
    lxw_chart_options size{};
    size.x_scale = width / k_fans_across / xlsx::k_chart_width;
    size.y_scale = k_fan_rows * xlsx::k_row_pixels / xlsx::k_chart_height;
    size.x_offset =
      static_cast<int32_t>(width / k_fans_across * static_cast<double>(o % k_fans_across));
    size.y_offset = xlsx::k_clear_of_break;
    worksheet_insert_chart_opt(sheet, static_cast<lxw_row_t>(row), 0,
                               fan_chart(workbook, report, o, first_rows[o], axis), &size);
  }
  xlsx::set_page_breaks(sheet, pages);
}

void write_monte_carlo(lxw_workbook* workbook, const SimulationReport& report,
                       const Formats& formats)
{
  lxw_worksheet* sheet = workbook_add_worksheet(workbook, k_monte_carlo_sheet.data());
  const std::string amount = fmt::format(" ({})", report.unit);
  const std::vector<std::pair<std::string, double>> columns{
    {"option", 22.0},      {"year", 22.0},       {"mean" + amount, 12.0},
    {"P5", 10.0},          {"P10", 10.0},        {"P50", 10.0},
    {"P90", 10.0},         {"P95", 10.0},        {"P(over budget)", 14.0},
    {"P(cheapest)", 12.0}, {"P10 to P50", 11.0}, {"P50 to P90", 11.0}};
  write_header(sheet, formats, columns, 2);
  // The fans' band widths are helpers, hidden.
  lxw_row_col_options hidden{LXW_TRUE, 0, LXW_FALSE};
  for (const lxw_col_t column : {lxw_col_t{10}, lxw_col_t{11}}) {
    worksheet_set_column_opt(sheet, column, column, LXW_DEF_COL_WIDTH, nullptr, &hidden);
  }
  const Simulation& simulation = report.simulation;
  const auto write_statistics = [&](lxw_row_t r, const Statistics& s) {
    const double values[] = {s.mean, s.p5, s.p10, s.p50, s.p90, s.p95};
    for (lxw_col_t c = 0; c < 6; ++c) {
      worksheet_write_number(sheet, r, static_cast<lxw_col_t>(2 + c), values[c], formats.amount);
    }
  };
  std::vector<lxw_row_t> first_rows;
  lxw_row_t r = 1;
  for (std::size_t o = 0; o < simulation.cost.size(); ++o) {
    first_rows.push_back(r);
    for (std::size_t y = 0; y < report.years.size(); ++y, ++r) {
      const Statistics& s = simulation.cost[o][y];
      write_text(sheet, r, 0, report.options[o].id, nullptr);
      write_text(sheet, r, 1, report.years[y], nullptr);
      write_statistics(r, s);
      if (const auto& budget = simulation.budget[o][y]) {
        worksheet_write_number(sheet, r, 8, budget->over, formats.percent);
      }
      worksheet_write_number(sheet, r, 10, s.p50 - s.p10, formats.amount);
      worksheet_write_number(sheet, r, 11, s.p90 - s.p50, formats.amount);
    }
  }
  for (std::size_t o = 0; o < simulation.npc.size(); ++o, ++r) {
    write_text(sheet, r, 0, report.options[o].id, nullptr);
    write_text(sheet, r, 1, "net present cost", nullptr);
    write_statistics(r, simulation.npc[o]);
    worksheet_write_number(sheet, r, 9, simulation.cheapest[o], formats.percent);
  }
  double width = 0.0;
  for (std::size_t c = 0; c < 10; ++c) {
    width += xlsx::column_pixels(columns[c].second);
  }
  write_fans(workbook, sheet, report, first_rows, r, width);
}

// The Differences sheet: each option against its reference draw by draw (negative is
// cheaper) per year, over the horizon and in net present cost, with the share of draws
// in which it is cheaper; then each option's budget and savings risks by year.
void write_differences(lxw_workbook* workbook, const SimulationReport& report,
                       const Formats& formats)
{
  lxw_worksheet* sheet = workbook_add_worksheet(workbook, "Differences");
  const std::string amount = fmt::format(" ({})", report.unit);
  write_header(sheet, formats,
               {{"option", 22.0},
                {"against", 22.0},
                {"year", 18.0},
                {"central" + amount, 13.0},
                {"mean", 10.0},
                {"P5", 10.0},
                {"P10", 10.0},
                {"P50", 10.0},
                {"P90", 10.0},
                {"P95", 10.0},
                {"P(cheaper)", 12.0}},
               3);
  const Simulation& simulation = report.simulation;
  lxw_row_t r = 1;
  const auto write_series = [&](const Difference& difference, const std::string& label,
                                const DifferenceSeries& series) {
    write_text(sheet, r, 0, report.options[difference.pair.option].id, nullptr);
    write_text(sheet, r, 1, report.options[difference.pair.reference].id, nullptr);
    write_text(sheet, r, 2, label, nullptr);
    const Statistics& s = series.statistics;
    const double values[] = {s.central, s.mean, s.p5, s.p10, s.p50, s.p90, s.p95};
    for (lxw_col_t c = 0; c < 7; ++c) {
      worksheet_write_number(sheet, r, static_cast<lxw_col_t>(3 + c), values[c], formats.amount);
    }
    if (series.cheaper) {
      worksheet_write_number(sheet, r, 10, *series.cheaper, formats.percent);
    }
    ++r;
  };
  for (const Difference& difference : simulation.differences) {
    for (std::size_t y = 0; y < report.years.size(); ++y) {
      write_series(difference, report.years[y], difference.cost[y]);
    }
    write_series(difference, "horizon total", difference.total);
    write_series(difference, "net present cost", difference.npc);
  }
  r += 1;
  write_text(sheet, r++, 0, "Budget and savings risk", formats.heading);
  write_text(sheet, r++, 0,
             fmt::format("P(over): the share of draws over the year's budget; overspend and "
                         "shortfall: their means over the draws ({}), 0 where within; P(short): "
                         "the share of draws short of the savings target by more than {}.",
                         report.unit, two_decimals(simulation.shortfall_threshold)),
             nullptr);
  const std::vector<std::string> risks{"option",    "",          "year",     "P(over)",
                                       "overspend", "shortfall", "P(short)"};
  for (std::size_t c = 0; c < risks.size(); ++c) {
    write_text(sheet, r, static_cast<lxw_col_t>(c), risks[c],
               c < 3 ? formats.header : formats.figure_header);
  }
  ++r;
  for (std::size_t o = 0; o < report.options.size(); ++o) {
    for (std::size_t y = 0; y < report.years.size(); ++y, ++r) {
      write_text(sheet, r, 0, report.options[o].id, nullptr);
      write_text(sheet, r, 2, report.years[y], nullptr);
      if (const auto& budget = simulation.budget[o][y]) {
        worksheet_write_number(sheet, r, 3, budget->over, formats.percent);
        worksheet_write_number(sheet, r, 4, budget->expected_overspend, formats.amount);
      }
      if (const auto& shortfall = simulation.shortfall[o][y]) {
        worksheet_write_number(sheet, r, 5, shortfall->expected, formats.amount);
        worksheet_write_number(sheet, r, 6, shortfall->beyond_threshold, formats.percent);
      }
    }
  }
}

// The parts of a bar from the change at the low value to the change at the high value,
// stacked from the base: an unfilled gap up to the nearer end when both lie on one side
// of the base, then the parts below and above it.
struct TornadoParts
{
  double gap = 0.0;
  double below = 0.0;
  double above = 0.0;
};

TornadoParts tornado_parts(double change_low, double change_high)
{
  const double lower = std::min(change_low, change_high);
  const double upper = std::max(change_low, change_high);
  if (upper <= 0.0) {
    return {upper, lower - upper, 0.0};
  }
  if (lower >= 0.0) {
    return {lower, 0.0, upper - lower};
  }
  return {0.0, lower, upper};
}

// The chart of the first `shown` bars: stacked bars of the gap (unfilled) and the parts
// below and above the base, so one bar per parameter; its labels left of the plot, every
// one shown, the largest swing at the top; `width` pixels wide, as the table above it.
void insert_tornado_chart(lxw_workbook* workbook, lxw_worksheet* sheet,
                          const SensitivityReport& report, lxw_row_t shown, double width)
{
  const Sensitivity& analysis = report.sensitivity;
  lxw_chart* chart = workbook_add_chart(workbook, LXW_CHART_BAR_STACKED);
  lxw_chart_fill gap{LXW_COLOR_WHITE, LXW_TRUE, 0};
  lxw_chart_fill below{0x70AD47, LXW_FALSE, 0};
  lxw_chart_fill above{0xC0504D, LXW_FALSE, 0};
  const std::pair<lxw_col_t, lxw_chart_fill*> parts[] = {{10, &gap}, {11, &below}, {12, &above}};
  for (const auto& [column, fill] : parts) {
    lxw_chart_series* series = chart_add_series(chart, nullptr, nullptr);
    chart_series_set_categories(series, "Tornado", 1, 0, shown, 0);
    chart_series_set_values(series, "Tornado", 1, column, shown, column);
    chart_series_set_name_range(series, "Tornado", 0, column);
    chart_series_set_fill(series, fill);
  }
  chart_set_series_overlap(chart, 100);
  chart_set_series_gap(chart, 40);
  // A bar chart's y axis is its category axis.
  chart_axis_set_reverse(chart->y_axis);
  chart_axis_set_label_position(chart->y_axis, LXW_CHART_AXIS_LABEL_POSITION_LOW);
  chart_axis_set_interval_unit(chart->y_axis, 1);
  chart_axis_set_num_format(chart->x_axis, "+#,##0.00;-#,##0.00;0");
  chart_axis_set_name(chart->x_axis,
                      workbook_text(fmt::format("Change from {} {} with every parameter at its "
                                                "value",
                                                two_decimals(analysis.base), report.unit))
                        .c_str());
  // Falls are green and rises red, as in the terminal: the axis at the base says which.
  chart_legend_set_position(chart, LXW_CHART_LEGEND_NONE);
  chart_show_hidden_data(chart);
  chart_title_set_name(chart, workbook_text(fmt::format("The {} of {}: each parameter from its "
                                                        "low to its high value",
                                                        analysis.metric.name, analysis.subject))
                                .c_str());
  lxw_chart_options size{};
  size.x_scale = std::max(2.0, width / xlsx::k_chart_width);
  size.y_scale = std::max(1.0, (110.0 + 24.0 * shown) / 288.0);
  const auto rows = static_cast<lxw_row_t>(analysis.tornado.size());
  worksheet_insert_chart_opt(sheet, rows + 2, 0, chart, &size);
}

// Each bar's figures, its low and high value in the parameter's unit and the metric in
// the scenario's; the chart's parts in hidden columns.
void write_tornado(lxw_workbook* workbook, const SensitivityReport& report, const Formats& formats)
{
  lxw_worksheet* sheet = workbook_add_worksheet(workbook, "Tornado");
  // Printed on landscape pages one page wide, the chart whole.
  worksheet_set_landscape(sheet);
  worksheet_fit_to_pages(sheet, 1, 0);
  const Sensitivity& analysis = report.sensitivity;
  const std::string amount = fmt::format(" ({})", report.unit);
  std::size_t longest = 0;
  for (const TornadoBar& bar : analysis.tornado) {
    longest = std::max(longest, report.labels[static_cast<std::size_t>(bar.parameter)].size());
  }
  const std::vector<std::pair<std::string, double>> columns{
    {"parameter", std::clamp(static_cast<double>(longest) + 2.0, 24.0, 90.0)},
    {"range", 9.0},
    {"low value", 13.0},
    {"high value", 13.0},
    {"at low" + amount, 13.0},
    {"at high" + amount, 13.0},
    {"change at low", 14.0},
    {"change at high", 14.0},
    {"swing", 12.0},
    {"address", 48.0}};
  write_header(sheet, formats, columns);
  double width = 0.0;
  for (const auto& column : columns) {
    width += xlsx::column_pixels(column.second);
  }
  lxw_row_col_options hidden{LXW_TRUE, 0, LXW_FALSE};
  worksheet_set_column_opt(sheet, 10, 12, 12.0, nullptr, &hidden);
  for (const auto& [column, name] :
       {std::pair{10, "gap"}, std::pair{11, "below the base"}, std::pair{12, "above the base"}}) {
    write_text(sheet, 0, static_cast<lxw_col_t>(column), name, formats.header);
  }
  std::map<std::string, lxw_format*> in_unit;
  const auto unit_format = [&](const std::string& unit) {
    lxw_format*& format = in_unit[unit];
    if (!format) {
      format = workbook_add_format(workbook);
      format_set_num_format(format, workbook_text(unit_number_format(unit)).c_str());
    }
    return format;
  };
  lxw_row_t r = 1;
  for (const TornadoBar& bar : analysis.tornado) {
    const auto p = static_cast<std::size_t>(bar.parameter);
    write_text(sheet, r, 0, report.labels[p], nullptr);
    write_text(sheet, r, 1, range_text(bar, analysis.swing_share), nullptr);
    worksheet_write_number(sheet, r, 2, bar.low_value, unit_format(report.units[p]));
    worksheet_write_number(sheet, r, 3, bar.high_value, unit_format(report.units[p]));
    const double change_low = bar.metric_low - analysis.base;
    const double change_high = bar.metric_high - analysis.base;
    const TornadoParts parts = tornado_parts(change_low, change_high);
    const std::pair<lxw_col_t, double> amounts[] = {
      {4, bar.metric_low}, {5, bar.metric_high}, {6, change_low},   {7, change_high},
      {8, bar.swing},      {10, parts.gap},      {11, parts.below}, {12, parts.above}};
    for (const auto& [column, value] : amounts) {
      worksheet_write_number(sheet, r, column, value, formats.amount);
    }
    write_text(sheet, r, 9, report.paths[p], nullptr);
    ++r;
  }
  if (const auto shown = static_cast<lxw_row_t>(shown_bars(report)); shown > 0) {
    insert_tornado_chart(workbook, sheet, report, shown, width);
  }
}

// Each output's inputs, the largest total index first.
void write_sobol(lxw_workbook* workbook, const SobolReport& report, const Formats& formats)
{
  lxw_worksheet* sheet = workbook_add_worksheet(workbook, k_sobol_sheet.data());
  std::vector<std::string> ids;
  std::vector<std::string> parameters;
  for (const SobolInput& input : report.inputs) {
    ids.push_back(input.id);
    parameters.push_back(input.parameter);
  }
  write_header(sheet, formats,
               {{"input", fitting("input", ids)},
                {"parameter", fitting("parameter", parameters)},
                {"output", fitting("output", report.outputs)},
                {"first order", 12.0},
                {"low", 10.0},
                {"high", 10.0},
                {"total", 10.0},
                {"low", 10.0},
                {"high", 10.0}},
               3);
  lxw_row_t r = 1;
  const SobolResult& result = report.analysis.result;
  for (std::size_t output = 0; output < report.outputs.size(); ++output) {
    const std::vector<SobolIndex>& indices = result.indices[output];
    std::vector<std::size_t> order(report.inputs.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      return indices[a].total.estimate > indices[b].total.estimate;
    });
    for (const std::size_t i : order) {
      const SobolIndex& index = indices[i];
      write_text(sheet, r, 0, report.inputs[i].id, nullptr);
      write_text(sheet, r, 1, report.inputs[i].parameter, nullptr);
      write_text(sheet, r, 2, report.outputs[output], nullptr);
      const double values[] = {index.first.estimate, index.first.low, index.first.high,
                               index.total.estimate, index.total.low, index.total.high};
      for (lxw_col_t c = 0; c < 6; ++c) {
        worksheet_write_number(sheet, r, static_cast<lxw_col_t>(3 + c), values[c], formats.index);
      }
      ++r;
    }
  }
  worksheet_autofilter(sheet, 0, 0, r - 1, 8);
  write_text(sheet, r + 1, 0, "How the indices were drawn: " + design_text(report.analysis) + ".",
             nullptr);
}

void write_provenance(lxw_workbook* workbook, const RunProvenance& provenance,
                      const Formats& formats)
{
  lxw_worksheet* sheet = workbook_add_worksheet(workbook, k_provenance_sheet.data());
  write_header(sheet, formats, {{"what", 16.0}, {"value", 70.0}, {"sha256", 68.0}});
  lxw_row_t r = 1;
  const auto add = [&](const std::string& what, const std::string& value,
                       const std::string& sha256 = "") {
    write_text(sheet, r, 0, what, nullptr);
    write_text(sheet, r, 1, value, nullptr);
    if (!sha256.empty()) {
      write_text(sheet, r, 2, sha256, nullptr);
    }
    ++r;
  };
  add("carecast", CARECAST_VERSION);
  add("command", fmt::format("carecast {}", fmt::join(provenance.arguments, " ")));
  for (const auto& [path, sha256] : provenance.inputs) {
    add("input", path, sha256);
  }
  add("seed", provenance.seed ? std::to_string(*provenance.seed) : "none");
}

#ifdef _WIN32
constexpr const char* k_null_device = "NUL";
constexpr int k_null_flags = O_WRONLY;

// The name libxlsxwriter opens `path` by: it takes a narrow name, which Windows reads in
// the ANSI code page, so a folder whose name that cannot spell is given by its short
// (8.3) name. `path`'s own name is carecast's, in ASCII (file_system_windows.cpp).
std::string library_file_name(const std::filesystem::path& path,
                              const std::filesystem::path& target)
{
  std::wstring folder(32768, L'\0');
  const DWORD size =
    GetShortPathNameW(path.parent_path().c_str(), folder.data(), static_cast<DWORD>(folder.size()));
  folder = size > 0 && size < folder.size() ? folder.substr(0, size) : path.parent_path().native();
  const std::wstring wide = folder + L"\\" + path.filename().native();
  BOOL lossy = FALSE;
  const int bytes = WideCharToMultiByte(CP_ACP, WC_NO_BEST_FIT_CHARS, wide.c_str(), -1, nullptr, 0,
                                        nullptr, &lossy);
  if (bytes <= 0 || lossy) {
    throw Error(fmt::format("cannot write '{}': the system's code page cannot spell its folder's "
                            "name for the workbook library; write the workbook to another folder",
                            target.string()));
  }
  std::string name(static_cast<std::size_t>(bytes), '\0');
  WideCharToMultiByte(CP_ACP, WC_NO_BEST_FIT_CHARS, wide.c_str(), -1, name.data(), bytes, nullptr,
                      nullptr);
  name.pop_back();
  return name;
}

std::FILE* open_to_write(const std::filesystem::path& path)
{
  return _wfopen(path.c_str(), L"wb");
}
#else
constexpr const char* k_null_device = "/dev/null";
constexpr int k_null_flags = O_WRONLY | O_CLOEXEC;

std::string library_file_name(const std::filesystem::path& path, const std::filesystem::path&)
{
  return path.string();
}

std::FILE* open_to_write(const std::filesystem::path& path)
{
  return std::fopen(path.c_str(), "wb");
}
#endif

// `call()`, with standard error sent to the null device meanwhile; errno as `call` left it.
template <typename Call>
auto without_stderr(const Call& call)
{
  std::fflush(stderr);
  const int saved = ::dup(STDERR_FILENO);
  const int null = ::open(k_null_device, k_null_flags);
  if (saved >= 0 && null >= 0) {
    ::dup2(null, STDERR_FILENO);
  }
  const auto result = call();
  const int reason = errno;
  std::fflush(stderr);
  if (saved >= 0 && null >= 0) {
    ::dup2(saved, STDERR_FILENO);
  }
  for (const int descriptor : {saved, null}) {
    if (descriptor >= 0) {
      ::close(descriptor);
    }
  }
  errno = reason;
  return result;
}

// A new workbook at `path`, which is written for `target`.
lxw_workbook* open_workbook(const std::filesystem::path& path, const std::filesystem::path& target)
{
  // The library reports a file it cannot create on standard error, in its own words;
  // trying first gives carecast's message alone, with the system's reason.
  if (std::FILE* probe = open_to_write(path)) {
    std::fclose(probe);
  } else {
    throw Error(fmt::format("cannot write '{}': {}", target.string(), std::strerror(errno)));
  }
  lxw_workbook* workbook = workbook_new(library_file_name(path, target).c_str());
  if (!workbook) {
    throw Error(fmt::format("cannot write '{}'", target.string()));
  }
  return workbook;
}

// Closing writes the file. The library prints its own account of a failure on
// standard error, so that is silenced while it closes: carecast's one message says
// what failed, with the system's reason for a failed file operation (a full disk, a
// size limit).
void close_workbook(lxw_workbook* workbook, const std::filesystem::path& target)
{
  errno = 0;
  const lxw_error error = without_stderr([&] { return workbook_close(workbook); });
  if (error != LXW_NO_ERROR) {
    const int reason = errno;
    throw Error(fmt::format("cannot write '{}': {}", target.string(),
                            error == LXW_ERROR_ZIP_FILE_OPERATION && reason != 0
                              ? std::strerror(reason)
                              : lxw_strerror(error)));
  }
}

} // namespace

void write_xlsx(const std::filesystem::path& path, const std::filesystem::path& target,
                const Workbook& book, const RunProvenance& provenance)
{
  lxw_workbook* workbook = open_workbook(path, target);
  const Formats formats = xlsx::add_formats(workbook);
  xlsx::write_summary(workbook, book.summary, formats);
  write_lines(workbook, book.lines, formats);
  write_assumptions(workbook, book.assumptions, formats);
  if (book.simulation) {
    write_monte_carlo(workbook, *book.simulation, formats);
    write_differences(workbook, *book.simulation, formats);
  }
  if (book.sensitivity) {
    write_tornado(workbook, *book.sensitivity, formats);
  }
  if (book.sobol) {
    write_sobol(workbook, *book.sobol, formats);
  }
  write_provenance(workbook, provenance, formats);
  lxw_worksheet* sheet = nullptr;
  LXW_FOREACH_WORKSHEET(sheet, workbook)
  {
    xlsx::set_printing(sheet, book.summary.title);
  }
  worksheet_activate(workbook_get_worksheet_by_name(workbook, opening_sheet(book).data()));
  close_workbook(workbook, target);
}

void write_xlsx(const std::filesystem::path& path, const std::filesystem::path& target,
                const Outturn& outturn, const RunProvenance& provenance)
{
  lxw_workbook* workbook = open_workbook(path, target);
  const Formats formats = xlsx::add_formats(workbook);
  xlsx::write_monitoring(workbook, outturn, formats);
  write_provenance(workbook, provenance, formats);
  xlsx::set_printing(
    workbook_get_worksheet_by_name(workbook, "Provenance"),
    fmt::format("Budget monitoring: {}, {}", outturn.scenario, to_string(outturn.year)));
  close_workbook(workbook, target);
}

void write_xlsx(const std::filesystem::path& path, const std::filesystem::path& target,
                const ExplainReport& report, const RunProvenance& provenance)
{
  lxw_workbook* workbook = open_workbook(path, target);
  const Formats formats = xlsx::add_formats(workbook);
  xlsx::write_bridge_sheets(workbook, report, formats);
  write_provenance(workbook, provenance, formats);
  xlsx::set_printing(workbook_get_worksheet_by_name(workbook, "Provenance"), report.heading);
  close_workbook(workbook, target);
}

} // namespace carecast
