#pragma once

// The forecast's P10-P90 band: one option's cost per line and year over Monte Carlo
// draws of the scenario's uncertain inputs, so that a back-test can say how often the
// actuals fell inside it (docs/backtest.md, "Coverage").

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

struct ForecastBands
{
  std::int64_t draws = 0;
  std::uint64_t seed = 0;
  std::optional<double> repair_distance; // how far --repair-correlations moved the matrix
  std::vector<LineBands> lines;          // the model's lines, in its order
  std::vector<Band> total;               // per year: the sum over lines
};

struct ForecastBandsResult
{
  std::optional<ForecastBands> bands; // absent when there are diagnostics
  std::vector<Diagnostic> diagnostics;
};

// The P10 and P90 (statistics_of's exact quantiles) of option `option`'s cost per
// line and of the total, per year, over settings.draws draws of the model's inputs.
// The draws are evaluated in blocks, so the bands are the same for any
// settings.threads. A correlation matrix that is not valid is a diagnostic, as for
// simulate().
ForecastBandsResult forecast_bands(const Model& model, int option,
                                   const SimulationSettings& settings);

// The values forecast_bands() keeps a draw: each line's cost and the total, per year.
std::int64_t band_values_per_draw(const Model& model);

} // namespace carecast
