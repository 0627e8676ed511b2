#include "projection.hpp"

#include <algorithm>
#include <cmath>

namespace carecast::projection {

void scale_months(Eigen::Ref<Array> rows, const Eigen::Ref<const Array>& factor)
{
  for (Eigen::Index t = 0; t < rows.rows(); ++t) {
    rows.row(t) *= factor;
  }
}

Array year_sum(const Array& monthly, int year)
{
  static_assert(k_months_per_year == 12);
  const auto month = [&](int m) { return monthly.row(year * k_months_per_year + m); };
  // One expression, so each draw's twelve months are added in registers, in order.
  return month(0) + month(1) + month(2) + month(3) + month(4) + month(5) + month(6) + month(7)
         + month(8) + month(9) + month(10) + month(11);
}

Array compounded(const std::vector<int>& rates, const Parameters& parameters)
{
  const auto months = static_cast<Eigen::Index>(rates.size());
  Array level(months, parameters.cols());
  Array factor;
  for (Eigen::Index t = 0; t < months; ++t) {
    const int rate = rates[static_cast<std::size_t>(t)];
    if (rate == k_none) {
      level.row(t).setOnes();
      continue;
    }
    // Rates change only at a year's or an overlay's boundary: one exp per change.
    if (t == 0 || rate != rates[static_cast<std::size_t>(t) - 1]) {
      factor = each_draw(parameters.row(rate).array(), [](double annual) {
        return std::exp(std::log1p(annual) / k_months_per_year);
      });
    }
    if (t == 0) {
      level.row(t) = factor;
    } else {
      level.row(t) = level.row(t - 1) * factor;
    }
  }
  return level;
}

namespace {

// Each month's annual rate of index `i` under `option`: the year's own rate, or the
// rate of an overlay that changes it then.
std::vector<int> monthly_rates(const Model& model, const ModelOption& option, int i)
{
  const ModelIndex& index = model.indices()[static_cast<std::size_t>(i)];
  std::vector<int> rates;
  for (int t = 0; t < model.grid().months(); ++t) {
    rates.push_back(index.rate_by_year[static_cast<std::size_t>(t / k_months_per_year)]);
  }
  for (const ModelOverlay& overlay : option.overlays) {
    if (overlay.kind == OverlayKind::index_rate && overlay.target == i) {
      std::fill(rates.begin() + overlay.first_month, rates.begin() + overlay.end_month,
                overlay.value);
    }
  }
  return rates;
}

} // namespace

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
  IndexLevels levels;
  for (std::size_t i = 0; i < model.indices().size(); ++i) {
    if (without_overlays && !changed[i]) {
      levels.add(without_overlays->shared(i));
    } else {
      levels.add(std::make_shared<const Array>(
        compounded(monthly_rates(model, option, static_cast<int>(i)), parameters)));
    }
  }
  return levels;
}

Array baseline_cost(const ModelLine& line, const IndexLevels& levels, const Parameters& parameters,
                    int months)
{
  const Array base = parameters.row(line.base).array() / k_months_per_year;
  Array cost(months, parameters.cols());
  cost.bottomRows(months - line.end_month).setZero();
  for (int t = 0; t < line.end_month; ++t) {
    // The share-weighted price level, added from zero, then x demand x base.
    auto month = cost.row(t);
    if (line.prices.empty()) {
      month.setOnes();
    }
    for (std::size_t p = 0; p < line.prices.size(); ++p) {
      const auto& [index, share] = line.prices[p];
      const auto weighted = levels[index].row(t) * parameters.row(share).array();
      if (p == 0) {
        month = 0.0 + weighted;
      } else {
        month += weighted;
      }
    }
    if (line.demand_index != k_none) {
      month = month * levels[line.demand_index].row(t) * base;
    } else {
      month *= base;
    }
  }
  return cost;
}

bool adds_amounts(const ModelOverlay& overlay)
{
  return overlay.kind == OverlayKind::recurring || overlay.kind == OverlayKind::one_off
         || overlay.kind == OverlayKind::saving;
}

Array overlay_amounts(const ModelOverlay& overlay, const IndexLevels& levels,
                      const Parameters& parameters, int months)
{
  Array amounts = Array::Zero(months, parameters.cols());
  const auto value = parameters.row(overlay.value).array();
  for (int t = overlay.first_month; t < overlay.end_month; ++t) {
    switch (overlay.kind) {
    case OverlayKind::recurring:
      if (overlay.indexed_by == k_none) {
        amounts.row(t) = value / k_months_per_year;
      } else {
        const Array& level = levels[overlay.indexed_by];
        amounts.row(t) = value / k_months_per_year * level.row(t) / level.row(overlay.first_month);
      }
      break;
    case OverlayKind::one_off:
      amounts.row(t) = value / (overlay.end_month - overlay.first_month);
      break;
    case OverlayKind::saving:
      if (const int ramp = overlay.ramp_by_year[t / k_months_per_year]; ramp != k_none) {
        amounts.row(t) = -value / k_months_per_year * parameters.row(ramp).array();
      }
      break;
    default: // overlays that scale a line or change an index or the ladder
      break;
    }
  }
  return amounts;
}

void add_with_uplift(Array& sum, const Array& amounts, int bias, const Parameters& parameters)
{
  if (bias == k_none) {
    sum += amounts;
  } else {
    sum += amounts + optimism_uplift(amounts, bias, parameters);
  }
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
