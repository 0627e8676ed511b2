// Budget monitoring's workbook sheet, laid out as a council's monitoring report fit to
// paste into a cabinet paper, with libxlsxwriter.

#include "xlsx_sheet.hpp"

#include "carecast/outturn_writer.hpp"
#include "carecast/writers.hpp"

#include <array>
#include <cmath>
#include <fmt/format.h>
#include <functional>
#include <string>
#include <vector>

namespace carecast::xlsx {
namespace {

constexpr const char* k_sheet = "Monitoring";
constexpr const char* k_signed_code = "+#,##0.00;-#,##0.00;0.00";
// The name column is as wide as the longest line name (marked), within these bounds.
constexpr double k_least_name_width = 36.0;
constexpr double k_most_name_width = 64.0;
constexpr double k_figure_width = 10.5;
// The by-period block's columns: the line, the twelve periods and the year.
constexpr lxw_col_t k_last_column = k_periods_per_year + 1;
// Text fits about this many characters a line per unit of a column's width.
constexpr double k_characters_per_width = 1.2;
// Excel's own Good, Neutral and Bad cell styles, by RAG: fill, then font.
constexpr std::array<std::array<lxw_color_t, 2>, 3> k_rag_colours{
  {{0xC6EFCE, 0x006100}, {0xFFEB9C, 0x9C5700}, {0xFFC7CE, 0x9C0006}}};
constexpr lxw_color_t k_forecast_fill = 0xF2F2F2;
constexpr double k_trend_width = 900.0; // the chart, in pixels
constexpr double k_trend_height = 300.0;
constexpr lxw_row_t k_chart_rows = 16; // of k_row_pixels each, with room to spare

// The formats of a line's row, or the total's (bold, ruled above).
struct RowFormats
{
  lxw_format* text;
  lxw_format* amount;
  lxw_format* signed_amount;
  lxw_format* forecast; // a period's forecast, after the actuals: italic, shaded
  std::array<lxw_format*, 3> rag;
};

struct MonitoringFormats
{
  lxw_format* title;
  lxw_format* header;        // a column's name: bold, wrapped, ruled below
  lxw_format* figure_header; // as header, aligned right
  lxw_format* rag_header;    // as header, centred over the RAG's filled cells
  lxw_format* note;          // wrapped text at the top of a tall row
  RowFormats line;
  RowFormats total;
};

lxw_format* row_format(lxw_workbook* workbook, bool total, const char* code = nullptr)
{
  lxw_format* format = workbook_add_format(workbook);
  if (code) {
    format_set_num_format(format, code);
  }
  if (total) {
    format_set_bold(format);
    format_set_top(format, LXW_BORDER_THIN);
  }
  return format;
}

RowFormats add_row_formats(lxw_workbook* workbook, bool total)
{
  RowFormats formats{row_format(workbook, total),
                     row_format(workbook, total, "#,##0.00"),
                     row_format(workbook, total, k_signed_code),
                     row_format(workbook, total, "#,##0.00"),
                     {}};
  format_set_italic(formats.forecast);
  format_set_bg_color(formats.forecast, k_forecast_fill);
  for (std::size_t r = 0; r < formats.rag.size(); ++r) {
    formats.rag[r] = row_format(workbook, total);
    format_set_bg_color(formats.rag[r], k_rag_colours[r][0]);
    format_set_font_color(formats.rag[r], k_rag_colours[r][1]);
    format_set_align(formats.rag[r], LXW_ALIGN_CENTER);
  }
  return formats;
}

MonitoringFormats add_monitoring_formats(lxw_workbook* workbook)
{
  MonitoringFormats formats{workbook_add_format(workbook),  workbook_add_format(workbook),
                            workbook_add_format(workbook),  workbook_add_format(workbook),
                            workbook_add_format(workbook),  add_row_formats(workbook, false),
                            add_row_formats(workbook, true)};
  format_set_bold(formats.title);
  format_set_font_size(formats.title, 14);
  for (lxw_format* header : {formats.header, formats.figure_header, formats.rag_header}) {
    format_set_bold(header);
    format_set_text_wrap(header);
    format_set_bottom(header, LXW_BORDER_THIN);
    format_set_align(header, LXW_ALIGN_VERTICAL_BOTTOM);
  }
  format_set_align(formats.figure_header, LXW_ALIGN_RIGHT);
  format_set_align(formats.rag_header, LXW_ALIGN_CENTER);
  format_set_text_wrap(formats.note);
  format_set_align(formats.note, LXW_ALIGN_VERTICAL_TOP);
  return formats;
}

// A figure column of the main table: its header, the figure of a line (absent: the
// cell stays empty) and whether it is signed.
struct FigureColumn
{
  std::string header;
  std::function<std::optional<double>(const OutturnLine&)> figure;
  bool is_signed;
};

std::vector<FigureColumn> figure_columns(const Outturn& outturn)
{
  std::vector<FigureColumn> columns{
    {"Budget", [](const OutturnLine& l) { return l.budget; }, false},
    {"Actual to date", [](const OutturnLine& l) { return l.actual_to_date; }, false},
    {"Forecast remaining", [](const OutturnLine& l) { return l.forecast_remaining; }, false},
    {"Forecast outturn", [](const OutturnLine& l) { return l.forecast_outturn; }, false},
    {"Variance", [](const OutturnLine& l) { return l.variance; }, true}};
  if (outturn.total.movement) {
    columns.push_back({"Movement",
                       [](const OutturnLine& l) -> std::optional<double> {
                         return l.movement ? std::optional(l.movement->total) : std::nullopt;
                       },
                       true});
  }
  if (outturn.total.band) {
    columns.push_back({"P10",
                       [](const OutturnLine& l) -> std::optional<double> {
                         return l.band ? std::optional(l.band->p10) : std::nullopt;
                       },
                       false});
    columns.push_back({"P90",
                       [](const OutturnLine& l) -> std::optional<double> {
                         return l.band ? std::optional(l.band->p90) : std::nullopt;
                       },
                       false});
  }
  return columns;
}

std::string display_name(const OutturnLine& line)
{
  return line.name.empty() ? line.id : line.name;
}

// The name in the main table: marked when the budget is not the scenario's own.
std::string marked_name(const OutturnLine& line)
{
  return display_name(line) + (line.budget_stated ? "" : " *");
}

double name_width(const Outturn& outturn)
{
  std::size_t longest = 0;
  for (const OutturnLine& line : outturn.lines) {
    longest = std::max(longest, marked_name(line).size());
  }
  return std::clamp(static_cast<double>(longest) + 2.0, k_least_name_width, k_most_name_width);
}

// Writes one sheet top to bottom, a row at a time.
class MonitoringSheet
{
public:
  MonitoringSheet(lxw_workbook* workbook, const Outturn& outturn, const Formats& shared)
    : m_workbook(workbook),
      m_sheet(workbook_add_worksheet(workbook, k_sheet)),
      m_outturn(outturn),
      m_shared(shared),
      m_formats(add_monitoring_formats(workbook)),
      m_name_width(name_width(outturn))
  {}

  void write()
  {
    worksheet_set_column(m_sheet, 0, 0, m_name_width, nullptr);
    worksheet_set_column(m_sheet, 1, k_last_column, k_figure_width, nullptr);
    write_title();
    write_table();
    write_notes();
    write_by_period();
    write_chart();
    set_printing(m_sheet, title());
    worksheet_print_area(m_sheet, 0, 0, m_row - 1, k_last_column);
    worksheet_fit_to_pages(m_sheet, 1, 0);
  }

private:
  std::string title() const
  {
    return fmt::format("Budget monitoring: {}, {}", m_outturn.scenario, to_string(m_outturn.year));
  }

  void write_title()
  {
    write_text(m_sheet, 0, 0, title(), m_formats.title);
    worksheet_set_row(m_sheet, 0, 20.0, nullptr);
    std::string period = period_label(m_outturn.year, m_outturn.period);
    period[0] = 'P';
    const std::string option = m_outturn.option_name.empty()
                                 ? m_outturn.option
                                 : fmt::format("{} ({})", m_outturn.option_name, m_outturn.option);
    write_text(m_sheet, 1, 0,
               fmt::format("Actuals to {} from {}; option {}. Amounts in {}.", period,
                           m_outturn.actuals_file, option, m_outturn.unit),
               nullptr);
    m_row = 3;
  }

  void write_table()
  {
    const std::vector<FigureColumn> columns = figure_columns(m_outturn);
    write_text(m_sheet, m_row, 0, "Line", m_formats.header);
    for (std::size_t c = 0; c < columns.size(); ++c) {
      write_text(m_sheet, m_row, static_cast<lxw_col_t>(c + 1), columns[c].header,
                 m_formats.figure_header);
    }
    write_text(m_sheet, m_row, static_cast<lxw_col_t>(columns.size() + 1), "RAG",
               m_formats.rag_header);
    worksheet_set_row(m_sheet, m_row, 30.0, nullptr);
    ++m_row;
    for (const OutturnLine& line : m_outturn.lines) {
      write_table_row(line, marked_name(line), columns, m_formats.line);
    }
    write_table_row(m_outturn.total, "Total", columns, m_formats.total);
  }

  void write_table_row(const OutturnLine& line, const std::string& name,
                       const std::vector<FigureColumn>& columns, const RowFormats& formats)
  {
    write_text(m_sheet, m_row, 0, name, formats.text);
    for (std::size_t c = 0; c < columns.size(); ++c) {
      const auto column = static_cast<lxw_col_t>(c + 1);
      lxw_format* format = columns[c].is_signed ? formats.signed_amount : formats.amount;
      if (const std::optional<double> figure = columns[c].figure(line)) {
        worksheet_write_number(m_sheet, m_row, column, *figure, format);
      } else {
        worksheet_write_blank(m_sheet, m_row, column, format);
      }
    }
    write_text(m_sheet, m_row, static_cast<lxw_col_t>(columns.size() + 1),
               std::string(rag_name(line.rag)), formats.rag[static_cast<std::size_t>(line.rag)]);
    ++m_row;
  }

  // A note across the sheet's width, its row as tall as its wrapped text.
  void write_note(const std::string& text, lxw_col_t first = 0)
  {
    const double width =
      (first == 0 ? m_name_width : 0.0)
      + k_figure_width * static_cast<double>(k_last_column - std::max<lxw_col_t>(first, 1) + 1);
    const double lines =
      std::max(1.0, std::ceil(static_cast<double>(text.size()) / (width * k_characters_per_width)));
    worksheet_merge_range(m_sheet, m_row, first, m_row, k_last_column, "", m_formats.note);
    write_text(m_sheet, m_row, first, text, m_formats.note);
    worksheet_set_row(m_sheet, m_row, LXW_DEF_ROW_HEIGHT * lines, nullptr);
    ++m_row;
  }

  void write_heading(const std::string& text)
  {
    ++m_row;
    write_text(m_sheet, m_row, 0, text, m_shared.heading);
    ++m_row;
  }

  void write_notes()
  {
    ++m_row;
    if (any_budget_unstated(m_outturn)) {
      write_note(std::string(k_unstated_budget_note));
    }
    write_note("RAG: " + rag_thresholds(m_outturn));
    write_note(reconciliation_text(m_outturn));
    if (!m_outturn.children.empty()) {
      std::vector<std::string> counts;
      for (const ChildrenCount& count : m_outturn.children) {
        counts.push_back(fmt::format("{} {:g}", count.placement, count.children));
      }
      write_note(fmt::format("Children at the end of period {}, from which the care ladder "
                             "forecasts: {}.",
                             m_outturn.period, fmt::join(counts, ", ")));
    }
    if (m_outturn.draws > 0) {
      write_note(fmt::format("P10-P90: the forecast outturn's 80% band over {} draws (seed {}) of "
                             "the months still to come; the actuals stay as posted.",
                             m_outturn.draws, m_outturn.seed));
    }
    write_methods();
    write_movements();
  }

  void write_methods()
  {
    write_heading("How each line is forecast");
    for (const OutturnLine& line : m_outturn.lines) {
      write_text(m_sheet, m_row, 0, display_name(line), m_formats.note);
      const std::string method = line.method ? std::string(method_name(*line.method)) : "none";
      std::string text = fmt::format("{}: {}", method, line.basis);
      if (!line.reason.empty()) {
        text += " Why: " + line.reason;
      }
      write_note(text, 1);
    }
  }

  void write_movements()
  {
    if (!m_outturn.total.movement) {
      return;
    }
    write_heading(fmt::format("Movement since the forecast of actuals to {} from {}",
                              period_label(m_outturn.year, m_outturn.previous_period),
                              m_outturn.previous_file));
    for (const OutturnLine& line : m_outturn.lines) {
      if (line.movement) {
        write_text(m_sheet, m_row, 0, display_name(line), m_formats.note);
        write_note("Moved " + movement_causes(*line.movement), 1);
      }
    }
    write_text(m_sheet, m_row, 0, "Total", m_formats.note);
    write_note("Moved " + movement_causes(*m_outturn.total.movement), 1);
  }

  void write_by_period()
  {
    write_heading(fmt::format("By period: actuals to {}, then the forecast (shaded)",
                              period_label(m_outturn.year, m_outturn.period)));
    m_months_row = m_row;
    write_text(m_sheet, m_row, 0, "Line", m_formats.header);
    for (int p = 1; p <= k_periods_per_year; ++p) {
      write_text(m_sheet, m_row, static_cast<lxw_col_t>(p), std::string(month_abbreviation(p)),
                 m_formats.figure_header);
    }
    write_text(m_sheet, m_row, k_last_column, "Year", m_formats.figure_header);
    ++m_row;
    for (const OutturnLine& line : m_outturn.lines) {
      write_period_row(line, display_name(line), m_formats.line);
    }
    write_period_row(m_outturn.total, "Total", m_formats.total);
  }

  void write_period_row(const OutturnLine& line, const std::string& name, const RowFormats& formats)
  {
    write_text(m_sheet, m_row, 0, name, formats.text);
    for (int p = 1; p <= k_periods_per_year; ++p) {
      worksheet_write_number(m_sheet, m_row, static_cast<lxw_col_t>(p),
                             line.forecast[static_cast<std::size_t>(p - 1)],
                             p <= m_outturn.period ? formats.amount : formats.forecast);
    }
    worksheet_write_number(m_sheet, m_row, k_last_column, line.forecast_outturn, formats.amount);
    ++m_row;
  }

  // The chart's figures, below the by-period table: the total's spend so far and
  // forecast, cumulative, and the year's budget.
  lxw_row_t write_chart_data()
  {
    ++m_row;
    const lxw_row_t first = m_row;
    write_text(m_sheet, m_row, 0, "Cumulative actual", nullptr);
    write_text(m_sheet, m_row + 1, 0, "Cumulative forecast", nullptr);
    write_text(m_sheet, m_row + 2, 0, "Budget for the year", nullptr);
    double sum = 0.0;
    for (int p = 1; p <= k_periods_per_year; ++p) {
      sum += m_outturn.total.forecast[static_cast<std::size_t>(p - 1)];
      const auto column = static_cast<lxw_col_t>(p);
      if (p <= m_outturn.period) {
        worksheet_write_number(m_sheet, m_row, column, sum, m_shared.amount);
      }
      if (p >= m_outturn.period) {
        worksheet_write_number(m_sheet, m_row + 1, column, sum, m_shared.amount);
      }
      worksheet_write_number(m_sheet, m_row + 2, column, m_outturn.total.budget, m_shared.amount);
    }
    m_row += 3;
    return first;
  }

  void write_chart()
  {
    const lxw_row_t data = write_chart_data();
    lxw_chart* chart = workbook_add_chart(m_workbook, LXW_CHART_LINE);
    const std::array<lxw_chart_line, 3> lines{
      {{0x0072B2, LXW_FALSE, 2.25F, LXW_CHART_LINE_DASH_SOLID, 0},
       {0x0072B2, LXW_FALSE, 2.25F, LXW_CHART_LINE_DASH_DASH, 0},
       {LXW_COLOR_BLACK, LXW_FALSE, 1.5F, LXW_CHART_LINE_DASH_SOLID, 0}}};
    for (lxw_row_t r = 0; r < 3; ++r) {
      lxw_chart_series* series = chart_add_series(chart, nullptr, nullptr);
      chart_series_set_categories(series, k_sheet, m_months_row, 1, m_months_row,
                                  k_periods_per_year);
      chart_series_set_values(series, k_sheet, data + r, 1, data + r, k_periods_per_year);
      chart_series_set_name_range(series, k_sheet, data + r, 0);
      lxw_chart_line line = lines[r];
      chart_series_set_line(series, &line);
    }
    chart_title_set_name(chart, workbook_text(fmt::format("Total spend in {}, cumulative, against "
                                                          "the budget",
                                                          to_string(m_outturn.year)))
                                  .c_str());
    chart_axis_set_name(chart->y_axis, workbook_text(m_outturn.unit).c_str());
    chart_axis_set_num_format(chart->y_axis, "#,##0");
    chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
    lxw_chart_options size{};
    size.y_offset = k_clear_of_break;
    size.x_scale = k_trend_width / k_chart_width;
    size.y_scale = k_trend_height / k_chart_height;
    ++m_row;
    worksheet_insert_chart_opt(m_sheet, m_row, 0, chart, &size);
    m_row += k_chart_rows;
  }

  lxw_workbook* m_workbook;
  lxw_worksheet* m_sheet;
  const Outturn& m_outturn;
  const Formats& m_shared;
  MonitoringFormats m_formats;
  double m_name_width;
  lxw_row_t m_row = 0;
  lxw_row_t m_months_row = 0; // the by-period block's header: the chart's categories
};

} // namespace

void write_monitoring(lxw_workbook* workbook, const Outturn& outturn, const Formats& formats)
{
  MonitoringSheet(workbook, outturn, formats).write();
}

} // namespace carecast::xlsx
