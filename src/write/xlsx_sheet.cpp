#include "xlsx_sheet.hpp"

#include "carecast/writers.hpp"

#include <fmt/format.h>

namespace carecast::xlsx {

namespace {

lxw_format* numeric(lxw_workbook* workbook, const char* code)
{
  lxw_format* format = workbook_add_format(workbook);
  format_set_num_format(format, code);
  return format;
}

// A title as a page's header shows it: at most k_header_characters characters, cut
// short with an ellipsis, as Excel keeps no header of more than 255.
std::string headed(const std::string& title)
{
  constexpr int k_header_characters = 120;
  int characters = 0;
  for (std::size_t i = 0; i < title.size(); ++i) {
    const bool starts = (static_cast<unsigned char>(title[i]) & 0xC0) != 0x80;
    if (starts && ++characters > k_header_characters) {
      return title.substr(0, i) + "…";
    }
  }
  return title;
}

} // namespace

Formats add_formats(lxw_workbook* workbook)
{
  Formats formats{workbook_add_format(workbook), workbook_add_format(workbook),
                  workbook_add_format(workbook), numeric(workbook, "#,##0.00"),
                  numeric(workbook, "0"),        numeric(workbook, "0.0%"),
                  numeric(workbook, "0.000"),    numeric(workbook, "General"),
                  workbook_add_format(workbook), workbook_add_format(workbook)};
  format_set_bold(formats.header);
  format_set_bottom(formats.header, LXW_BORDER_THIN);
  format_set_bold(formats.figure_header);
  format_set_bottom(formats.figure_header, LXW_BORDER_THIN);
  format_set_align(formats.figure_header, LXW_ALIGN_RIGHT);
  format_set_bold(formats.heading);
  format_set_align(formats.number, LXW_ALIGN_VERTICAL_TOP);
  format_set_text_wrap(formats.wrapped);
  format_set_align(formats.wrapped, LXW_ALIGN_VERTICAL_TOP);
  format_set_indent(formats.unit, 1);
  format_set_align(formats.unit, LXW_ALIGN_VERTICAL_TOP);
  return formats;
}

void write_text(lxw_worksheet* sheet, lxw_row_t row, lxw_col_t column, const std::string& text,
                lxw_format* format)
{
  worksheet_write_string(sheet, row, column, workbook_text(neutralised(text)).c_str(), format);
}

void write_header(lxw_worksheet* sheet, const Formats& formats,
                  const std::vector<std::pair<std::string, double>>& columns,
                  std::size_t figures_from)
{
  for (std::size_t c = 0; c < columns.size(); ++c) {
    const auto column = static_cast<lxw_col_t>(c);
    write_text(sheet, 0, column, columns[c].first,
               c < figures_from ? formats.header : formats.figure_header);
    worksheet_set_column(sheet, column, column, columns[c].second, nullptr);
  }
  worksheet_freeze_panes(sheet, 1, 0);
}

double column_pixels(double width)
{
  // Excel's rule for its default font, whose digits are 7 pixels wide, with 5 pixels
  // of padding.
  return width * 7.0 + 5.0;
}

void set_page_breaks(lxw_worksheet* sheet, const PagePlan& pages)
{
  if (pages.breaks().empty()) {
    return;
  }
  std::vector<lxw_row_t> breaks(pages.breaks().begin(), pages.breaks().end());
  breaks.push_back(0); // the list's end
  worksheet_set_h_pagebreaks(sheet, breaks.data());
}

void set_value_axis(lxw_chart_axis* axis, const AxisRange& range)
{
  chart_axis_set_min(axis, range.min);
  chart_axis_set_max(axis, range.max);
  chart_axis_set_major_unit(axis, range.step);
  const std::string code =
    range.decimals == 0 ? "#,##0"
                        : "#,##0." + std::string(static_cast<std::size_t>(range.decimals), '0');
  chart_axis_set_num_format(axis, code.c_str());
}

void set_printing(lxw_worksheet* sheet, const std::string& title)
{
  worksheet_set_landscape(sheet);
  worksheet_set_paper(sheet, 9); // A4
  worksheet_set_margins(sheet, 0.5, 0.5, 0.75, 0.75);
  worksheet_fit_to_pages(sheet, 1, 0);
  worksheet_repeat_rows(sheet, 0, 0);
  // & starts a code in a header, so the title's own are doubled.
  std::string escaped;
  for (const char c : headed(title)) {
    escaped += c == '&' ? "&&" : std::string(1, c);
  }
  worksheet_set_header(sheet, workbook_text(fmt::format("&L{}&R&A", escaped)).c_str());
  worksheet_set_footer(sheet, "&CPage &P of &N");
}

} // namespace carecast::xlsx
