#pragma once

// The projection's building blocks, shared by the batched evaluator and by the
// explanation of a single figure. Arrays are months x draws.

#include "carecast/evaluator.hpp"
#include "carecast/model.hpp"

#include <Eigen/Core>
#include <memory>
#include <vector>

namespace carecast::projection {

// Row-major: each month's (or parameter's) draws lie side by side, so the month-by-month
// steps of the projection run over contiguous memory.
using Array = Eigen::Array<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using Parameters = Eigen::Ref<const ParameterRows>;

inline constexpr int k_months_per_year = 12;

// A draw's figures must not depend on how many draws are evaluated with it (a
// deterministic run is one column; Monte Carlo blocks have many, and a short last one).
// Eigen's vectorised exp, log and reductions round differently from their scalar paths,
// which it takes for a lone column or the tail of a row, so the projection uses the
// standard library's scalar functions element by element and adds months in order.

// Every month's draws times the same row of draws: rows.row(t) *= factor for each t.
// Eigen's rowwise() broadcasting works out an index modulo per element on a row-major
// array; row by row, each product is vectorised.
void scale_months(Eigen::Ref<Array> rows, const Eigen::Ref<const Array>& factor);

// f(x) for each draw's x, with the standard library's scalar functions in f. A parameter
// that is not sampled has the same value in every draw, so the last result is reused
// while x repeats: the same bits, without some 50 ns of pow or exp per draw.
template <class F>
Array each_draw(const Array& x, F f)
{
  Array result(x.rows(), x.cols());
  for (Eigen::Index i = 0; i < x.size(); ++i) {
    const double value = x(i);
    result(i) = i > 0 && value == x(i - 1) ? result(i - 1) : f(value);
  }
  return result;
}

// The sum of each draw's months of financial year `year`, added in month order.
Array year_sum(const Array& monthly, int year);
// The same for each of the first `years` years, a row each.
Array yearly_sums(const Array& monthly, int years);
// yearly_sums() of `rows` as months first_month onwards, the other months 0, without
// an array of every month: the same bits.
Array yearly_sums_in(const Array& rows, int first_month, int years);

// An option's change of an index's rate: from first_month to end_month (exclusive), the
// rate at parameter `rate` replaces the index's own.
struct RateChange
{
  int first_month = 0;
  int end_month = 0;
  int rate = k_none;
};

// An index's level month by month, with the base year averaging 1 and each later year
// averaging 1 + its rate times the year before. Annual timing: flat between one step a
// year, in the index's step month, and a rate change applies at the steps it covers.
// Monthly timing: each year's months grow by one factor, and a rate change's months by
// the twelfth root of 1 + its rate.
Array index_level(const ModelIndex& index, const std::vector<RateChange>& changes,
                  const Parameters& parameters, int months);

// The first month in which the option's index_rate overlays change the rate of one of
// `indices`, `months` when they change none. An index's levels before it are those
// without the option's overlays, bit for bit.
int first_rate_change(const ModelOption& option, const std::vector<int>& indices, int months);

// Which indices the option's overlays give other rates (index_rate overlays).
std::vector<bool> changed_indices(const Model& model, const ModelOption& option);

// A monthly index's growth factor in each year's months, a row per year, and its level
// before the base year's first month: what its levels are multiplied up from. Rate
// changes replace some months' factors but change neither.
struct YearlyFactors
{
  Array yearly;
  Array start;
};

// Index levels, one per index, shared rather than copied between the options that
// leave an index alone; with a monthly index's yearly factors, which the options that
// change its rate share too.
class IndexLevels
{
public:
  const Array& operator[](std::size_t index) const { return *m_levels[index].level; }
  // Null for an annual index.
  const std::shared_ptr<const YearlyFactors>& factors(std::size_t index) const
  {
    return m_levels[index].factors;
  }
  void add(std::shared_ptr<const Array> level, std::shared_ptr<const YearlyFactors> factors)
  {
    m_levels.push_back({std::move(level), std::move(factors)});
  }
  // The same index's level and factors as `other`'s.
  void share(const IndexLevels& other, std::size_t index)
  {
    m_levels.push_back(other.m_levels[index]);
  }

private:
  struct Level
  {
    std::shared_ptr<const Array> level;
    std::shared_ptr<const YearlyFactors> factors;
  };
  std::vector<Level> m_levels;
};

// Index levels for one option, one array per index (index_level). Given the
// levels without any option's overlays, indices the option leaves alone are shared, and
// a monthly index whose rate it changes takes its months before the first change and
// its yearly factors from them.
IndexLevels index_levels(const Model& model, const ModelOption& option,
                         const Parameters& parameters,
                         const IndexLevels* without_overlays = nullptr);

// A line's baseline: base / 12 x demand level x the share-weighted price level,
// zero from the line's end month.
Array baseline_cost(const ModelLine& line, const IndexLevels& levels, const Parameters& parameters,
                    int months);
// The same from month `first` on, into `cost` (months x draws), whose earlier months are
// left as they are.
void baseline_months(const ModelLine& line, const IndexLevels& levels, const Parameters& parameters,
                     int first, Array& cost);

// Whether an overlay adds amounts to its line (rather than scaling it or an index).
bool adds_amounts(const ModelOverlay& overlay);

// The monthly amounts an overlay adds to its line in its own months, first_month to
// end_month (exclusive), a row each: negative for a saving.
Array overlay_months(const ModelOverlay& overlay, const IndexLevels& levels,
                     const Parameters& parameters);

// `rows` as months first_month onwards of `months`, the others 0.
Array in_months(const Array& rows, int first_month, int months);

// overlay_months() in every month of the horizon.
Array overlay_amounts(const ModelOverlay& overlay, const IndexLevels& levels,
                      const Parameters& parameters, int months);

// What an optimism bias adds to `amounts`: amounts x uplift (nothing without one).
Array optimism_uplift(const Array& amounts, int bias, const Parameters& parameters);

// cost += its optimism uplift (nothing without a bias).
void add_uplift(Array& cost, int bias, const Parameters& parameters);

// cost + its optimism uplift in a new array, the cost left as it is; `bias` is not
// k_none.
Array with_uplift(const Array& cost, int bias, const Parameters& parameters);

// sum += amounts + their optimism uplift; without a bias, no array of zeros is made.
void add_with_uplift(Eigen::Ref<Array> sum, const Array& amounts, int bias,
                     const Parameters& parameters);

} // namespace carecast::projection
