#pragma once

// The care ladder's projection for one option: children in each placement type month
// by month, moved by the monthly form of the annual move matrix, and their cost.
// Arrays are months x draws, one per placement type in ladder order.

#include "projection.hpp"

namespace carecast::projection {

struct LadderProjection
{
  std::vector<Array> opening; // children at the start of each month, as counted
  std::vector<Array> closing; // children at the end of each month, as counted
  std::vector<Array> children; // (opening + closing) / 2: the children a month is paid for
  std::vector<Array> price;   // the weekly price in the scenario's unit
  std::vector<Array> cost;    // (opening + closing) / 2 x price x weeks in the month
  Array weeks;                // months x 1: days in the month / 7
};

// `levels` are the option's index levels (index_levels).
LadderProjection project_ladder(const Model& model, const ModelOption& option,
                                const IndexLevels& levels, const Parameters& parameters);

// The sum of the placement types' costs: the baseline of the line the ladder feeds.
Array ladder_cost(const LadderProjection& ladder);

} // namespace carecast::projection
