#pragma once

// A back-test: a scenario's forecast set against what the figures turned out to be,
// per financial year, line and measure, with the mean absolute percentage error by
// forecast horizon and, for a scenario with uncertain inputs, the coverage of the
// forecast's P10-P90 band (docs/backtest.md).

#include "carecast/actuals.hpp"
#include "carecast/diagnostic.hpp"
#include "carecast/forecast_band.hpp"
#include "carecast/report.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace carecast {

// A figure's P10-P90 band and whether the actual fell inside it, ends included.
struct BandCheck
{
  double p10 = 0.0;
  double p90 = 0.0;
  bool inside = false;
};

// One figure forecast and observed. The horizon is the year's position after the
// base year: 0 for the base year itself, the calibration year.
struct Comparison
{
  std::string year;
  int horizon = 0;
  std::string line;
  std::string measure; // the run report's measure compared, e.g. cost
  double forecast = 0.0;
  double actual = 0.0;
  double error = 0.0;         // forecast - actual: positive when the forecast was too high
  double pct_error = 0.0;     // 100 x error / |actual|, so its sign is the error's
  double abs_pct_error = 0.0; // |pct_error|
  std::string source;         // the actual's, from the actuals file
  std::string note;
  // Absent without bands, and for a budget, a variance or a placement type's cost: only
  // the cost of a line or of the total and the care ladder's counts have bands.
  std::optional<BandCheck> band;
};

// The mean of the absolute percentage errors of `points` comparisons.
struct Mape
{
  double value = 0.0;
  int points = 0;
};

struct HorizonMape
{
  int horizon = 1;
  Mape mape;
};

// The errors of one line and measure: by horizon from 1 up, and over all of those
// horizons together. The base year (horizon 0) is in neither.
struct MapeGroup
{
  std::string line;
  std::string measure;
  std::vector<HorizonMape> by_horizon; // only the horizons that have comparisons
  std::optional<Mape> overall;         // absent when the group has only the base year
};

// Of `points` actuals with a band, `inside` fell inside it: `value` = 100 x inside /
// points, in percent like the MAPE.
struct Coverage
{
  double value = 0.0;
  int inside = 0;
  int points = 0;
};

struct HorizonCoverage
{
  int horizon = 1;
  Coverage coverage;
};

// The coverage of one line and measure, grouped as its MAPE is.
struct CoverageGroup
{
  std::string line;
  std::string measure;
  std::vector<HorizonCoverage> by_horizon;
  std::optional<Coverage> overall;
};

// The Monte Carlo run the bands come from, for the outputs to echo.
struct BandSampling
{
  std::int64_t draws = 0;
  std::uint64_t seed = 0;
  std::optional<double> repair_distance;
};

struct Backtest
{
  std::string scenario; // the scenario file's stem
  std::string title;
  std::string unit;
  Label option;
  std::string base_year;
  std::string actuals;                  // the actuals file as named on the command line
  std::vector<Comparison> comparisons;  // by year, then line in report order, then measure
  std::vector<MapeGroup> mape;          // by line in report order, then measure
  std::optional<BandSampling> sampling; // absent without bands: then no comparison has one
  std::vector<CoverageGroup> coverage;  // the groups of `mape` whose comparisons have bands
};

struct BacktestResult
{
  std::optional<Backtest> backtest; // absent when there are diagnostics
  std::vector<Diagnostic> diagnostics;
};

// Matches every actual with the row of `forecast` for `option` (an option the report
// has) of the same year, line and measure, and measures the errors. An actual whose
// year is not one of the report's, whose line the report does not have, or whose
// measure the report does not carry for that line and year is a diagnostic at the
// cell that names it.
BacktestResult backtest(const Report& forecast, const std::string& option,
                        const std::vector<Actual>& actuals, const std::string& actuals_file);

// Gives each comparison with a band in `bands` (the cost of a line or of the total, or
// a count of children of a placement type or of all of them) its band in the
// comparison's year, and works out the coverage of every line and measure with bands,
// by horizon and overall, leaving out the base year as the MAPE does. `bands` are of
// the back-tested option, on the forecast's years.
void add_coverage(Backtest& backtest, const ForecastBands& bands);

} // namespace carecast
