#include "carecast/ledger.hpp"

#include "carecast/csv_table.hpp"

#include <fmt/format.h>
#include <map>
#include <optional>
#include <tuple>

namespace carecast {
namespace {

const std::vector<std::string> k_columns{"year", "period", "month", "code", "amount",
                                         "description"};

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
};

std::optional<Columns> find_columns(const CsvTable& table, std::vector<Diagnostic>& diagnostics)
{
  check_header(table, k_columns, "a ledger file", diagnostics);
  const SourcePos& where = table.header.front().pos;
  Columns columns{table.column("year"), table.column("period"), table.column("month"), 0, 0,
                  table.column("description")};
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

std::optional<LedgerEntry> read_row(const std::vector<CsvCell>& row, const Columns& columns,
                                    std::vector<Diagnostic>& diagnostics)
{
  const auto when = read_when(row, columns, diagnostics);
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
  if (!when || trimmed(code.text).empty() || !amount) {
    return std::nullopt;
  }
  return LedgerEntry{when->first,
                     when->second,
                     trimmed(code.text),
                     *amount,
                     columns.description ? trimmed(row[*columns.description].text) : "",
                     row.front().pos};
}

// Two rows for one code in one period would count its money twice.
void check_duplicates(const std::vector<LedgerEntry>& entries,
                      std::vector<Diagnostic>& diagnostics)
{
  std::map<std::tuple<int, int, std::string>, int> first_line;
  for (const LedgerEntry& entry : entries) {
    const auto [found, added] = first_line.emplace(
      std::make_tuple(entry.year.start_year, entry.period, entry.code), entry.pos.line);
    if (!added) {
      diagnostics.push_back({entry.pos, fmt::format("duplicate row: code {} in period {} of {} "
                                                    "is already given on line {}",
                                                    entry.code, entry.period,
                                                    to_string(entry.year), found->second)});
    }
  }
}

LedgerResult read_ledger(CsvResult csv)
{
  LedgerResult result{{}, std::move(csv.diagnostics), std::move(csv.sources)};
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
