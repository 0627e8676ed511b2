#pragma once

// The forecast's P10-P90 band: one option's cost per line and year, and with a care
// ladder its numbers of children, over Monte Carlo draws of the scenario's uncertain
// inputs, so that a back-test can say how often the actuals fell inside it
// (docs/backtest.md, "Coverage").

#include "carecast/diagnostic.hpp"
#include "carecast/model.hpp"
#include "carecast/simulation.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace carecast {

struct Band
{
  double p10 = 0.0;
  double p90 = 0.0;
};

struct LineBands
{
  std::string line;        // a line id of the model
  std::vector<Band> years; // one per year of the model's grid
};

// One of the care ladder's counts of children, children_avg or children_end, of a
// placement type or of all of them (`total`), per year.
struct CountBands
{
  std::string line;    // a placement type id of the model, or "total"
  std::string measure; // the run report's measure: children_avg or children_end
  std::vector<Band> years;
};

struct ForecastBands
{
  std::int64_t draws = 0;
  std::uint64_t seed = 0;
  std::optional<double> repair_distance; // how far --repair-correlations moved the matrix
  std::vector<LineBands> lines;          // the model's lines, in its order
  std::vector<Band> total;               // per year: the sum over lines
  // Without a care ladder, none. With one, per measure (children_avg, then
  // children_end): each placement type in the ladder's order, then the total.
  std::vector<CountBands> counts;
};

struct ForecastBandsResult
{
  std::optional<ForecastBands> bands; // absent when there are diagnostics
  std::vector<Diagnostic> diagnostics;
};

// The P10 and P90 (statistics_of's exact quantiles) of option `option`'s cost per
// line and of the total, and of the care ladder's children (average and at the end of
// the year, per placement type and in all), per year, over settings.draws draws of the
// model's inputs.
// The draws are evaluated in blocks, so the bands are the same for any
// settings.threads. A correlation matrix that is not valid is a diagnostic, as for
// simulate().
ForecastBandsResult forecast_bands(const Model& model, int option,
                                   const SimulationSettings& settings);

// The values forecast_bands() keeps a draw: each line's cost and the total, and the
// ladder's two counts per placement type and in all, per year.
std::int64_t band_values_per_draw(const Model& model);

} // namespace carecast
