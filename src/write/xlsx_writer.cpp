#include "carecast/xlsx_writer.hpp"

#include "carecast/writers.hpp"

#include <algorithm>
#include <fmt/format.h>
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

// A header row, frozen, with each column's width.
void write_header(lxw_worksheet* sheet, const Formats& formats,
                  const std::vector<std::pair<std::string, double>>& columns)
{
  for (std::size_t c = 0; c < columns.size(); ++c) {
    const auto column = static_cast<lxw_col_t>(c);
    worksheet_write_string(sheet, 0, column, columns[c].first.c_str(), formats.header);
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
    worksheet_write_string(sheet, y + 1, 0, year.c_str(), nullptr);
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
  for (std::size_t o = 0; o < report.options.size(); ++o) {
    const lxw_col_t column = column_of(o);
    double sum = 0.0;
    for (const std::string& year : report.years) {
      sum += *report.find(report.options[o].id, year, total, "cost");
    }
    worksheet_write_number(sheet, years + 1, column, sum, formats.amount);
    if (const double* npc =
          report.find(report.options[o].id, std::string(k_all_years), total, "npc")) {
      worksheet_write_number(sheet, years + 2, column, *npc, formats.amount);
    }
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
    worksheet_write_string(sheet, r, 0, row.option.c_str(), nullptr);
    worksheet_write_string(sheet, r, 1, row.year.c_str(), nullptr);
    worksheet_write_string(sheet, r, 2, row.line.c_str(), nullptr);
    worksheet_write_string(sheet, r, 3, row.measure.c_str(), nullptr);
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
    worksheet_write_string(sheet, r, 0, entry.path.c_str(), nullptr);
    worksheet_write_number(sheet, r, 1, entry.value, formats.number);
    worksheet_write_string(sheet, r, 2, entry.unit.c_str(), nullptr);
    worksheet_write_string(sheet, r, 3, entry.location.c_str(), nullptr);
    worksheet_write_string(sheet, r, 4, entry.source.c_str(), nullptr);
    worksheet_write_string(sheet, r, 5, entry.assumption.c_str(), nullptr);
    worksheet_write_string(sheet, r, 6, entry.distribution.c_str(), nullptr);
    ++r;
  }
  worksheet_autofilter(sheet, 0, 0, r - 1, 6);
}

void write_provenance(lxw_workbook* workbook, const RunProvenance& provenance,
                      const Formats& formats)
{
  lxw_worksheet* sheet = workbook_add_worksheet(workbook, "Provenance");
  write_header(sheet, formats, {{"what", 16.0}, {"value", 70.0}, {"sha256", 68.0}});
  lxw_row_t r = 1;
  const auto add = [&](const std::string& what, const std::string& value,
                       const std::string& sha256 = "") {
    worksheet_write_string(sheet, r, 0, what.c_str(), nullptr);
    worksheet_write_string(sheet, r, 1, value.c_str(), nullptr);
    if (!sha256.empty()) {
      worksheet_write_string(sheet, r, 2, sha256.c_str(), nullptr);
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

} // namespace

void write_xlsx(const std::filesystem::path& path, const WorkbookContent& content)
{
  write_file_atomically(path, [&](const std::filesystem::path& temporary) {
    lxw_workbook* workbook = workbook_new(temporary.c_str());
    if (!workbook) {
      throw Error(fmt::format("cannot write '{}'", path.string()));
    }
    const Formats formats = add_formats(workbook, content.summary ? content.summary->unit : "");
    if (content.summary) {
      write_summary(workbook, *content.summary, formats);
    }
    if (content.lines) {
      write_lines(workbook, *content.lines, formats);
    }
    if (content.assumptions) {
      write_assumptions(workbook, *content.assumptions, formats);
    }
    write_provenance(workbook, content.provenance, formats);
    if (const lxw_error error = workbook_close(workbook); error != LXW_NO_ERROR) {
      throw Error(fmt::format("cannot write '{}': {}", path.string(), lxw_strerror(error)));
    }
  });
}

} // namespace carecast
