#include "carecast/ledger.hpp"

#include "carecast/csv_table.hpp"

#include <fmt/format.h>
#include <map>
#include <optional>
#include <tuple>

namespace carecast {
namespace {

const std::vector<std::string> k_columns{"year",        "period",    "month",
                                         "code",        "amount",    "description",
                                         "committed",   "placement", "children"};

// Where each column is: a row's period is given either by `year` and `period` or by
// `month`, whose financial year and period follow from it.
struct Columns
{
  std::optional<int> year;
  std::optional<int> period;
  std::optional<int> month;
  int code = 0;
  int amount = 0;
  std::optional<int> description;
  std::optional<int> committed;
  std::optional<int> placement;
  std::optional<int> children;
};

std::optional<Columns> find_columns(const CsvTable& table, std::vector<Diagnostic>& diagnostics)
{
  check_header(table, k_columns, "a ledger file", diagnostics);
  const SourcePos& where = table.header.front().pos;
  Columns columns{table.column("year"),        table.column("period"),
                  table.column("month"),       0,
                  0,                           table.column("description"),
                  table.column("committed"),   table.column("placement"),
                  table.column("children")};
  bool complete = true;
  for (const char* name : {"code", "amount"}) {
    if (!table.column(name)) {
      diagnostics.push_back({where, fmt::format("the header has no '{}' column; a ledger file "
                                                "needs the columns code and amount, and year "
                                                "and period or month",
                                                name)});
      complete = false;
    }
  }
  const bool by_period = columns.year && columns.period;
  if (columns.month ? (columns.year || columns.period) : !by_period) {
    diagnostics.push_back({where, "give each row's period either as year and period (2021/22 "
                                  "and 9 for December 2021) or as month (2021-12), not both"});
    complete = false;
  }
  if (columns.placement.has_value() != columns.children.has_value()) {
    diagnostics.push_back({where, "give children at a period's end with both a placement and a "
                                  "children column"});
    complete = false;
  }
  if (!complete) {
    return std::nullopt;
  }
  columns.code = *table.column("code");
  columns.amount = *table.column("amount");
  return columns;
}

// The financial year and period of a row, from its year and period or its month.
std::optional<std::pair<FinancialYear, int>> read_when(const std::vector<CsvCell>& row,
                                                       const Columns& columns,
                                                       std::vector<Diagnostic>& diagnostics)
{
  if (columns.month) {
    const CsvCell& cell = row[*columns.month];
    const std::optional<Month> month = parse_month(trimmed(cell.text));
    if (!month) {
      diagnostics.push_back({cell.pos, fmt::format("'{}' is not a month; write it like 2021-12",
                                                   cell.text)});
      return std::nullopt;
    }
    const FinancialYear year = financial_year_of(*month);
    return std::pair{year, month->number - year.first_month().number + 1};
  }
  const CsvCell& year_cell = row[*columns.year];
  const std::optional<FinancialYear> year = parse_financial_year(trimmed(year_cell.text));
  if (!year) {
    diagnostics.push_back({year_cell.pos, fmt::format("'{}' is not a financial year; write it "
                                                      "like 2021/22 (April 2021 to March 2022)",
                                                      year_cell.text)});
  }
  const CsvCell& period_cell = row[*columns.period];
  const std::optional<double> period = parse_number(trimmed(period_cell.text));
  const bool whole = period && *period >= 1.0 && *period <= 12.0 && *period == static_cast<int>(*period);
  if (!whole) {
    diagnostics.push_back({period_cell.pos, fmt::format("period '{}' is not a whole number from "
                                                        "1 (April) to 12 (March)",
                                                        period_cell.text)});
  }
  if (!year || !whole) {
    return std::nullopt;
  }
  return std::pair{*year, static_cast<int>(*period)};
}

// A number in an optional column: 0 when the column or the cell is empty.
std::optional<double> optional_number(const std::vector<CsvCell>& row, std::optional<int> column,
                                      std::string_view what, std::vector<Diagnostic>& diagnostics)
{
  if (!column || trimmed(row[*column].text).empty()) {
    return 0.0;
  }
  const CsvCell& cell = row[*column];
  const std::optional<double> value = parse_number(trimmed(cell.text));
  if (!value) {
    diagnostics.push_back({cell.pos, fmt::format("{} '{}' is not a number", what, cell.text)});
  }
  return value;
}

// A row naming a placement type: its children at the period's end, and no money.
std::optional<LedgerEntry> read_count(const std::vector<CsvCell>& row, const Columns& columns,
                                      std::optional<std::pair<FinancialYear, int>> when,
                                      std::vector<Diagnostic>& diagnostics)
{
  const CsvCell& children_cell = row[*columns.children];
  const std::optional<double> parsed = parse_number(trimmed(children_cell.text));
  const bool counted = parsed && *parsed >= 0.0;
  if (!counted) {
    diagnostics.push_back({children_cell.pos,
                           fmt::format("children '{}' is not a number of children (0 or more)",
                                       children_cell.text)});
  }
  bool alone = true;
  for (const std::optional<int> money : {std::optional<int>(columns.code),
                                         std::optional<int>(columns.amount), columns.committed}) {
    if (money && !trimmed(row[*money].text).empty()) {
      diagnostics.push_back({row[*money].pos, "a row gives either a code's amount or a "
                                              "placement's children, not both: leave the code, "
                                              "amount and committed empty on a placement's row"});
      alone = false;
      break;
    }
  }
  if (!when || !counted || !alone) {
    return std::nullopt;
  }
  LedgerEntry entry;
  entry.year = when->first;
  entry.period = when->second;
  entry.pos = row.front().pos;
  entry.placement = trimmed(row[*columns.placement].text);
  entry.children = *parsed;
  return entry;
}

std::optional<LedgerEntry> read_row(const std::vector<CsvCell>& row, const Columns& columns,
                                    std::vector<Diagnostic>& diagnostics)
{
  const auto when = read_when(row, columns, diagnostics);
  if (columns.placement && !trimmed(row[*columns.placement].text).empty()) {
    return read_count(row, columns, when, diagnostics);
  }
  if (columns.children && !trimmed(row[*columns.children].text).empty()) {
    diagnostics.push_back({row[*columns.children].pos, "children are counted in a placement "
                                                       "type: name it in the placement column"});
    return std::nullopt;
  }
  const CsvCell& code = row[columns.code];
  if (trimmed(code.text).empty()) {
    diagnostics.push_back({code.pos, "the cost code is empty"});
  }
  const CsvCell& amount_cell = row[columns.amount];
  const std::optional<double> amount = parse_number(trimmed(amount_cell.text));
  if (!amount) {
    diagnostics.push_back({amount_cell.pos, fmt::format("amount '{}' is not a number (write it "
                                                        "with '.' as the decimal point, without "
                                                        "a unit or thousands separator)",
                                                        amount_cell.text)});
  }
  const std::optional<double> committed =
    optional_number(row, columns.committed, "committed", diagnostics);
  if (!when || trimmed(code.text).empty() || !amount || !committed) {
    return std::nullopt;
  }
  LedgerEntry entry;
  entry.year = when->first;
  entry.period = when->second;
  entry.code = trimmed(code.text);
  entry.amount = *amount;
  entry.description = columns.description ? trimmed(row[*columns.description].text) : "";
  entry.pos = row.front().pos;
  entry.committed = *committed;
  return entry;
}

// Two rows for one code in one period would count its money twice.
void check_duplicates(const std::vector<LedgerEntry>& entries,
                      std::vector<Diagnostic>& diagnostics)
{
  std::map<std::tuple<int, int, std::string>, int> first_line;
  for (const LedgerEntry& entry : entries) {
    const std::string key = entry.is_count() ? "placement " + entry.placement
                                             : "code " + entry.code;
    const auto [found, added] =
      first_line.emplace(std::make_tuple(entry.year.start_year, entry.period, key), entry.pos.line);
    if (!added) {
      diagnostics.push_back({entry.pos, fmt::format("duplicate row: {} in period {} of {} is "
                                                    "already given on line {}",
                                                    key, entry.period, to_string(entry.year),
                                                    found->second)});
    }
  }
}

LedgerResult read_ledger(CsvResult csv)
{
  LedgerResult result{{}, std::move(csv.diagnostics), std::move(csv.sources),
                      std::move(csv.warnings)};
  result.entries = read_rows<LedgerEntry>(csv.table, result.diagnostics, find_columns, read_row);
  check_duplicates(result.entries, result.diagnostics);
  return result;
}

} // namespace

LedgerResult read_ledger_file(const std::filesystem::path& path)
{
  return read_ledger(read_csv_file(path));
}

LedgerResult read_ledger_text(std::string text, const std::string& file_name)
{
  return read_ledger(read_csv_text(std::move(text), file_name));
}

} // namespace carecast
