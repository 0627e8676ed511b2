#include "carecast/outturn.hpp"

#include <fmt/format.h>
#include <map>

namespace carecast {
namespace {

const std::vector<std::string> k_columns{"scenario", "option", "year", "period",
                                         "line",     "measure", "value"};

struct Cells
{
  const CsvCell& option;
  const CsvCell& year;
  const CsvCell& period;
  const CsvCell& line;
  const CsvCell& measure;
  const CsvCell& value;
};

// The figures of one row that add_movement uses; false for a row with a problem.
bool read_row(const Cells& cells, Outturn& outturn, std::map<std::string, OutturnLine>& lines,
              std::vector<Diagnostic>& diagnostics)
{
  const std::string measure = trimmed(cells.measure.text);
  const bool by_period = measure == "forecast";
  if (!by_period && measure != "forecast_outturn") {
    return true;
  }
  const std::optional<FinancialYear> year = parse_financial_year(trimmed(cells.year.text));
  const std::optional<double> period = parse_number(trimmed(cells.period.text));
  const std::optional<double> value = parse_number(trimmed(cells.value.text));
  const bool whole = period && *period >= 1 && *period <= k_periods_per_year
                     && *period == static_cast<int>(*period);
  if (!year || !whole || !value) {
    const CsvCell& bad = !year ? cells.year : !whole ? cells.period : cells.value;
    diagnostics.push_back({bad.pos, fmt::format("'{}' is not {} as carecast outturn writes it",
                                                bad.text,
                                                !year    ? "a financial year"
                                                : !whole ? "a period from 1 to 12"
                                                         : "a number")});
    return false;
  }
  if (outturn.option.empty()) {
    outturn.option = trimmed(cells.option.text);
    outturn.year = *year;
  } else if (*year != outturn.year || trimmed(cells.option.text) != outturn.option) {
    diagnostics.push_back({cells.year.pos, "an outturn's CSV is of one year and option; this row "
                                           "is of another"});
    return false;
  }
  const std::string id = trimmed(cells.line.text);
  OutturnLine& line = id == "total" ? outturn.total : lines[id];
  line.id = id;
  if (by_period) {
    line.forecast[static_cast<int>(*period) - 1] = *value;
  } else {
    line.forecast_outturn = *value;
    outturn.period = static_cast<int>(*period);
  }
  return true;
}

} // namespace

bool is_outturn_csv(const CsvResult& csv)
{
  return csv.table && csv.table->column("measure").has_value();
}

OutturnResult read_outturn_csv(const CsvResult& csv)
{
  OutturnResult result{{}, csv.diagnostics};
  if (!csv.table) {
    return result;
  }
  const CsvTable& table = *csv.table;
  check_header(table, k_columns, "an outturn's CSV", result.diagnostics);
  std::vector<int> at;
  for (const std::string& name : k_columns) {
    if (const std::optional<int> column = table.column(name)) {
      at.push_back(*column);
    } else {
      result.diagnostics.push_back(
        {table.header.front().pos,
         fmt::format("the header has no '{}' column; an outturn's CSV has the columns {}", name,
                     "scenario, option, year, period, line, measure and value")});
      return result;
    }
  }
  Outturn outturn;
  std::map<std::string, OutturnLine> lines;
  for (const std::vector<CsvCell>& row : table.rows) {
    read_row({row[at[1]], row[at[2]], row[at[3]], row[at[4]], row[at[5]], row[at[6]]}, outturn,
             lines, result.diagnostics);
  }
  if (outturn.period == 0 && result.diagnostics.empty()) {
    result.diagnostics.push_back({table.header.front().pos,
                                  "the file has no forecast_outturn rows: it is not an outturn "
                                  "carecast wrote as CSV"});
  }
  if (!result.diagnostics.empty()) {
    return result;
  }
  for (auto& [id, line] : lines) {
    outturn.lines.push_back(std::move(line));
  }
  result.outturn = std::move(outturn);
  return result;
}

} // namespace carecast
