#include "projection.hpp"

#include "carecast/kernels.hpp"

#include <algorithm>
#include <cmath>

namespace carecast::projection {

void scale_months(Eigen::Ref<Array> rows, const Eigen::Ref<const Array>& factor)
{
  const kernels::Table& loops = kernels::active();
  for (Eigen::Index t = 0; t < rows.rows(); ++t) {
    loops.multiply(rows.row(t).data(), factor.data(), rows.row(t).data(), rows.cols());
  }
}

Array year_sum(const Array& monthly, int year)
{
  Array sum(1, monthly.cols());
  kernels::active().year_sum(monthly.row(year * k_months_per_year).data(), monthly.cols(),
                             sum.data(), monthly.cols());
  return sum;
}

Array yearly_sums(const Array& monthly, int years)
{
  return yearly_sums_in(monthly, 0, years);
}

Array yearly_sums_in(const Array& rows, int first_month, int years)
{
  const int end_month = first_month + static_cast<int>(rows.rows());
  Array yearly(years, rows.cols());
  Array year; // a year the rows cover in part, with 0 in its other months
  for (int y = 0; y < years; ++y) {
    const int first = y * k_months_per_year;
    const int end = first + k_months_per_year;
    if (end <= first_month || first >= end_month) {
      yearly.row(y).setZero(); // as twelve 0s add up to
      continue;
    }
    const double* from = nullptr;
    if (first >= first_month && end <= end_month) {
      from = rows.row(first - first_month).data();
    } else {
      year = Array::Zero(k_months_per_year, rows.cols());
      const int covered_first = std::max(first, first_month);
      const int covered_end = std::min(end, end_month);
      year.middleRows(covered_first - first, covered_end - covered_first) =
        rows.middleRows(covered_first - first_month, covered_end - covered_first);
      from = year.data();
    }
    kernels::active().year_sum(from, rows.cols(), yearly.row(y).data(), rows.cols());
  }
  return yearly;
}

namespace {

// The monthly factors g with which levels that ended the year before at 1 average
// `ratio` over the next twelve months (kernels::Table::monthly_factor). The mean is
// increasing and convex in g, so Newton's method from g^6.5 = ratio converges.
Array averaging_factors(const Array& ratio)
{
  Array g = each_draw(ratio, [](double r) { return std::exp(std::log(r) / 6.5); });
  kernels::active().monthly_factor(ratio.data(), g.data(), ratio.size());
  return g;
}

double twelfth_root(double x)
{
  return std::exp(std::log(x) / k_months_per_year);
}

// The rate parameter in force at month t: the last rate change covering it, else the
// year's own rate.
int rate_at(const ModelIndex& index, const std::vector<RateChange>& changes, int t)
{
  int rate = index.rate_by_year[static_cast<std::size_t>(t / k_months_per_year)];
  for (const RateChange& change : changes) {
    if (t >= change.first_month && t < change.end_month) {
      rate = change.rate;
    }
  }
  return rate;
}

// An annual index: flat between steps, up by the whole rate at each year's step. With a
// step after April the base year steps too, at the first year's rate, scaled so that it
// averages 1 and the first year averages 1 + its rate.
Array annual_level(const ModelIndex& index, const std::vector<RateChange>& changes,
                   const Parameters& parameters, int months)
{
  const Eigen::Index draws = parameters.cols();
  Array current = Array::Ones(1, draws);
  const bool base_steps = index.step > 0 && months > k_months_per_year;
  if (base_steps) {
    const auto first = 1.0 + parameters.row(index.rate_by_year[1]).array();
    const double before = index.step;
    const double after = k_months_per_year - index.step;
    current = k_months_per_year / (before + after * first);
  }
  Array level(months, draws);
  for (int t = 0; t < months; ++t) {
    if (t % k_months_per_year == index.step && (t >= k_months_per_year || base_steps)) {
      const int rate = t < k_months_per_year ? index.rate_by_year[1] : rate_at(index, changes, t);
      current = current * (1.0 + parameters.row(rate).array());
    }
    level.row(t) = current;
  }
  return level;
}

// A monthly index's yearly factors: each year's twelve months grow by one factor, chosen
// so that the year averages 1 + its rate times the year before. The base year grows like
// the first year and averages 1.
YearlyFactors yearly_factors(const ModelIndex& index, const Parameters& parameters, int years)
{
  const Eigen::Index draws = parameters.cols();
  YearlyFactors result{Array::Ones(years, draws), Array::Ones(1, draws)};
  Array& factors = result.yearly;
  Array end; // the level at the end of the year before, over that year's average
  for (int y = 0; y < years && years > 1; ++y) {
    const Array growth =
      1.0 + parameters.row(index.rate_by_year[static_cast<std::size_t>(std::max(y, 1))]).array();
    factors.row(y) = y == 0 ? each_draw(growth, twelfth_root) : averaging_factors(growth / end);
    Array path(1, draws);
    Array sum(1, draws);
    kernels::active().year_growth(factors.row(y).data(), path.data(), sum.data(), draws);
    if (y == 0) {
      result.start = k_months_per_year / sum;
      end = result.start * path;
    } else {
      end = end * path / growth;
    }
  }
  return result;
}

// A monthly index: each month's factor (its year's, or where a rate change covers it
// the twelfth root of 1 + the change's rate), multiplied up from the level before the
// base year. `unchanged`, when given, is the same index's level without rate changes:
// the months before the first change are taken from it.
Array monthly_level(const std::vector<RateChange>& changes, const Parameters& parameters,
                    int months, const YearlyFactors& factors, const Array* unchanged)
{
  const Eigen::Index draws = parameters.cols();
  const int years = static_cast<int>(factors.yearly.rows());
  const Array ones = Array::Ones(1, draws);
  std::vector<const double*> factor;
  for (int t = 0; t < months; ++t) {
    factor.push_back(t / k_months_per_year < years
                       ? factors.yearly.row(t / k_months_per_year).data()
                       : ones.data());
  }
  int first = months;
  std::vector<Array> changed;
  changed.reserve(changes.size());
  for (const RateChange& change : changes) {
    changed.push_back(each_draw(1.0 + parameters.row(change.rate).array(), twelfth_root));
    for (int t = change.first_month; t < std::min(change.end_month, months); ++t) {
      factor[static_cast<std::size_t>(t)] = changed.back().data();
      first = std::min(first, t);
    }
  }
  const kernels::Table& loops = kernels::active();
  Array level(months, draws);
  const int from = unchanged ? first : 0;
  if (unchanged) {
    level.topRows(from) = unchanged->topRows(from);
  }
  for (int t = from; t < months; ++t) {
    loops.multiply(t == 0 ? factors.start.data() : level.row(t - 1).data(),
                   factor[static_cast<std::size_t>(t)], level.row(t).data(), draws);
  }
  return level;
}

// The rate changes an option's index_rate overlays make to index `i`, in overlay order.
std::vector<RateChange> rate_changes(const ModelOption& option, int i)
{
  std::vector<RateChange> changes;
  for (const ModelOverlay& overlay : option.overlays) {
    if (overlay.kind == OverlayKind::index_rate && overlay.target == i) {
      changes.push_back({overlay.first_month, overlay.end_month, overlay.value});
    }
  }
  return changes;
}

} // namespace

Array index_level(const ModelIndex& index, const std::vector<RateChange>& changes,
                  const Parameters& parameters, int months)
{
  if (index.timing == IndexTiming::annual) {
    return annual_level(index, changes, parameters, months);
  }
  return monthly_level(changes, parameters, months,
                       yearly_factors(index, parameters, months / k_months_per_year), nullptr);
}

int first_rate_change(const ModelOption& option, const std::vector<int>& indices, int months)
{
  int first = months;
  for (const ModelOverlay& overlay : option.overlays) {
    if (overlay.kind == OverlayKind::index_rate
        && std::find(indices.begin(), indices.end(), overlay.target) != indices.end()) {
      first = std::min(first, overlay.first_month);
    }
  }
  return first;
}

std::vector<bool> changed_indices(const Model& model, const ModelOption& option)
{
  std::vector<bool> changed(model.indices().size(), false);
  for (const ModelOverlay& overlay : option.overlays) {
    if (overlay.kind == OverlayKind::index_rate) {
      changed[overlay.target] = true;
    }
  }
  return changed;
}

IndexLevels index_levels(const Model& model, const ModelOption& option,
                         const Parameters& parameters, const IndexLevels* without_overlays)
{
  const std::vector<bool> changed = changed_indices(model, option);
  const int months = model.grid().months();
  IndexLevels levels;
  for (std::size_t i = 0; i < model.indices().size(); ++i) {
    const ModelIndex& index = model.indices()[i];
    if (without_overlays && !changed[i]) {
      levels.share(*without_overlays, i);
      continue;
    }
    const std::vector<RateChange> changes = rate_changes(option, static_cast<int>(i));
    if (index.timing == IndexTiming::annual) {
      levels.add(std::make_shared<const Array>(annual_level(index, changes, parameters, months)),
                 nullptr);
    } else {
      std::shared_ptr<const YearlyFactors> factors =
        without_overlays ? without_overlays->factors(i)
                         : std::make_shared<const YearlyFactors>(
                           yearly_factors(index, parameters, months / k_months_per_year));
      auto level = std::make_shared<const Array>(
        monthly_level(changes, parameters, months, *factors,
                      without_overlays ? &(*without_overlays)[i] : nullptr));
      levels.add(std::move(level), std::move(factors));
    }
  }
  return levels;
}

Array baseline_cost(const ModelLine& line, const IndexLevels& levels, const Parameters& parameters,
                    int months)
{
  Array cost(months, parameters.cols());
  baseline_months(line, levels, parameters, 0, cost);
  return cost;
}

void baseline_months(const ModelLine& line, const IndexLevels& levels, const Parameters& parameters,
                     int first, Array& cost)
{
  const Array base = parameters.row(line.base).array() / k_months_per_year;
  const int end = std::max(first, line.end_month);
  cost.bottomRows(cost.rows() - end).setZero();
  std::vector<const double*> level(line.prices.size());
  std::vector<const double*> share(line.prices.size());
  for (std::size_t p = 0; p < line.prices.size(); ++p) {
    share[p] = parameters.row(line.prices[p].second).data();
  }
  const int prices = static_cast<int>(line.prices.size());
  for (int t = first; t < line.end_month; ++t) {
    for (std::size_t p = 0; p < line.prices.size(); ++p) {
      level[p] = levels[line.prices[p].first].row(t).data();
    }
    const double* demand =
      line.demand_index != k_none ? levels[line.demand_index].row(t).data() : nullptr;
    kernels::active().baseline(level.data(), share.data(), prices, demand, base.data(),
                               cost.row(t).data(), parameters.cols());
  }
}

bool adds_amounts(const ModelOverlay& overlay)
{
  return overlay.kind == OverlayKind::recurring || overlay.kind == OverlayKind::one_off
         || overlay.kind == OverlayKind::saving;
}

Array overlay_months(const ModelOverlay& overlay, const IndexLevels& levels,
                     const Parameters& parameters)
{
  const int length = overlay.end_month - overlay.first_month;
  Array amounts(length, parameters.cols());
  const auto value = parameters.row(overlay.value).array();
  // Each month's amount before its index or ramp, divided once rather than month by
  // month: the same bits, as each month's figure starts from it.
  Array monthly;
  switch (overlay.kind) {
  case OverlayKind::recurring:
    monthly = value / k_months_per_year;
    break;
  case OverlayKind::one_off:
    monthly = value / length;
    break;
  case OverlayKind::saving:
    monthly = -value / k_months_per_year;
    break;
  default: // overlays that scale a line or change an index or the ladder
    amounts.setZero();
    return amounts;
  }
  for (int t = overlay.first_month; t < overlay.end_month; ++t) {
    auto month = amounts.row(t - overlay.first_month);
    if (overlay.kind == OverlayKind::recurring && overlay.indexed_by != k_none) {
      const Array& level = levels[overlay.indexed_by];
      month = monthly * level.row(t) / level.row(overlay.first_month);
    } else if (overlay.kind != OverlayKind::saving) {
      month = monthly;
    } else if (const int ramp = overlay.ramp_by_year[t / k_months_per_year]; ramp != k_none) {
      month = monthly * parameters.row(ramp).array();
    } else {
      month.setZero();
    }
  }
  return amounts;
}

Array in_months(const Array& rows, int first_month, int months)
{
  Array all = Array::Zero(months, rows.cols());
  all.middleRows(first_month, rows.rows()) = rows;
  return all;
}

Array overlay_amounts(const ModelOverlay& overlay, const IndexLevels& levels,
                      const Parameters& parameters, int months)
{
  return in_months(overlay_months(overlay, levels, parameters), overlay.first_month, months);
}

void add_with_uplift(Eigen::Ref<Array> sum, const Array& amounts, int bias,
                     const Parameters& parameters)
{
  // sum + amounts month by month; with a bias, sum + (amounts + amounts x uplift), the
  // uplifted month in one row (y + 1 x x is y + x exactly).
  const kernels::Table& loops = kernels::active();
  Array uplifted(1, bias == k_none ? 0 : amounts.cols());
  for (Eigen::Index t = 0; t < amounts.rows(); ++t) {
    const double* month = amounts.row(t).data();
    if (bias != k_none) {
      loops.add_product(month, month, parameters.row(bias).data(), uplifted.data(), amounts.cols());
      month = uplifted.data();
    }
    loops.add_scaled(month, 1.0, sum.row(t).data(), amounts.cols());
  }
}

namespace {

// out = cost + cost x uplift, month by month; out may be cost.
void uplift_into(const Array& cost, int bias, const Parameters& parameters, Array& out)
{
  const kernels::Table& loops = kernels::active();
  const double* uplift = parameters.row(bias).data();
  for (Eigen::Index t = 0; t < cost.rows(); ++t) {
    loops.add_product(cost.row(t).data(), cost.row(t).data(), uplift, out.row(t).data(),
                      cost.cols());
  }
}

} // namespace

void add_uplift(Array& cost, int bias, const Parameters& parameters)
{
  if (bias != k_none) {
    uplift_into(cost, bias, parameters, cost);
  }
}

Array with_uplift(const Array& cost, int bias, const Parameters& parameters)
{
  Array result(cost.rows(), cost.cols());
  uplift_into(cost, bias, parameters, result);
  return result;
}

Array optimism_uplift(const Array& amounts, int bias, const Parameters& parameters)
{
  if (bias == k_none) {
    return Array::Zero(amounts.rows(), amounts.cols());
  }
  Array uplift = amounts;
  scale_months(uplift, parameters.row(bias).array());
  return uplift;
}

} // namespace carecast::projection
