#pragma once

// Reads the CSV files carecast takes as input (histories to calibrate from, actuals
// to back-test against, ledgers): RFC 4180 fields, a header row, every cell remembering
// where it was written so a problem with it can be shown with a caret. Files are read as
// spreadsheets save them: with or without a byte-order mark, with CRLF, LF or CR line
// ends, with empty rows after the last, and in UTF-8 or else Windows-1252 (with a
// warning); the cells are UTF-8.

#include "carecast/diagnostic.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace carecast {

struct CsvCell
{
  std::string text;
  SourcePos pos;
};

struct CsvTable
{
  std::string file;
  std::vector<CsvCell> header;
  std::vector<std::vector<CsvCell>> rows; // each as long as the header

  // The position of a header column, or nullopt when the file has none by that name.
  std::optional<int> column(std::string_view name) const;
};

struct CsvResult
{
  // Absent when the file could not be read or is not well-formed CSV.
  std::optional<CsvTable> table;
  std::vector<Diagnostic> diagnostics;
  // Problems that do not stop the file being read, such as its being read as
  // Windows-1252, for the command to print.
  std::vector<Diagnostic> warnings;
  SourceFiles sources;
};

CsvResult read_csv_file(const std::filesystem::path& path);
// The same from text in memory; `file_name` names it in diagnostics.
CsvResult read_csv_text(std::string text, const std::string& file_name);

// A cell's number ('.' as the decimal point, no thousands separator), or nullopt
// when the text is not a finite number.
std::optional<double> parse_number(std::string_view text);

// The rows of a file of actuals (for a back-test, or a ledger's) read by
// `read_row(row, columns, diagnostics)` (an optional item: empty for a row with a
// problem) once `find_columns(table, diagnostics)` has found the header's columns; none
// when there is no table or its header is wrong, and a problem at the header when it
// has no rows.
template <typename Item, typename FindColumns, typename ReadRow>
std::vector<Item> read_rows(const std::optional<CsvTable>& table,
                            std::vector<Diagnostic>& diagnostics, const FindColumns& find_columns,
                            const ReadRow& read_row)
{
  std::vector<Item> items;
  if (!table) {
    return items;
  }
  const auto columns = find_columns(*table, diagnostics);
  if (!columns) {
    return items;
  }
  if (table->rows.empty()) {
    diagnostics.push_back({table->header.front().pos, "the file has a header but no rows of actuals"});
  }
  for (const std::vector<CsvCell>& row : table->rows) {
    if (auto item = read_row(row, *columns, diagnostics)) {
      items.push_back(std::move(*item));
    }
  }
  return items;
}

// `text` without the spaces before and after it.
std::string trimmed(std::string_view text);

// Every header cell must name one of `known` columns, once: a misspelt optional column
// would otherwise be dropped without a word. A problem at each cell that does not,
// naming `what` the file is ("an actuals file") and its columns, with the nearest name.
void check_header(const CsvTable& table, const std::vector<std::string>& known,
                  std::string_view what, std::vector<Diagnostic>& diagnostics);

} // namespace carecast
