#pragma once

// The care ladder's projection for one option: children in each placement type month
// by month, moved by the monthly form of the annual move matrix, and their cost.
// Arrays are months x draws, one per placement type in ladder order.

#include "projection.hpp"

#include "carecast/kernels.hpp"

#include <utility>

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
  // The children at the start of the months LadderShare::keep asked for, a row per
  // type, before any reset: where an option's projection starts from.
  std::vector<std::pair<int, Array>> openings;
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

  // [from][to]; one column for a type whose rates are the same in every draw.
  std::vector<std::vector<Array>> monthly;
  std::vector<Inflows> into;               // by type
};

// The monthly moves of the scenario's stated rates, in force in every month no shift of
// moves covers: the same for every option, so worked out once for a block of draws.
MonthlyMoves stated_moves(const Model& model, const Parameters& parameters);

// The first month in which the option's overlays can change the care ladder's figures:
// the first of its own overlays of the ladder, or of its index rates for an index the
// ladder grows or is priced with; the grid's months when it changes none of them.
// Before it, its projection is the projection without overlays, bit for bit.
int first_ladder_month(const Model& model, const ModelOption& option);

// How an option's projection shares its first months with the projection without
// overlays, which works them out once for every option.
struct LadderShare
{
  // For the projection without overlays: the months whose opening children it keeps
  // (LadderProjection::openings).
  std::vector<int> keep;
  // For an option's: the projection without overlays, with the same figures, which kept
  // `start`, a first_ladder_month() of the option. Its figures before `start` are
  // copied, and the months from `start` projected from its opening children then.
  const LadderProjection* unchanged = nullptr;
  int start = 0;
};

// `levels` are the option's index levels (index_levels), `stated_monthly` stated_moves()
// of the same parameters.
LadderProjection project_ladder(const Model& model, const ModelOption& option,
                                const IndexLevels& levels, const Parameters& parameters,
                                LadderFigures figures, const MonthlyMoves& stated_monthly,
                                const LadderShare& share = {});

// A line's cost before any overlay: the ladder's cost (`ladder`, when the scenario has
// one) for the line it feeds, otherwise the line's baseline.
Array line_baseline(const Model& model, int line, const IndexLevels& levels,
                    const LadderProjection* ladder, const Parameters& parameters);

} // namespace carecast::projection
