// explain's workbook: the bridge as a table and as a waterfall chart of stacked
// columns, with libxlsxwriter.

#include "xlsx_sheet.hpp"

#include "carecast/explain_writer.hpp"
#include "carecast/writers.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <string>
#include <vector>

namespace carecast::xlsx {
namespace {

// £m amounts read as £64.43m; another unit keeps two decimals, named in the header.
const char* amount_format(const std::string& unit)
{
  return unit == "£m" ? "\"£\"#,##0.00\"m\"" : "#,##0.00";
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
  worksheet_set_header(sheet, workbook_text(header).c_str());
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
  chart_title_set_name(chart, workbook_text(report.heading).c_str());
  lxw_chart_font title{};
  title.size = 12;
  title.bold = LXW_TRUE;
  chart_title_set_name_font(chart, &title);
  lxw_chart_font categories{};
  categories.size = 8;
  chart_axis_set_num_font(chart->x_axis, &categories);
  chart_axis_set_label_position(chart->x_axis, LXW_CHART_AXIS_LABEL_POSITION_LOW);
  chart_axis_set_name(chart->y_axis, workbook_text(report.unit).c_str());
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

} // namespace

void write_bridge_sheets(lxw_workbook* workbook, const ExplainReport& report,
                         const Formats& formats)
{
  const std::vector<WaterfallColumn> bars = waterfall(report);
  write_waterfall(workbook, report, bars);
  write_bridge(workbook, report, bars, formats);
}

} // namespace carecast::xlsx
