#include "carecast/actuals.hpp"

#include "carecast/csv_table.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <fmt/format.h>
#include <map>
#include <optional>
#include <tuple>

namespace carecast {
namespace {

constexpr std::array<std::string_view, 6> k_columns{"year",    "line",   "value",
                                                    "measure", "source", "note"};
constexpr std::array<std::string_view, 3> k_required{"year", "line", "value"};

// Where each column is; the optional ones may be absent.
struct Columns
{
  int year = 0;
  int line = 0;
  int value = 0;
  std::optional<int> measure;
  std::optional<int> source;
  std::optional<int> note;
};

std::optional<Columns> find_columns(const CsvTable& table, std::vector<Diagnostic>& diagnostics)
{
  check_header(table, std::vector<std::string>(k_columns.begin(), k_columns.end()),
               "an actuals file", diagnostics);
  bool complete = true;
  for (const std::string_view name : k_required) {
    if (!table.column(name)) {
      diagnostics.push_back({table.header.front().pos,
                             fmt::format("the header has no '{}' column; an actuals file needs "
                                         "the columns year, line and value",
                                         name)});
      complete = false;
    }
  }
  if (!complete) {
    return std::nullopt;
  }
  return Columns{*table.column("year"),   *table.column("line"),  *table.column("value"),
                 table.column("measure"), table.column("source"), table.column("note")};
}

std::string text_of(const std::vector<CsvCell>& row, const std::optional<int>& column)
{
  return column ? trimmed(row[*column].text) : std::string{};
}

std::optional<FinancialYear> read_year(const CsvCell& cell, std::vector<Diagnostic>& diagnostics)
{
  const std::optional<FinancialYear> year = parse_financial_year(trimmed(cell.text));
  if (!year) {
    diagnostics.push_back({cell.pos, fmt::format("'{}' is not a financial year; write it like "
                                                 "2018/19 (April 2018 to March 2019)",
                                                 cell.text)});
  }
  return year;
}

std::optional<double> read_value(const CsvCell& cell, std::vector<Diagnostic>& diagnostics)
{
  const std::optional<double> value = parse_number(cell.text);
  if (!value) {
    diagnostics.push_back({cell.pos, fmt::format("value '{}' is not a number (write it with '.' "
                                                 "as the decimal point, without a unit or "
                                                 "thousands separator)",
                                                 cell.text)});
  } else if (*value == 0.0) {
    diagnostics.push_back({cell.pos, "an actual of 0 leaves the percent error undefined (it is "
                                     "divided by the actual); leave out a row whose figure is "
                                     "not known"});
    return std::nullopt;
  } else if (!std::isfinite(100.0 / std::abs(*value)) || !std::isfinite(100.0 * *value)) {
    diagnostics.push_back({cell.pos, fmt::format("an actual of {} is too {} for its percent error "
                                                 "(100 x error / actual) to be a number",
                                                 trimmed(cell.text),
                                                 std::abs(*value) < 1.0 ? "small" : "large")});
    return std::nullopt;
  }
  return value;
}

std::optional<Actual> read_row(const std::vector<CsvCell>& row, const Columns& columns,
                               std::vector<Diagnostic>& diagnostics)
{
  const std::optional<FinancialYear> year = read_year(row[columns.year], diagnostics);
  const CsvCell& line = row[columns.line];
  if (trimmed(line.text).empty()) {
    diagnostics.push_back(
      {line.pos, "the line is empty; give a cost line id of the scenario, or total"});
  }
  const std::optional<double> value = read_value(row[columns.value], diagnostics);
  if (!year || trimmed(line.text).empty() || !value) {
    return std::nullopt;
  }
  Actual actual{*year,
                trimmed(line.text),
                text_of(row, columns.measure),
                *value,
                text_of(row, columns.source),
                text_of(row, columns.note),
                row[columns.year].pos,
                line.pos,
                line.pos,
                row[columns.value].pos};
  if (actual.measure.empty()) {
    actual.measure = k_default_measure;
  } else {
    actual.measure_pos = row[*columns.measure].pos;
  }
  return actual;
}

// Two rows for the same year, line and measure would give the figure two actuals.
void check_duplicates(const std::vector<Actual>& actuals, std::vector<Diagnostic>& diagnostics)
{
  std::map<std::tuple<int, std::string, std::string>, int> first_line;
  for (const Actual& actual : actuals) {
    const auto key = std::make_tuple(actual.year.start_year, actual.line, actual.measure);
    const auto [found, added] = first_line.emplace(key, actual.year_pos.line);
    if (!added) {
      diagnostics.push_back(
        {actual.year_pos,
         fmt::format("duplicate row: {} {} {} is already given on line {}", to_string(actual.year),
                     actual.line, actual.measure, found->second)});
    }
  }
}

ActualsResult read_actuals(CsvResult csv)
{
  ActualsResult result{{}, std::move(csv.diagnostics), std::move(csv.sources),
                       std::move(csv.warnings)};
  result.actuals = read_rows<Actual>(csv.table, result.diagnostics, find_columns, read_row);
  check_duplicates(result.actuals, result.diagnostics);
  return result;
}

} // namespace

ActualsResult read_actuals_file(const std::filesystem::path& path)
{
  return read_actuals(read_csv_file(path));
}

ActualsResult read_actuals_text(std::string text, const std::string& file_name)
{
  return read_actuals(read_csv_text(std::move(text), file_name));
}

} // namespace carecast
