#pragma once

// Writers of a back-test: a table for a finance officer, or CSV/JSON rows that keep
// full precision and carry each actual's source and note.

#include "carecast/backtest.hpp"

#include <cstddef>
#include <string>

namespace carecast {

// Each output adds the bands, the coverage and the seed and draws behind them only
// when the back-test has bands: without them it is as it was before bands existed.

// Per year and line: horizon, forecast, actual, error and % error (and P10, P90 and
// whether the actual is inside); then the MAPE by horizon (and the coverage) and the
// actuals' sources and notes. Amounts to 2 decimals, percentages to 1.
std::string write_terminal(const Backtest& backtest, std::size_t width);

// The tidy CSV header followed by horizon,figure,source,note. With bands, first the
// rows draws and seed (year `all`, the other columns empty). Per comparison, the
// measures forecast, actual, error, pct_error and abs_pct_error (and p10, p90 and
// inside, 1 or 0, for a figure with a band), with `figure` the run report's measure
// compared (cost, ...). Then per line and figure, year `all`: measures mape and
// points, with `horizon` 1, 2, ... or `all` (every horizon from 1 on); and with bands
// coverage and inside, likewise.
std::string write_csv(const Backtest& backtest);

// The comparisons, and per line and figure the MAPE by horizon and overall; with
// bands also the seed, the draws, each comparison's band and the coverage.
std::string write_json(const Backtest& backtest);

} // namespace carecast
