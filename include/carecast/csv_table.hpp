#pragma once

// Reads the CSV files carecast takes as input (histories to calibrate from, actuals
// to back-test against): RFC 4180 fields, a header row, every cell remembering where
// it was written so a problem with it can be shown with a caret.

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
  SourceFiles sources;
};

CsvResult read_csv_file(const std::filesystem::path& path);
// The same from text in memory; `file_name` names it in diagnostics.
CsvResult read_csv_text(std::string text, const std::string& file_name);

// A cell's number ('.' as the decimal point, no thousands separator), or nullopt
// when the text is not a finite number.
std::optional<double> parse_number(std::string_view text);

} // namespace carecast
