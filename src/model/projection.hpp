#pragma once

// The projection's building blocks, shared by the batched evaluator and by the
// explanation of a single figure. Arrays are months x draws.

#include "carecast/model.hpp"

#include <Eigen/Core>
#include <vector>

namespace carecast::projection {

using Array = Eigen::ArrayXXd;
using Parameters = Eigen::Ref<const Eigen::MatrixXd>;

inline constexpr int k_months_per_year = 12;

// Index levels for one option, one array per index: 1 through the base year, then
// compounded each month by the twelfth root of 1 + the year's annual rate. Given the
// levels without any option's overlays, indices the option leaves alone are copied.
std::vector<Array> index_levels(const Model& model, const ModelOption& option,
                                const Parameters& parameters,
                                const std::vector<Array>* without_overlays = nullptr);

// A line's baseline: base / 12 x demand level x the share-weighted price level,
// zero from the line's end month.
Array baseline_cost(const ModelLine& line, const std::vector<Array>& levels,
                    const Parameters& parameters, int months);

// Whether an overlay adds amounts to its line (rather than scaling it or an index).
bool adds_amounts(const ModelOverlay& overlay);

// The monthly amounts an overlay adds to its line: negative for a saving.
Array overlay_amounts(const ModelOverlay& overlay, const std::vector<Array>& levels,
                      const Parameters& parameters, int months);

// What an optimism bias adds to `amounts`: amounts x uplift (nothing without one).
Array optimism_uplift(const Array& amounts, int bias, const Parameters& parameters);

} // namespace carecast::projection
