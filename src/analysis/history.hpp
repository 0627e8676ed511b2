#pragma once

// A history table's dates and counts as numbers, each problem reported at the cell
// that has it. Problems with the table as a whole are reported at its header.

#include "carecast/calendar.hpp"
#include "carecast/csv_table.hpp"

#include <Eigen/Core>
#include <optional>
#include <string_view>
#include <vector>

namespace carecast::history {

inline constexpr std::string_view k_date = "date";
inline constexpr std::string_view k_entries = "entries";

// Columns that describe a row (`source`, `note`) rather than count anything.
bool is_description(std::string_view name);

// Where a problem with the whole table is shown: the start of its header.
SourcePos header_pos(const CsvTable& table);

// The position of a column the history must have, or nullopt after reporting that
// the header lacks it (with the likeliest intended column).
std::optional<int> require_column(const CsvTable& table, std::string_view name,
                                  std::vector<Diagnostic>& diagnostics);

// The `date` column as months, each later than the one above; nullopt after
// reporting every cell that is not.
std::optional<std::vector<Month>> read_dates(const CsvTable& table,
                                             std::vector<Diagnostic>& diagnostics);

// The months between dates, 1 or 12, when all of them are equal; nullopt after
// reporting the first date that breaks the step.
std::optional<int> even_step(const CsvTable& table, const std::vector<Month>& dates,
                             std::vector<Diagnostic>& diagnostics);

// The least a value may be: not negative (a count) or above 0 (a count to take the
// logarithm of).
enum class Bound { not_negative, positive };

// A column's cells from row `first_row` on as numbers; nullopt after reporting every
// cell that is empty, not a number or out of bounds.
std::optional<Eigen::VectorXd> read_numbers(const CsvTable& table, int column, int first_row,
                                            Bound bound, std::vector<Diagnostic>& diagnostics);

// The columns besides `date` and the descriptions whose every cell that is not empty
// is a number (and at least one is).
std::vector<int> numeric_columns(const CsvTable& table);

} // namespace carecast::history
