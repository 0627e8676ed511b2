#include "carecast/xlsx_writer.hpp"

#include "carecast/batch.hpp"
#include "carecast/sensitivity_writer.hpp"
#include "carecast/unit_format.hpp"
#include "carecast/writers.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <fmt/format.h>
#include <map>
#include <unistd.h>
#include <xlsxwriter.h>

namespace carecast {
namespace {

// The formats every sheet shares.
struct Formats
{
  lxw_format* header;
  lxw_format* amount; // an amount in the scenario's unit
  lxw_format* number; // any other figure
};

Formats add_formats(lxw_workbook* workbook, const std::string& unit)
{
  Formats formats{workbook_add_format(workbook), workbook_add_format(workbook),
                  workbook_add_format(workbook)};
  format_set_bold(formats.header);
  format_set_bottom(formats.header, LXW_BORDER_THIN);
  // £m amounts read as £64.43m; another unit keeps two decimals, named in the header.
  format_set_num_format(formats.amount, unit == "£m" ? "\"£\"#,##0.00\"m\"" : "#,##0.00");
  format_set_num_format(formats.number, "General");
  return formats;
}

// A text cell, neutralised against formula injection.
void write_text(lxw_worksheet* sheet, lxw_row_t row, lxw_col_t column, const std::string& text,
                lxw_format* format)
{
  worksheet_write_string(sheet, row, column, neutralised(text).c_str(), format);
}

// A header row, frozen, with each column's width.
void write_header(lxw_worksheet* sheet, const Formats& formats,
                  const std::vector<std::pair<std::string, double>>& columns)
{
  for (std::size_t c = 0; c < columns.size(); ++c) {
    const auto column = static_cast<lxw_col_t>(c);
    write_text(sheet, 0, column, columns[c].first, formats.header);
    worksheet_set_column(sheet, column, column, columns[c].second, nullptr);
  }
  worksheet_freeze_panes(sheet, 1, 0);
}

std::string label_name(const Label& label)
{
  return label.name.empty() ? label.id : label.name;
}

void write_summary(lxw_workbook* workbook, const Report& report, const Formats& formats)
{
  lxw_worksheet* sheet = workbook_add_worksheet(workbook, "Summary");
  const std::string total(k_total_line);
  const bool has_budget = std::any_of(report.rows.begin(), report.rows.end(),
                                      [](const ReportRow& row) { return row.measure == "budget"; });
  std::vector<std::pair<std::string, double>> columns{{"Year", 12.0}};
  if (has_budget) {
    columns.emplace_back(fmt::format("Budget ({})", report.unit), 14.0);
  }
  for (const Label& option : report.options) {
    columns.emplace_back(label_name(option),
                         std::max(14.0, static_cast<double>(label_name(option).size()) + 2.0));
  }
  write_header(sheet, formats, columns);
  const std::size_t first_option = has_budget ? 2 : 1;
  const auto column_of = [&](std::size_t option) {
    return static_cast<lxw_col_t>(first_option + option);
  };
  const auto years = static_cast<lxw_row_t>(report.years.size());
  for (lxw_row_t y = 0; y < years; ++y) {
    const std::string& year = report.years[y];
    write_text(sheet, y + 1, 0, year, nullptr);
    if (has_budget) {
      if (const double* budget = report.find(report.options.front().id, year, total, "budget")) {
        worksheet_write_number(sheet, y + 1, 1, *budget, formats.amount);
      }
    }
    for (std::size_t o = 0; o < report.options.size(); ++o) {
      if (const double* cost = report.find(report.options[o].id, year, total, "cost")) {
        worksheet_write_number(sheet, y + 1, column_of(o), *cost, formats.amount);
      }
    }
  }
  // The horizon's total and net present cost under each option.
  worksheet_write_string(sheet, years + 1, 0, "Total", formats.header);
  worksheet_write_string(sheet, years + 2, 0, "Net present cost", formats.header);
  const std::vector<BatchSummaryRow> totals = batch_summary_rows(report);
  for (std::size_t o = 0; o < totals.size(); ++o) {
    worksheet_write_number(sheet, years + 1, column_of(o), totals[o].horizon_total, formats.amount);
    worksheet_write_number(sheet, years + 2, column_of(o), totals[o].net_present_cost,
                           formats.amount);
  }
  lxw_chart* chart = workbook_add_chart(workbook, LXW_CHART_LINE);
  for (std::size_t o = 0; o < report.options.size(); ++o) {
    const lxw_col_t column = column_of(o);
    lxw_chart_series* series = chart_add_series(chart, nullptr, nullptr);
    chart_series_set_categories(series, "Summary", 1, 0, years, 0);
    chart_series_set_values(series, "Summary", 1, column, years, column);
    chart_series_set_name_range(series, "Summary", 0, column);
  }
  chart_title_set_name(chart, "Cost by option and financial year");
  chart_axis_set_name(chart->x_axis, "Financial year");
  chart_axis_set_name(chart->y_axis, report.unit.c_str());
  worksheet_insert_chart(sheet, years + 4, 0, chart);
}

void write_lines(lxw_workbook* workbook, const Report& report, const Formats& formats)
{
  lxw_worksheet* sheet = workbook_add_worksheet(workbook, "Lines");
  write_header(
    sheet, formats,
    {{"option", 22.0}, {"year", 10.0}, {"line", 24.0}, {"measure", 14.0}, {"value", 14.0}});
  lxw_row_t r = 1;
  for (const ReportRow& row : report.rows) {
    write_text(sheet, r, 0, row.option, nullptr);
    write_text(sheet, r, 1, row.year, nullptr);
    write_text(sheet, r, 2, row.line, nullptr);
    write_text(sheet, r, 3, row.measure, nullptr);
    const bool children = row.measure.starts_with("children");
    worksheet_write_number(sheet, r, 4, row.value, children ? formats.number : formats.amount);
    ++r;
  }
  worksheet_autofilter(sheet, 0, 0, r - 1, 4);
}

void write_assumptions(lxw_workbook* workbook, const ParameterList& list, const Formats& formats)
{
  lxw_worksheet* sheet = workbook_add_worksheet(workbook, "Assumptions");
  write_header(sheet, formats,
               {{"path", 48.0},
                {"value", 12.0},
                {"unit", 10.0},
                {"location", 30.0},
                {"source", 60.0},
                {"assumption", 60.0},
                {"distribution", 40.0}});
  lxw_row_t r = 1;
  for (const ParameterEntry& entry : list.entries) {
    write_text(sheet, r, 0, entry.path, nullptr);
    worksheet_write_number(sheet, r, 1, entry.value, formats.number);
    write_text(sheet, r, 2, entry.unit, nullptr);
    write_text(sheet, r, 3, entry.location, nullptr);
    write_text(sheet, r, 4, entry.source, nullptr);
    write_text(sheet, r, 5, entry.assumption, nullptr);
    write_text(sheet, r, 6, entry.distribution, nullptr);
    ++r;
  }
  worksheet_autofilter(sheet, 0, 0, r - 1, 6);
}

void write_monte_carlo(lxw_workbook* workbook, const SimulationReport& report,
                       const Formats& formats)
{
  lxw_worksheet* sheet = workbook_add_worksheet(workbook, "Monte Carlo");
  const std::string amount = fmt::format(" ({})", report.unit);
  write_header(sheet, formats,
               {{"option", 22.0},
                {"year", 22.0},
                {"mean" + amount, 12.0},
                {"P5", 10.0},
                {"P10", 10.0},
                {"P50", 10.0},
                {"P90", 10.0},
                {"P95", 10.0},
                {"P(over budget)", 14.0},
                {"P(cheapest)", 12.0},
                {"P10 to P50", 11.0},
                {"P50 to P90", 11.0}});
  const Simulation& simulation = report.simulation;
  const auto write_statistics = [&](lxw_row_t r, const Statistics& s) {
    const double values[] = {s.mean, s.p5, s.p10, s.p50, s.p90, s.p95};
    for (lxw_col_t c = 0; c < 6; ++c) {
      worksheet_write_number(sheet, r, static_cast<lxw_col_t>(2 + c), values[c], formats.amount);
    }
  };
  const auto years = static_cast<lxw_row_t>(report.years.size());
  lxw_row_t r = 1;
  for (std::size_t o = 0; o < simulation.cost.size(); ++o) {
    const lxw_row_t first = r;
    for (std::size_t y = 0; y < report.years.size(); ++y, ++r) {
      const Statistics& s = simulation.cost[o][y];
      write_text(sheet, r, 0, report.options[o].id, nullptr);
      write_text(sheet, r, 1, report.years[y], nullptr);
      write_statistics(r, s);
      if (const auto& budget = simulation.budget[o][y]) {
        worksheet_write_number(sheet, r, 8, budget->over, formats.number);
      }
      worksheet_write_number(sheet, r, 10, s.p50 - s.p10, formats.amount);
      worksheet_write_number(sheet, r, 11, s.p90 - s.p50, formats.amount);
    }
    // The fan: P10 unfilled, then P10 to P50 and P50 to P90 stacked on it.
    lxw_chart* chart = workbook_add_chart(workbook, LXW_CHART_AREA_STACKED);
    lxw_chart_fill none{LXW_COLOR_WHITE, LXW_TRUE, 0};
    lxw_chart_fill lower{0x6FA8DC, LXW_FALSE, 0};
    lxw_chart_fill upper{0x9FC5E8, LXW_FALSE, 0};
    const std::pair<lxw_col_t, lxw_chart_fill*> parts[] = {{4, &none}, {10, &lower}, {11, &upper}};
    for (const auto& [column, fill] : parts) {
      lxw_chart_series* series = chart_add_series(chart, nullptr, nullptr);
      chart_series_set_categories(series, "Monte Carlo", first, 1, first + years - 1, 1);
      chart_series_set_values(series, "Monte Carlo", first, column, first + years - 1, column);
      chart_series_set_name_range(series, "Monte Carlo", 0, column);
      chart_series_set_fill(series, fill);
    }
    chart_legend_set_position(chart, LXW_CHART_LEGEND_NONE);
    chart_title_set_name(
      chart, fmt::format("{}: P10 to P90, the shades meeting at the median", report.options[o].id)
               .c_str());
    chart_axis_set_name(chart->y_axis, report.unit.c_str());
    worksheet_insert_chart(sheet, static_cast<lxw_row_t>(1 + 16 * o), 13, chart);
  }
  for (std::size_t o = 0; o < simulation.npc.size(); ++o, ++r) {
    write_text(sheet, r, 0, report.options[o].id, nullptr);
    worksheet_write_string(sheet, r, 1, "net present cost", nullptr);
    write_statistics(r, simulation.npc[o]);
    worksheet_write_number(sheet, r, 9, simulation.cheapest[o], formats.number);
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
// one shown, the largest swing at the top.
void insert_tornado_chart(lxw_workbook* workbook, lxw_worksheet* sheet,
                          const SensitivityReport& report, lxw_row_t shown)
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
  chart_axis_set_name(chart->x_axis, fmt::format("Change from {} {} with every parameter at its "
                                                 "value",
                                                 two_decimals(analysis.base), report.unit)
                                       .c_str());
  // Falls are green and rises red, as in the terminal: the axis at the base says which.
  chart_legend_set_position(chart, LXW_CHART_LEGEND_NONE);
  chart_show_hidden_data(chart);
  chart_title_set_name(chart, fmt::format("The {} of {}: each parameter from its low to its "
                                          "high value",
                                          analysis.metric.name, analysis.subject)
                                .c_str());
  lxw_chart_options size{};
  size.x_scale = 2.0;
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
  write_header(sheet, formats,
               {{"parameter", std::clamp(static_cast<double>(longest) + 2.0, 24.0, 90.0)},
                {"range", 9.0},
                {"low value", 13.0},
                {"high value", 13.0},
                {"at low" + amount, 13.0},
                {"at high" + amount, 13.0},
                {"change at low", 14.0},
                {"change at high", 14.0},
                {"swing", 12.0},
                {"address", 48.0}});
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
      format_set_num_format(format, unit_number_format(unit).c_str());
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
    insert_tornado_chart(workbook, sheet, report, shown);
  }
}

void write_sobol(lxw_workbook* workbook, const SobolReport& report, const Formats& formats)
{
  lxw_worksheet* sheet = workbook_add_worksheet(workbook, "Sobol");
  write_header(sheet, formats,
               {{"input", 24.0},
                {"parameter", 48.0},
                {"output", 10.0},
                {"first order", 12.0},
                {"low", 10.0},
                {"high", 10.0},
                {"total", 10.0},
                {"low", 10.0},
                {"high", 10.0}});
  lxw_row_t r = 1;
  const SobolResult& result = report.analysis.result;
  for (std::size_t output = 0; output < report.outputs.size(); ++output) {
    for (std::size_t i = 0; i < report.inputs.size(); ++i, ++r) {
      const SobolIndex& index = result.indices[output][i];
      write_text(sheet, r, 0, report.inputs[i].id, nullptr);
      write_text(sheet, r, 1, report.inputs[i].parameter, nullptr);
      write_text(sheet, r, 2, report.outputs[output], nullptr);
      const double values[] = {index.first.estimate, index.first.low, index.first.high,
                               index.total.estimate, index.total.low, index.total.high};
      for (lxw_col_t c = 0; c < 6; ++c) {
        worksheet_write_number(sheet, r, static_cast<lxw_col_t>(3 + c), values[c], formats.number);
      }
    }
  }
  worksheet_autofilter(sheet, 0, 0, r - 1, 8);
}

void write_provenance(lxw_workbook* workbook, const RunProvenance& provenance,
                      const Formats& formats)
{
  lxw_worksheet* sheet = workbook_add_worksheet(workbook, "Provenance");
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

// `call()`, with standard error sent to /dev/null meanwhile; errno as `call` left it.
template <typename Call>
auto without_stderr(const Call& call)
{
  std::fflush(stderr);
  const int saved = ::dup(STDERR_FILENO);
  const int null = ::open("/dev/null", O_WRONLY | O_CLOEXEC);
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

} // namespace

void write_xlsx(const std::filesystem::path& path, const std::filesystem::path& target,
                const Workbook& book, const RunProvenance& provenance)
{
  // The library reports a file it cannot create on standard error, in its own words;
  // trying first gives carecast's message alone, with the system's reason.
  if (std::FILE* probe = std::fopen(path.c_str(), "wb")) {
    std::fclose(probe);
  } else {
    throw Error(fmt::format("cannot write '{}': {}", target.string(), std::strerror(errno)));
  }
  lxw_workbook* workbook = workbook_new(path.c_str());
  if (!workbook) {
    throw Error(fmt::format("cannot write '{}'", target.string()));
  }
  const Formats formats = add_formats(workbook, book.summary.unit);
  write_summary(workbook, book.summary, formats);
  write_lines(workbook, book.lines, formats);
  write_assumptions(workbook, book.assumptions, formats);
  if (book.simulation) {
    write_monte_carlo(workbook, *book.simulation, formats);
  }
  if (book.sensitivity) {
    write_tornado(workbook, *book.sensitivity, formats);
  }
  if (book.sobol) {
    write_sobol(workbook, *book.sobol, formats);
  }
  write_provenance(workbook, provenance, formats);
  // Closing writes the file. The library prints its own account of a failure on
  // standard error, so that is silenced while it closes: carecast's one message says
  // what failed, with the system's reason for a failed file operation (a full disk,
  // a size limit).
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

} // namespace carecast
