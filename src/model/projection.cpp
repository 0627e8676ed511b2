#include "projection.hpp"

#include <algorithm>

namespace carecast::projection {

std::vector<Array> index_levels(const Model& model, const ModelOption& option,
                                const Parameters& parameters,
                                const std::vector<Array>* without_overlays)
{
  const int months = model.grid().months();
  std::vector<Array> levels;
  for (std::size_t i = 0; i < model.indices().size(); ++i) {
    const auto changes = [&](const ModelOverlay& overlay) {
      return overlay.kind == OverlayKind::index_rate && overlay.target == static_cast<int>(i);
    };
    if (without_overlays && std::none_of(option.overlays.begin(), option.overlays.end(), changes)) {
      levels.push_back((*without_overlays)[i]);
      continue;
    }
    const ModelIndex& index = model.indices()[i];
    Array growth = Array::Zero(months, parameters.cols());
    for (int year = 1; year * k_months_per_year < months; ++year) {
      growth.middleRows(year * k_months_per_year, k_months_per_year).rowwise() =
        parameters.row(index.rate_by_year[year]).array().log1p();
    }
    for (const ModelOverlay& overlay : option.overlays) {
      if (changes(overlay)) {
        const Array rate = parameters.row(overlay.value).array().log1p();
        growth.middleRows(overlay.first_month, overlay.end_month - overlay.first_month).rowwise() =
          rate.row(0);
      }
    }
    growth /= k_months_per_year;
    for (int t = 1; t < months; ++t) {
      growth.row(t) += growth.row(t - 1);
    }
    levels.push_back(growth.exp());
  }
  return levels;
}

Array baseline_cost(const ModelLine& line, const std::vector<Array>& levels,
                    const Parameters& parameters, int months)
{
  Array factor = Array::Ones(months, parameters.cols());
  if (line.demand_index != k_none) {
    factor *= levels[line.demand_index];
  }
  if (!line.prices.empty()) {
    Array mix = Array::Zero(months, parameters.cols());
    for (const auto& [index, share] : line.prices) {
      mix += levels[index].rowwise() * parameters.row(share).array();
    }
    factor *= mix;
  }
  Array cost = factor.rowwise() * (parameters.row(line.base).array() / k_months_per_year);
  cost.bottomRows(months - line.end_month).setZero();
  return cost;
}

bool adds_amounts(const ModelOverlay& overlay)
{
  return overlay.kind == OverlayKind::recurring || overlay.kind == OverlayKind::one_off
         || overlay.kind == OverlayKind::saving;
}

Array overlay_amounts(const ModelOverlay& overlay, const std::vector<Array>& levels,
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

Array optimism_uplift(const Array& amounts, int bias, const Parameters& parameters)
{
  if (bias == k_none) {
    return Array::Zero(amounts.rows(), amounts.cols());
  }
  return amounts.rowwise() * parameters.row(bias).array();
}

} // namespace carecast::projection
