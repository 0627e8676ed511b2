#pragma once

// Writers of a calibration: the fit for people, its tidy CSV and JSON rows, and the
// TOML fragment that puts the fitted values into a scenario.
//
// `index` says where a trend's growth goes: empty for the care ladder's
// `ladder.entries.growth`, else the id of the index whose `default` rate it becomes.
// A ladder calibration ignores it.

#include "carecast/calibrate.hpp"

#include <optional>
#include <cstddef>
#include <string>
#include <string_view>

namespace carecast {

// Fitted values, fit statistics and residuals as tables; rates to 4 decimals, counts
// to 2.
std::string write_terminal(const Calibration& calibration, std::size_t width);

// The tidy CSV header, then rows whose `year` is "all" for a figure of the whole
// history or the date (YYYY-MM) of a row's count: the fitted parameters by address
// (measure `value`, and `per_step` or `raw` for what the regression gave before
// conversion), each fitted column's `r_squared` and `points`, and each column's
// `observed`, `fitted` and `residual` count per date.
std::string write_csv(const Calibration& calibration, std::string_view index);

// The same rows with the history's name, kind, step and warnings, and the fragment
// (null when there is none: a scenario would refuse the fit).
std::string write_json(const Calibration& calibration, std::string_view index,
                       const std::optional<std::string>& fragment);

// The parameter address a trend's growth is written to: `ladder.entries.growth`, or
// `indices.ID.default` for index ID.
std::string growth_address(std::string_view index);

// The TOML fragment: valid TOML on its own, numbers to 6 significant digits, each
// value with a `source` naming the history and the fit.
std::string write_fragment(const Calibration& calibration, std::string_view index);

// The calibrate command's output: write_csv and write_json of the report's fit and
// index (JSON with the fragment); the table adds the fragment, or where it was written,
// or, for a fit with refusals, that there is none.
std::string write_csv(const CalibrationReport& report);
std::string write_json(const CalibrationReport& report);
std::string write_terminal(const CalibrationReport& report, std::size_t width);

} // namespace carecast
