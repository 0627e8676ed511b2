#pragma once

// Writers render a report as text. Rounding happens only here, and only in the
// terminal writer: CSV and JSON keep full precision.

#include "carecast/batch.hpp"
#include "carecast/diff.hpp"
#include "carecast/report.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace carecast {

// The header every tidy CSV begins with.
inline constexpr std::string_view k_csv_header = "scenario,option,year,line,measure,value";

std::string write_csv(const Report& report);
std::string write_json(const Report& report);
// A table for people, at most 80 columns wide for a scenario of up to six years and
// four options; amounts to 2 decimals.
std::string write_terminal(const Report& report, std::size_t width);

// A diff of two scenarios. CSV: the tidy header; each parameter change as rows with
// option and year empty, the parameter's address as `line` and the measures `before`
// and `after` (a side the parameter does not exist on has no row); then the
// `cost_change` rows. JSON adds the parameters, with null for a missing side. The
// terminal shows a table of the parameters and one of the cost changes.
std::string write_csv(const ScenarioDiff& diff);
std::string write_json(const ScenarioDiff& diff);
std::string write_terminal(const ScenarioDiff& diff, std::size_t width);

// A batch's summary.csv: scenario,option,horizon_total,net_present_cost,cheapest, values
// unrounded.
std::string write_csv(const BatchSummary& summary);
// A batch's summary.json: {"scenarios": [{"file", "scenario", "status", "exit_code",
// "csv", "reasons", "cheapest", "options": [{"option", "horizon_total",
// "net_present_cost"}]}]}, one per run, with the summary's rows of its scenario; csv and
// cheapest are null when the run wrote no CSV.
std::string write_json(const BatchSummary& summary);

// A value as CSV and JSON carry it: unrounded to 12 significant digits (for £m
// amounts far below a penny, while the binary noise of sums such as
// 64.43 - 58.17 = 6.2600000000000051 stays out), '.' as the decimal point, no
// thousands separator.
std::string full_precision(double value);

// An amount as tables show it: 2 decimals, never "-0.00".
std::string two_decimals(double value);

// An amount with its sign, to 2 decimals, as variances, movements and swings read:
// +5.96, -0.12, and +0.00 for what rounds to 0.
std::string signed_amount(double value);

// A text cell as CSV and workbooks carry it: one a spreadsheet would take for a formula
// (it begins with =, +, -, @, a tab or a carriage return and is not a number) gets a
// leading apostrophe, as OWASP's guidance on CSV injection advises; numbers and other
// text are left alone.
std::string neutralised(const std::string& text);

// The most characters a workbook's cell holds (Excel's limit).
inline constexpr std::size_t k_cell_characters = 32767;

// Text as a workbook can hold it, for every string written to one (cells, chart titles
// and axis names, page headers): each character XML 1.0 cannot carry (control
// characters other than tab, newline and carriage return; U+FFFE and U+FFFF) and each
// byte that is not part of well-formed UTF-8 (lone surrogates among them) becomes
// U+FFFD, the replacement character; text longer than k_cell_characters characters
// (code points) is cut at a character's boundary and ends with " [cut: N characters]",
// N the characters cut, the whole within the limit.
std::string workbook_text(std::string_view text);

// One CSV record with its newline, fields neutralised, and quoted where they need it.
std::string csv_record(const std::vector<std::string>& fields);
// A JSON string literal, quoted and escaped.
std::string json_string(const std::string& text);

} // namespace carecast
