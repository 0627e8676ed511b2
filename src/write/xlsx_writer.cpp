#include "carecast/xlsx_writer.hpp"

#include "carecast/batch.hpp"
#include "carecast/explain_writer.hpp"
#include "carecast/writers.hpp"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <fmt/format.h>
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

// £m amounts read as £64.43m; another unit keeps two decimals, named in the header.
const char* amount_format(const std::string& unit)
{
  return unit == "£m" ? "\"£\"#,##0.00\"m\"" : "#,##0.00";
}

Formats add_formats(lxw_workbook* workbook, const std::string& unit)
{
  Formats formats{workbook_add_format(workbook), workbook_add_format(workbook),
                  workbook_add_format(workbook)};
  format_set_bold(formats.header);
  format_set_bottom(formats.header, LXW_BORDER_THIN);
  format_set_num_format(formats.amount, amount_format(unit));
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
      if (const auto& over = simulation.over_budget[o][y]) {
        worksheet_write_number(sheet, r, 8, *over, formats.number);
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

void write_tornado(lxw_workbook* workbook, const SensitivityReport& report, const Formats& formats)
{
  lxw_worksheet* sheet = workbook_add_worksheet(workbook, "Tornado");
  const Sensitivity& analysis = report.sensitivity;
  write_header(sheet, formats,
               {{"parameter", 48.0},
                {"low value", 12.0},
                {"high value", 12.0},
                {"at low", 12.0},
                {"at high", 12.0},
                {"change at low", 14.0},
                {"change at high", 14.0},
                {"swing", 12.0}});
  lxw_row_t r = 1;
  for (const TornadoBar& bar : analysis.tornado) {
    write_text(sheet, r, 0, report.paths[static_cast<std::size_t>(bar.parameter)], nullptr);
    worksheet_write_number(sheet, r, 1, bar.low_value, formats.number);
    worksheet_write_number(sheet, r, 2, bar.high_value, formats.number);
    const double amounts[] = {bar.metric_low, bar.metric_high, bar.metric_low - analysis.base,
                              bar.metric_high - analysis.base, bar.swing};
    for (lxw_col_t c = 0; c < 5; ++c) {
      worksheet_write_number(sheet, r, static_cast<lxw_col_t>(3 + c), amounts[c], formats.amount);
    }
    ++r;
  }
  const auto shown =
    static_cast<lxw_row_t>(std::min(analysis.tornado.size(), static_cast<std::size_t>(report.top)));
  if (shown == 0) {
    return;
  }
  lxw_chart* chart = workbook_add_chart(workbook, LXW_CHART_BAR);
  for (const lxw_col_t column : {lxw_col_t{5}, lxw_col_t{6}}) {
    lxw_chart_series* series = chart_add_series(chart, nullptr, nullptr);
    chart_series_set_categories(series, "Tornado", 1, 0, shown, 0);
    chart_series_set_values(series, "Tornado", 1, column, shown, column);
    chart_series_set_name_range(series, "Tornado", 0, column);
  }
  chart_set_series_overlap(chart, 100);
  chart_axis_set_reverse(chart->y_axis); // the largest swing at the top
  chart_title_set_name(chart, fmt::format("Change of the {} of {} ({})", analysis.metric.name,
                                          analysis.subject, report.unit)
                                .c_str());
  worksheet_insert_chart(sheet, 1, 9, chart);
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

// The Bridge sheet's printed columns, the amount third, each with its width and
// whether its text wraps.
struct BridgeColumn
{
  const char* name;
  double width;
  bool wraps;
};
constexpr BridgeColumn k_printed[] = {
  {"Step", 44.0, true}, {"Line", 18.0, false},    {"Amount", 13.0, false},
  {"Key", 36.0, true},  {"Location", 24.0, true}, {"Source or assumption", 48.0, true}};
constexpr lxw_col_t k_amount_column = 2;
// Text fits about this many characters a line per unit of a column's width (its width
// in the widest digits).
constexpr double k_characters_per_width = 1.2;
// Then the waterfall's columns: the categories and the stacked series.
constexpr lxw_col_t k_caption_column = 6;
constexpr lxw_col_t k_base_column = 7;
constexpr lxw_col_t k_rise_column = 8;
constexpr lxw_col_t k_fall_column = 9;
constexpr lxw_col_t k_full_column = 10;
constexpr lxw_col_t k_below_column = 11; // a rise's part below zero, then a fall's
// Okabe and Ito's colours, told apart with any colour vision.
constexpr lxw_color_t k_rise_colour = 0xD55E00; // vermilion: more cost
constexpr lxw_color_t k_fall_colour = 0x009E73; // bluish green: less cost
constexpr lxw_color_t k_full_colour = 0x595959;

// The Bridge sheet's cells: its printed rows' text, wrapped or not, and amounts, all
// at the top of rows that wrapped text makes taller; and the waterfall's amounts.
struct BridgeFormats
{
  lxw_format* text;
  lxw_format* wrapped;
  lxw_format* amount;
  lxw_format* part;
};

BridgeFormats add_bridge_formats(lxw_workbook* workbook, const std::string& unit,
                                 const Formats& formats)
{
  BridgeFormats added{workbook_add_format(workbook), workbook_add_format(workbook),
                      workbook_add_format(workbook), formats.amount};
  format_set_text_wrap(added.wrapped);
  format_set_num_format(added.amount, amount_format(unit));
  for (lxw_format* format : {added.text, added.wrapped, added.amount}) {
    format_set_align(format, LXW_ALIGN_VERTICAL_TOP);
  }
  return added;
}

// One row of the Bridge sheet: the printed texts (the amount's place empty), tall enough
// for the wrapped ones, and the waterfall column's label and stacked parts.
void write_bridge_row(lxw_worksheet* sheet, lxw_row_t r, const std::vector<std::string>& texts,
                      const WaterfallColumn& column, const BridgeFormats& formats)
{
  double lines = 1.0;
  for (lxw_col_t c = 0; c < texts.size(); ++c) {
    if (c != k_amount_column) {
      write_text(sheet, r, c, texts[c], k_printed[c].wraps ? formats.wrapped : formats.text);
    }
    if (k_printed[c].wraps) {
      lines = std::max(lines, std::ceil(static_cast<double>(texts[c].size())
                                        / (k_printed[c].width * k_characters_per_width)));
    }
  }
  if (lines > 1.0) {
    worksheet_set_row(sheet, r, LXW_DEF_ROW_HEIGHT * lines, nullptr);
  }
  worksheet_write_number(sheet, r, k_amount_column, column.value, formats.amount);
  write_text(sheet, r, k_caption_column, column.label, formats.text);
  const auto part = [&](lxw_col_t at, double value) {
    worksheet_write_number(sheet, r, at, value, formats.part);
  };
  if (column.full) {
    part(k_full_column, column.value);
    return;
  }
  part(k_base_column, column.base);
  part(column.value >= 0.0 ? k_rise_column : k_fall_column, column.bar);
  if (column.below != 0.0) {
    part(k_below_column + (column.value >= 0.0 ? 0 : 1), column.below);
  }
}

// The Bridge sheet's rows: the opening figure, each term and the closing figure (or the
// total), with the waterfall's `columns`.
void write_bridge_rows(lxw_worksheet* sheet, const ExplainReport& report,
                       const std::vector<WaterfallColumn>& columns, const BridgeFormats& formats)
{
  lxw_row_t r = 1;
  const auto row = [&](std::vector<std::string> texts) {
    write_bridge_row(sheet, r, texts, columns[r - 1], formats);
    ++r;
  };
  if (report.opening) {
    row({report.opening->term, report.opening->line, "", "", "", ""});
  }
  for (const ExplainPart& part : report.parts) {
    for (const ExplainRow& term : part.rows) {
      row({term.term, part.line, "", term.key, term.location, term.note});
    }
  }
  if (report.closing) {
    row({report.closing->term, report.closing->line, "", "", "", ""});
  } else {
    row({"Total", "", "", "", "", ""});
  }
}

// A bar's amount as its data label shows it: "+£0.15m", or "+0.15" in another unit.
std::string signed_amount(double value, const std::string& unit)
{
  const char sign = value < 0.0 ? '-' : '+';
  return unit == "£m" ? fmt::format("{}£{:.2f}m", sign, std::abs(value))
                      : fmt::format("{}{:.2f}", sign, std::abs(value));
}

// One stacked series of the waterfall, from a column of the Bridge sheet.
lxw_chart_series* add_bridge_series(lxw_chart* chart, lxw_col_t column, lxw_row_t rows,
                                    lxw_color_t colour, bool filled)
{
  lxw_chart_series* series = chart_add_series(chart, nullptr, nullptr);
  chart_series_set_categories(series, "Bridge", 1, k_caption_column, rows, k_caption_column);
  chart_series_set_values(series, "Bridge", 1, column, rows, column);
  chart_series_set_name_range(series, "Bridge", 0, column);
  lxw_chart_fill fill{colour, static_cast<uint8_t>(filled ? LXW_FALSE : LXW_TRUE), 0};
  chart_series_set_fill(series, &fill);
  if (!filled) {
    lxw_chart_line none{0, LXW_TRUE, 0.0F, 0, 0};
    chart_series_set_line(series, &none);
  }
  return series;
}

// A labelled series of the waterfall: its column of the Bridge sheet, its colour, the
// number format of its labels in £m and in another unit, and whether they are white on
// the bar or black on a white box (a movement's bar is often thinner than its label).
// Each label is signed as its bar moves the total: a fall's bar is as tall as the
// fall, and its label says minus that.
struct LabelledSeries
{
  lxw_col_t column;
  lxw_color_t colour;
  const char* pounds;
  const char* other;
  bool on_bar;
};
constexpr LabelledSeries k_labelled[] = {
  {k_rise_column, k_rise_colour, "\"+£\"0.00\"m\";\"+£\"0.00\"m\"", "+0.00;+0.00", false},
  {k_fall_column, k_fall_colour, "\"-£\"0.00\"m\";\"-£\"0.00\"m\"", "-0.00;-0.00", false},
  {k_full_column, k_full_colour, "\"£\"0.00\"m\";\"-£\"0.00\"m\"", "0.00;-0.00", true}};

// The data labels of a labelled series. A bar that crosses zero is split, so its label,
// on its part above zero, says the whole bar's amount.
void label_bridge_series(lxw_chart_series* series, const LabelledSeries& shown,
                         const std::vector<WaterfallColumn>& columns, const std::string& unit)
{
  chart_series_set_labels(series);
  chart_series_set_labels_num_format(series, unit == "£m" ? shown.pounds : shown.other);
  lxw_chart_font font{};
  font.size = 8;
  font.color = shown.on_bar ? LXW_COLOR_WHITE : LXW_COLOR_BLACK;
  chart_series_set_labels_font(series, &font);
  if (!shown.on_bar) {
    lxw_chart_fill box{LXW_COLOR_WHITE, LXW_FALSE, 0};
    chart_series_set_labels_fill(series, &box);
  }
  std::vector<std::string> texts(columns.size());
  std::vector<lxw_chart_data_label> labels(columns.size());
  std::vector<lxw_chart_data_label*> pointers;
  bool split = false;
  for (std::size_t i = 0; i < columns.size(); ++i) {
    const WaterfallColumn& column = columns[i];
    const lxw_col_t carrier = column.value >= 0.0 ? k_rise_column : k_fall_column;
    if (column.below != 0.0 && carrier == shown.column) {
      texts[i] = signed_amount(column.value, unit);
      labels[i].value = texts[i].data();
      split = true;
    }
    pointers.push_back(&labels[i]);
  }
  pointers.push_back(nullptr);
  if (split) {
    chart_series_set_labels_custom(series, pointers.data());
  }
}

// The waterfall's series, stacked in this order: the unfilled base, rises, falls and
// full columns, and the parts of bars below zero when one crosses it, which, like the
// base, the legend leaves out.
void add_waterfall_series(lxw_chart* chart, const std::vector<WaterfallColumn>& columns,
                          const std::string& unit)
{
  const auto rows = static_cast<lxw_row_t>(columns.size());
  add_bridge_series(chart, k_base_column, rows, LXW_COLOR_WHITE, false);
  for (const LabelledSeries& shown : k_labelled) {
    label_bridge_series(add_bridge_series(chart, shown.column, rows, shown.colour, true), shown,
                        columns, unit);
  }
  const bool crosses = std::any_of(columns.begin(), columns.end(),
                                   [](const WaterfallColumn& c) { return c.below != 0.0; });
  int16_t unlisted[] = {0, 4, 5, -1};
  if (crosses) {
    add_bridge_series(chart, k_below_column, rows, k_rise_colour, true);
    add_bridge_series(chart, k_below_column + 1, rows, k_fall_colour, true);
  } else {
    unlisted[1] = -1;
  }
  chart_legend_delete_series(chart, unlisted);
}

// A sheet printed landscape on A4, one page wide, from its first row and column to
// `last_row` and `last_column`, with the bridge's heading and scenario in the page's
// header.
void print_landscape(lxw_worksheet* sheet, const ExplainReport& report, lxw_row_t last_row,
                     lxw_col_t last_column)
{
  worksheet_set_landscape(sheet);
  worksheet_set_paper(sheet, 9); // A4
  worksheet_fit_to_pages(sheet, 1, 0);
  worksheet_print_area(sheet, 0, 0, last_row, last_column);
  // "&" starts a code in a page's header, and "&&" is one "&".
  const auto escaped = [](std::string text) {
    for (std::size_t at = text.find('&'); at != std::string::npos; at = text.find('&', at + 2)) {
      text.insert(at, "&");
    }
    return text;
  };
  const std::string header = fmt::format("&L{} ({})&R{}", escaped(report.heading),
                                         escaped(report.unit), escaped(report.scenario));
  worksheet_set_header(sheet, header.c_str());
}

// The Waterfall sheet's chart in pixels, and the cells it covers (64 x 20 pixels each).
constexpr double k_chart_width = 1120.0;
constexpr double k_chart_height = 720.0;
constexpr lxw_col_t k_chart_columns = 18;
constexpr lxw_row_t k_chart_rows = 36;

// The bridge on a sheet of its own, printed landscape on one A4 page, as a waterfall
// chart of stacked columns of the Bridge sheet's figures: rises and falls in two
// colours and the opening and closing figures as full columns, titled, the value axis
// from zero (unless a figure is negative) in £m to 2 decimals.
void write_waterfall(lxw_workbook* workbook, const ExplainReport& report,
                     const std::vector<WaterfallColumn>& columns)
{
  lxw_worksheet* sheet = workbook_add_worksheet(workbook, "Waterfall");
  lxw_chart* chart = workbook_add_chart(workbook, LXW_CHART_COLUMN_STACKED);
  add_waterfall_series(chart, columns, report.unit);
  chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
  chart_set_series_gap(chart, 50);
  chart_title_set_name(chart, report.heading.c_str());
  lxw_chart_font title{};
  title.size = 12;
  title.bold = LXW_TRUE;
  chart_title_set_name_font(chart, &title);
  lxw_chart_font categories{};
  categories.size = 8;
  chart_axis_set_num_font(chart->x_axis, &categories);
  chart_axis_set_label_position(chart->x_axis, LXW_CHART_AXIS_LABEL_POSITION_LOW);
  chart_axis_set_name(chart->y_axis, report.unit.c_str());
  chart_axis_set_num_format(chart->y_axis, report.unit == "£m" ? "\"£\"0.00\"m\"" : "0.00");
  const bool negative = std::any_of(columns.begin(), columns.end(), [](const WaterfallColumn& c) {
    return c.base < 0.0 || c.bar < 0.0 || c.below < 0.0 || (c.full && c.value < 0.0);
  });
  if (!negative) {
    chart_axis_set_min(chart->y_axis, 0.0);
  }
  lxw_chart_options size{};
  size.x_scale = k_chart_width / 480.0; // from the default 480 x 288 pixels
  size.y_scale = k_chart_height / 288.0;
  worksheet_insert_chart_opt(sheet, 0, 0, chart, &size);
  print_landscape(sheet, report, k_chart_rows - 1, k_chart_columns - 1);
  worksheet_fit_to_pages(sheet, 1, 1);
}

// A bridge (or a figure's own explanation) as a table: its terms, each with its key,
// place and source, and the waterfall's figures beside them; its printed columns
// landscape, one page wide, with the header row on every page.
void write_bridge(lxw_workbook* workbook, const ExplainReport& report,
                  const std::vector<WaterfallColumn>& bars, const Formats& formats)
{
  lxw_worksheet* sheet = workbook_add_worksheet(workbook, "Bridge");
  std::vector<std::pair<std::string, double>> columns;
  for (const BridgeColumn& column : k_printed) {
    columns.emplace_back(column.name, column.width);
  }
  columns[k_amount_column].first = fmt::format("Amount ({})", report.unit);
  for (const char* name : {"Chart label", "Base (unfilled)", "Rise", "Fall", "Total",
                           "Rise below zero", "Fall below zero"}) {
    columns.emplace_back(name, 15.0);
  }
  write_header(sheet, formats, columns);
  write_bridge_rows(sheet, report, bars, add_bridge_formats(workbook, report.unit, formats));
  print_landscape(sheet, report, static_cast<lxw_row_t>(bars.size()), std::size(k_printed) - 1);
  worksheet_repeat_rows(sheet, 0, 0);
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

// A new workbook at `path`, which is written for `target`.
lxw_workbook* open_workbook(const std::filesystem::path& path, const std::filesystem::path& target)
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
  close_workbook(workbook, target);
}

void write_xlsx(const std::filesystem::path& path, const std::filesystem::path& target,
                const ExplainReport& report, const RunProvenance& provenance)
{
  lxw_workbook* workbook = open_workbook(path, target);
  const Formats formats = add_formats(workbook, report.unit);
  const std::vector<WaterfallColumn> bars = waterfall(report);
  write_waterfall(workbook, report, bars);
  write_bridge(workbook, report, bars, formats);
  write_provenance(workbook, provenance, formats);
  close_workbook(workbook, target);
}

} // namespace carecast
