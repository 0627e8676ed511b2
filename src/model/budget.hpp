#pragma once

// The approved budget year by year, for every draw: shared by the batched evaluator,
// the explanation of a year's budget and the model's derived parameters.

#include "projection.hpp"

namespace carecast::projection {

// Years x draws.
struct BudgetRows
{
  Array net; // each year's budget; NaN in a year without one
  // What a rolled-forward or grown year starts from: the year before's budget less its
  // one-off steps (0 in other years).
  Array start;
  Array growth; // growth on `start`, where the year takes it (0 elsewhere)
};

// A stated year is the sum of its steps; a roll-forward year is its start, the growth
// on it (when it has no inflation step) and its steps; a grown year is its start x
// (1 + growth). Derived parameters' rows are not read: each draw's start is worked
// out here.
BudgetRows budget_rows(const Model& model, const Parameters& parameters);

} // namespace carecast::projection
