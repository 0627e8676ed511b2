#pragma once

// A line's cost split into terms under one option's overlays, with what the care
// ladder did that year: shared by explain_cost and by the attribution of the gap
// between two options (explain_gap), which splits the same figure under sets of
// overlays that neither option has.

#include "carecast/explain.hpp"
#include "ladder.hpp"

#include <optional>
#include <string>
#include <vector>

namespace carecast {

// Child-weeks and cost per placement type in a financial year.
struct LadderYear
{
  std::vector<double> weeks;
  std::vector<double> cost;
  std::vector<double> price; // cost per child-week; the mean weekly price without children
  double total_weeks = 0.0;

  LadderYear(const projection::LadderProjection& ladder, int year);

  double share(std::size_t type) const
  {
    return total_weeks > 0.0 ? weeks[type] / total_weeks : 0.0;
  }
};

// What moves the ladder's cost from one year (or set of overlays) to another, at
// W child-weeks, shares s and prices p: volume (W1 - W0) x sum s0 p0, mix
// W1 x sum (s1 - s0) p0 and prices W1 x sum s1 (p1 - p0). Together they are
// W1 sum s1 p1 - W0 sum s0 p0, the change of the cost.
struct LadderEffects
{
  double volume = 0.0;
  double mix = 0.0;
  double prices = 0.0;
};
LadderEffects ladder_effects(const LadderYear& from, const LadderYear& to);

struct LineTerms
{
  Explanation explanation;
  // On the line the ladder feeds, its first terms are the ladder's (the base year's
  // cost, volume, mix and prices), and `ladder` is its year.
  std::size_t ladder_terms = 0;
  std::optional<LadderYear> ladder;
};

// explain_cost's terms of a line in a year under `option`, which need not be one of
// the model's options.
LineTerms line_terms(const Model& model, const Eigen::VectorXd& values, const ModelOption& option,
                     int line, int year);

// "Stop: Duplicated overheads", as terms name an overlay.
std::string overlay_label(const ModelOverlay& overlay);
// "Stop: duplicated_overheads", as a chart's axis names an overlay.
std::string overlay_caption(const ModelOverlay& overlay);

} // namespace carecast
