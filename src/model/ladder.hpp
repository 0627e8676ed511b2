#pragma once

// The care ladder's projection for one option: children in each placement type month
// by month, moved by the monthly form of the annual move matrix, and their cost.
// Arrays are months x draws, one per placement type in ladder order.

#include "projection.hpp"

#include "carecast/kernels.hpp"

namespace carecast::projection {

// Which figures a projection keeps: the total cost alone, or each type's as well.
enum class LadderFigures { total, by_type };

struct LadderProjection
{
  Array total; // the sum of the types' costs: the baseline of the line the ladder feeds
  Array weeks; // months x 1: days in the month / 7
  // By type, with LadderFigures::by_type only:
  std::vector<Array> closing;  // children at the end of each month, as counted
  std::vector<Array> children; // the mean of the opening and closing counts: those paid for
  std::vector<Array> price;    // the weekly price in the scenario's unit
  std::vector<Array> cost;     // children x price x weeks in the month
};

// The terms of a type's monthly step: the types children come from, in type order, and
// the monthly rate from each.
struct Inflows
{
  std::vector<int> from;
  std::vector<kernels::Rate> rates;
};

// The monthly form of one regime's annual move rates: the matrix (staying on the
// diagonal) and, read from it, each type's inflows. Moved, never copied: the inflows
// point into the matrix.
struct MonthlyMoves
{
  MonthlyMoves() = default;
  MonthlyMoves(MonthlyMoves&&) = default;
  MonthlyMoves& operator=(MonthlyMoves&&) = default;

  std::vector<std::vector<Array>> monthly; // [from][to]
  std::vector<Inflows> into;               // by type
};

// The monthly moves of the scenario's stated rates, in force in every month no shift of
// moves covers: the same for every option, so worked out once for a block of draws.
MonthlyMoves stated_moves(const Model& model, const Parameters& parameters);

// `levels` are the option's index levels (index_levels), `stated_monthly` stated_moves()
// of the same parameters.
LadderProjection project_ladder(const Model& model, const ModelOption& option,
                                const IndexLevels& levels, const Parameters& parameters,
                                LadderFigures figures, const MonthlyMoves& stated_monthly);

// A line's cost before any overlay: the ladder's cost (`ladder`, when the scenario has
// one) for the line it feeds, otherwise the line's baseline.
Array line_baseline(const Model& model, int line, const IndexLevels& levels,
                    const LadderProjection* ladder, const Parameters& parameters);

} // namespace carecast::projection
