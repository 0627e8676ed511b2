#pragma once

// The one batched evaluator: a k x n parameter matrix (one column per draw) in,
// cost per option x line x period and budget per year out, for every draw at once.
// A deterministic run is a batch of one column.

#include "carecast/model.hpp"

#include <Eigen/Core>
#include <vector>

namespace carecast {

enum class Period { month, year };

// What an evaluation fills in: every figure, or only the costs (per option, line and
// period, with the budget, deflator and net present cost), leaving out the care
// ladder's children and cost per placement type, which Monte Carlo summaries do not use.
enum class Figures { all, costs };

class Outcome
{
public:
  // `overlays`: each option's number of overlays.
  Outcome(int options, int lines, int periods, int years, int draws, int placements = 0,
          const std::vector<int>& overlays = {});

  int options() const { return m_options; }
  int lines() const { return m_lines; }
  int periods() const { return m_periods; }
  int placements() const { return m_placements; }
  int draws() const { return static_cast<int>(m_cost.cols()); }

  // One row of draws: the cost of a line of an option in a period.
  auto cost(int option, int line, int period) { return m_cost.row(row(option, line, period)); }
  auto cost(int option, int line, int period) const
  {
    return m_cost.row(row(option, line, period));
  }
  // Sum over lines.
  Eigen::RowVectorXd total(int option, int period) const;
  // The approved budget of a financial year; only meaningful where the model's
  // budget is known for that year.
  auto budget(int year) { return m_budget.row(year); }
  auto budget(int year) const { return m_budget.row(year); }
  // The deflator of a year relative to the price year (1 without a deflator):
  // nominal cost / deflator = cost in the price year's prices.
  auto deflator(int year) { return m_deflator.row(year); }
  auto deflator(int year) const { return m_deflator.row(year); }
  // The care ladder per placement type: the average number of children in a period
  // (of the months' averages of opening and closing), the number at its end, and
  // the cost before any overlay or uplift on the line the ladder feeds.
  auto children_avg(int option, int type, int period)
  {
    return m_ladder.row(ladder_row(0, option, type, period));
  }
  auto children_avg(int option, int type, int period) const
  {
    return m_ladder.row(ladder_row(0, option, type, period));
  }
  auto children_end(int option, int type, int period)
  {
    return m_ladder.row(ladder_row(1, option, type, period));
  }
  auto children_end(int option, int type, int period) const
  {
    return m_ladder.row(ladder_row(1, option, type, period));
  }
  auto placement_cost(int option, int type, int period)
  {
    return m_ladder.row(ladder_row(2, option, type, period));
  }
  auto placement_cost(int option, int type, int period) const
  {
    return m_ladder.row(ladder_row(2, option, type, period));
  }
  // What overlay `overlay` of an option takes off its line in a financial year, as a
  // positive amount, for an overlay that can count towards a savings target (a saving,
  // or one marked delivers_saving): a stop's share of the line's cost before amounts are
  // added, an amount without its optimism bias, as explain's overlay term has it. 0 for
  // other overlays.
  auto overlay_saving(int option, int overlay, int year)
  {
    return m_overlay_saving.row(overlay_row(option, overlay, year));
  }
  auto overlay_saving(int option, int overlay, int year) const
  {
    return m_overlay_saving.row(overlay_row(option, overlay, year));
  }
  // Green Book net present cost of an option over the appraisal years.
  auto net_present_cost(int option) { return m_net_present_cost.row(option); }
  auto net_present_cost(int option) const { return m_net_present_cost.row(option); }

private:
  Eigen::Index row(int option, int line, int period) const
  {
    return (static_cast<Eigen::Index>(option) * m_lines + line) * m_periods + period;
  }
  Eigen::Index overlay_row(int option, int overlay, int year) const
  {
    return (m_overlay_first[static_cast<std::size_t>(option)] + overlay) * m_years + year;
  }
  Eigen::Index ladder_row(int measure, int option, int type, int period) const
  {
    return ((static_cast<Eigen::Index>(measure) * m_options + option) * m_placements + type)
             * m_periods
           + period;
  }

  // One row per figure, its draws side by side: the evaluator fills a row at a time.
  using Rows = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

  int m_options;
  int m_lines;
  int m_periods;
  int m_placements;
  int m_years;
  std::vector<Eigen::Index> m_overlay_first; // each option's first overlay, counted over all
  Rows m_cost;
  Rows m_ladder; // children_avg, children_end and cost blocks
  Rows m_budget;
  Rows m_deflator;
  Rows m_net_present_cost;
  Rows m_overlay_saving;
};

// Parameter values, one row per model parameter and one column per draw, in row-major
// order: each parameter's draws lie side by side, as the projection reads them.
using ParameterRows = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

class Evaluator
{
public:
  explicit Evaluator(const Model& model)
    : m_model(model)
  {}

  // `parameters` has one row per model parameter and one column per draw; a matrix in
  // another layout, or a vector, is copied into ParameterRows' first. `options` marks
  // the options to work out, by index (empty: all of them); the others' figures are
  // left at 0, and the figures of those worked out are the same either way.
  Outcome evaluate(const Eigen::Ref<const ParameterRows>& parameters, Period period = Period::year,
                   Figures figures = Figures::all, const std::vector<bool>& options = {}) const;

private:
  const Model& m_model;
};

} // namespace carecast
