#include "history.hpp"

#include <fmt/format.h>

namespace carecast::history {
namespace {

std::string_view trimmed(std::string_view text)
{
  const auto first = text.find_first_not_of(' ');
  if (first == std::string_view::npos) {
    return {};
  }
  return text.substr(first, text.find_last_not_of(' ') - first + 1);
}

const CsvCell& cell(const CsvTable& table, std::size_t row, int column)
{
  return table.rows[row][static_cast<std::size_t>(column)];
}

// Why a cell's text is not an acceptable value, or nothing when it is.
std::optional<std::string> number_problem(std::string_view text, std::string_view name, Bound bound)
{
  if (text.empty()) {
    return fmt::format("column '{}' has no value in this row; every row needs one", name);
  }
  const std::optional<double> value = parse_number(text);
  if (!value) {
    return fmt::format("'{}' in column '{}' is not a number; write plain numbers such as 212 "
                       "or 212.5, without thousands separators",
                       text, name);
  }
  if (bound == Bound::positive && *value <= 0.0) {
    return fmt::format("'{}' in column '{}' is not above 0; a log-linear trend needs counts "
                       "above 0",
                       text, name);
  }
  if (*value < 0.0) {
    return fmt::format("'{}' in column '{}' is negative; a count cannot be", text, name);
  }
  return std::nullopt;
}

} // namespace

bool is_description(std::string_view name)
{
  return name == "source" || name == "note";
}

SourcePos header_pos(const CsvTable& table)
{
  return table.header.empty() ? SourcePos{table.file, 1, 1} : table.header.front().pos;
}

std::optional<int> require_column(const CsvTable& table, std::string_view name,
                                  std::vector<Diagnostic>& diagnostics)
{
  if (const std::optional<int> found = table.column(name)) {
    return found;
  }
  std::vector<std::string> names;
  for (const CsvCell& heading : table.header) {
    names.push_back(heading.text);
  }
  diagnostics.push_back({header_pos(table), fmt::format("the history has no column '{}'{}", name,
                                                        did_you_mean(name, names))});
  return std::nullopt;
}

std::optional<std::vector<Month>> read_dates(const CsvTable& table,
                                             std::vector<Diagnostic>& diagnostics)
{
  const std::optional<int> column = require_column(table, k_date, diagnostics);
  if (!column) {
    return std::nullopt;
  }
  const std::size_t before = diagnostics.size();
  std::vector<Month> dates;
  for (std::size_t row = 0; row < table.rows.size(); ++row) {
    const CsvCell& date = cell(table, row, *column);
    const std::optional<Month> month = parse_month(trimmed(date.text));
    if (!month) {
      diagnostics.push_back(
        {date.pos,
         fmt::format("'{}' is not a month; write dates as YYYY-MM, such as 2019-06", date.text)});
      continue;
    }
    if (!dates.empty() && *month <= dates.back()) {
      diagnostics.push_back(
        {date.pos, fmt::format("{} is not after {} in the row above; dates must increase down "
                               "the file",
                               to_string(*month), to_string(dates.back()))});
    }
    dates.push_back(*month);
  }
  if (diagnostics.size() != before) {
    return std::nullopt;
  }
  return dates;
}

std::optional<int> even_step(const CsvTable& table, const std::vector<Month>& dates,
                             std::vector<Diagnostic>& diagnostics)
{
  const int column = *table.column(k_date);
  const int step = dates.size() < 2 ? 1 : dates[1].number - dates[0].number;
  if (step != 1 && step != 12) {
    diagnostics.push_back(
      {cell(table, 1, column).pos,
       fmt::format("the history steps {} months from {} to {}; a ladder history steps 1 month "
                   "or 12 months at a time",
                   step, to_string(dates[0]), to_string(dates[1]))});
    return std::nullopt;
  }
  for (std::size_t row = 2; row < dates.size(); ++row) {
    const int gap = dates[row].number - dates[row - 1].number;
    if (gap != step) {
      diagnostics.push_back(
        {cell(table, row, column).pos,
         fmt::format("{} is {} months after {}, but the history steps {} month{} at a time; "
                     "dates must be evenly spaced",
                     to_string(dates[row]), gap, to_string(dates[row - 1]), step,
                     step == 1 ? "" : "s")});
      return std::nullopt;
    }
  }
  return step;
}

std::optional<Eigen::VectorXd> read_numbers(const CsvTable& table, int column, int first_row,
                                            Bound bound, std::vector<Diagnostic>& diagnostics)
{
  const std::string& name = table.header[static_cast<std::size_t>(column)].text;
  const auto first = static_cast<std::size_t>(first_row);
  Eigen::VectorXd values(
    static_cast<Eigen::Index>(table.rows.size() > first ? table.rows.size() - first : 0));
  bool valid = true;
  for (std::size_t row = first; row < table.rows.size(); ++row) {
    const CsvCell& number = cell(table, row, column);
    if (const auto problem = number_problem(trimmed(number.text), name, bound)) {
      diagnostics.push_back({number.pos, *problem});
      valid = false;
      continue;
    }
    values(static_cast<Eigen::Index>(row - first)) = *parse_number(number.text);
  }
  if (!valid) {
    return std::nullopt;
  }
  return values;
}

std::vector<int> numeric_columns(const CsvTable& table)
{
  std::vector<int> columns;
  for (std::size_t c = 0; c < table.header.size(); ++c) {
    const std::string& name = table.header[c].text;
    if (name == k_date || is_description(name) || table.rows.empty()) {
      continue;
    }
    // An empty cell does not make a column text: reading it reports the gap.
    bool numeric = true;
    bool any = false;
    for (const auto& row : table.rows) {
      const std::string_view text = trimmed(row[c].text);
      any = any || !text.empty();
      numeric = numeric && (text.empty() || parse_number(text).has_value());
    }
    if (numeric && any) {
      columns.push_back(static_cast<int>(c));
    }
  }
  return columns;
}

} // namespace carecast::history
