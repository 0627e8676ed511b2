#pragma once

// Fitting a scenario's figures to a history of counts by least squares: a log-linear
// trend of one column of counts, or the care ladder's step matrix and entry shares
// from counts per placement type and entries, converted to the annual rates the
// scenario format takes (docs/scenario-format.md, section 9b, read backwards).

#include "carecast/calendar.hpp"
#include "carecast/diagnostic.hpp"

#include <Eigen/Core>
#include <filesystem>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace carecast {

// ln N = intercept + slope x t, fitted to ln N by least squares.
struct TrendFit
{
  double intercept = 0.0;
  double slope = 0.0;        // per year when t is in years
  double r_squared = 0.0;    // of ln N
  Eigen::VectorXd fitted;    // e^(intercept + slope x t) for each point
  Eigen::VectorXd residuals; // observed minus fitted, in counts

  // The annual growth rate the slope means: e^slope - 1.
  double growth() const;
};

// `years` are the points' times (at least two distinct), `counts` their positive counts.
TrendFit fit_log_linear(Eigen::Ref<const Eigen::VectorXd> years,
                        Eigen::Ref<const Eigen::VectorXd> counts);

enum class FitStatus { ok, not_identified };

// The care ladder's step regressed on a history: for each destination j, closing[j] =
// sum over i of opening[i] x step(i, j) + entries x raw_shares(j), over every step.
struct LadderFit
{
  FitStatus status = FitStatus::ok;
  // When not identified: the regressor the history cannot tell apart from the others,
  // a placement type's position, or the number of types for entries.
  Eigen::Index dependent = -1;
  Eigen::MatrixXd step;       // types x types, rows from, columns to; the diagonal is staying
  Eigen::VectorXd raw_shares; // the entries' share per destination, as fitted (not normalised)
  Eigen::MatrixXd fitted;     // steps x types: closing counts as the fit gives them
  Eigen::MatrixXd residuals;  // steps x types: observed minus fitted closing counts
  Eigen::VectorXd r_squared;  // per destination: 1 - residual / total sum of squares about the mean
};

// `counts` is rows x types (the count of each type at each date), `entries` the
// children entering during the step that ends at each row; row 0's entries are not
// used. Needs more steps (rows - 1) than types + 1.
LadderFit fit_ladder(Eigen::Ref<const Eigen::MatrixXd> counts,
                     Eigen::Ref<const Eigen::VectorXd> entries);

// The scenario's annual rates: moves (zero diagonal) and exits, one row per type.
struct AnnualRates
{
  Eigen::MatrixXd moves;
  Eigen::VectorXd exits;
  Eigen::VectorXd outflow() const; // moves plus exit, per type
};

// Inverts the format's conversion from annual rates to months for a step matrix of
// `step_months` months: a type keeping s per month has annual outflow 1 - s^12, split
// in proportion to the step's moves and exits. Rates within 1e-9 of zero are zero:
// what rounding leaves of a rate the history does not have.
AnnualRates annual_rates(Eigen::Ref<const Eigen::MatrixXd> step, int step_months);

// One column of a history with the values a fit gives it.
struct FittedSeries
{
  std::string name;
  std::vector<Month> dates;
  Eigen::VectorXd observed;
  Eigen::VectorXd fitted;
  Eigen::VectorXd residuals; // observed minus fitted
  double r_squared = 0.0;
};

// A totals history: the trend of one column of counts.
struct TrendCalibration
{
  FittedSeries series;
  TrendFit fit; // t in years since the first date
};

// A ladder history: the fitted step, its annual rates, entry shares and entries.
struct LadderCalibration
{
  int step_months = 1;
  std::vector<std::string> types; // in the history's column order
  LadderFit fit;
  AnnualRates annual;
  Eigen::VectorXd shares; // raw_shares normalised to add up to 1
  double share_sum = 0.0; // what the raw shares added up to
  FittedSeries entries;   // per step, with the trend's fitted values
  TrendFit entries_trend;
  double per_year = 0.0;             // entries a year at the trend's value for the last date
  std::vector<FittedSeries> closing; // per type: the closing counts of each step
};

struct Calibration
{
  std::string file;
  std::variant<TrendCalibration, LadderCalibration> fit;
  // Fitted values the history does not support (a share staying each step outside 0
  // to 1), each located at its type's column in the header.
  std::vector<Diagnostic> warnings;
  // Fitted figures a scenario does not accept as the fragment would write them (outside
  // the ranges of figure_range.hpp, or not finite), each located at the header cell of
  // its column: with any, there is no fragment to write.
  std::vector<Diagnostic> refusals;
};

// A calibration as `calibrate` reports it: the fit, where a trend's growth goes (see
// calibrate_writer.hpp's `index`) and where its TOML fragment was written (empty: it
// was not, and the table shows it instead).
struct CalibrationReport
{
  Calibration calibration;
  std::string index;
  std::string fragment_path;
};

struct CalibrationResult
{
  std::optional<Calibration> calibration; // absent when there are diagnostics
  std::vector<Diagnostic> diagnostics;
  SourceFiles sources;
  std::vector<Diagnostic> warnings; // the CSV file's (csv_table.hpp)
};

// Reads a history and fits it. A history with an `entries` column is a ladder history
// unless `column` names one column to fit a trend to; otherwise `column` (or, when
// empty, the only numeric column besides `date`) is fitted as a trend.
CalibrationResult calibrate_file(const std::filesystem::path& path, const std::string& column);
// The same from text in memory; `file_name` names it in diagnostics.
CalibrationResult calibrate_text(std::string text, const std::string& file_name,
                                 const std::string& column);

} // namespace carecast
