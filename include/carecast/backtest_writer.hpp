#pragma once

// Writers of a back-test: a table for a finance officer, or CSV/JSON rows that keep
// full precision and carry each actual's source and note.

#include "carecast/backtest.hpp"

#include <string>

namespace carecast {

// Per year and line: horizon, forecast, actual, error and % error; then the MAPE by
// horizon and the actuals' sources and notes. Amounts to 2 decimals, percentages to 1.
std::string write_terminal(const Backtest& backtest);

// The tidy CSV header followed by horizon,figure,source,note. Per comparison, the
// measures forecast, actual, error, pct_error and abs_pct_error, with `figure` the
// run report's measure compared (cost, ...). Then per line and figure, year `all`:
// measures mape and points, with `horizon` 1, 2, ... or `all` (every horizon from 1
// on).
std::string write_csv(const Backtest& backtest);

// The comparisons, and per line and figure the MAPE by horizon and overall.
std::string write_json(const Backtest& backtest);

} // namespace carecast
