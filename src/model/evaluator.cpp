#include "carecast/evaluator.hpp"

#include <limits>

namespace carecast {
namespace {

using Array = Eigen::ArrayXXd; // months x draws
using Parameters = Eigen::Ref<const Eigen::MatrixXd>;

constexpr int k_months_per_year = 12;

// Index levels for one option, one array per index: 1 through the base year, then
// compounded each month by the twelfth root of 1 + the year's annual rate.
std::vector<Array> index_levels(const Model& model, const ModelOption& option,
                                const Parameters& parameters)
{
  const int months = model.grid().months();
  std::vector<Array> levels;
  for (std::size_t i = 0; i < model.indices().size(); ++i) {
    const ModelIndex& index = model.indices()[i];
    Array growth = Array::Zero(months, parameters.cols());
    for (int t = k_months_per_year; t < months; ++t) {
      growth.row(t) = parameters.row(index.rate_by_year[t / k_months_per_year]).array().log1p();
    }
    for (const ModelOverlay& overlay : option.overlays) {
      if (overlay.kind == OverlayKind::index_rate && overlay.target == static_cast<int>(i)) {
        for (int t = overlay.first_month; t < overlay.end_month; ++t) {
          growth.row(t) = parameters.row(overlay.value).array().log1p();
        }
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

// Adds an overlay's monthly amounts to its line (stops are applied beforehand).
void add_overlay(const ModelOverlay& overlay, Array& cost, const std::vector<Array>& levels,
                 const Parameters& parameters)
{
  const auto value = parameters.row(overlay.value).array();
  for (int t = overlay.first_month; t < overlay.end_month; ++t) {
    switch (overlay.kind) {
    case OverlayKind::recurring:
      if (overlay.indexed_by == k_none) {
        cost.row(t) += value / k_months_per_year;
      } else {
        const Array& level = levels[overlay.indexed_by];
        cost.row(t) += value / k_months_per_year * level.row(t) / level.row(overlay.first_month);
      }
      break;
    case OverlayKind::one_off:
      cost.row(t) += value / (overlay.end_month - overlay.first_month);
      break;
    case OverlayKind::saving:
      if (const int ramp = overlay.ramp_by_year[t / k_months_per_year]; ramp != k_none) {
        cost.row(t) -= value / k_months_per_year * parameters.row(ramp).array();
      }
      break;
    case OverlayKind::stop_line:
    case OverlayKind::index_rate:
      break;
    }
  }
}

std::vector<Array> option_costs(const Model& model, const ModelOption& option,
                                const Parameters& parameters)
{
  const int months = model.grid().months();
  const std::vector<Array> levels = index_levels(model, option, parameters);
  std::vector<Array> costs;
  for (const ModelLine& line : model.lines()) {
    costs.push_back(baseline_cost(line, levels, parameters, months));
  }
  for (const ModelOverlay& overlay : option.overlays) {
    if (overlay.kind == OverlayKind::stop_line) {
      costs[overlay.target]
        .middleRows(overlay.first_month, overlay.end_month - overlay.first_month)
        .rowwise() *= parameters.row(overlay.value).array();
    }
  }
  for (const ModelOverlay& overlay : option.overlays) {
    if (overlay.kind != OverlayKind::stop_line && overlay.kind != OverlayKind::index_rate) {
      add_overlay(overlay, costs[overlay.target], levels, parameters);
    }
  }
  return costs;
}

void fill_budget(const Model& model, const Parameters& parameters, Outcome& outcome)
{
  const ModelBudget& budget = model.budget();
  const int years = model.grid().years();
  for (int y = 0; y < years; ++y) {
    auto row = outcome.budget(y);
    if (budget.known[y]) {
      row.setZero();
      for (const int step : budget.steps_by_year[y]) {
        row += parameters.row(step);
      }
    } else if (y > 0 && budget.growth != k_none) {
      row = outcome.budget(y - 1).array() * (1.0 + parameters.row(budget.growth).array());
    } else {
      row.setConstant(std::numeric_limits<double>::quiet_NaN());
    }
  }
}

} // namespace

Outcome::Outcome(int options, int lines, int periods, int years, int draws)
  : m_options(options),
    m_lines(lines),
    m_periods(periods),
    m_cost(Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(options) * lines * periods, draws)),
    m_budget(Eigen::MatrixXd::Zero(years, draws))
{}

Eigen::RowVectorXd Outcome::total(int option, int period) const
{
  Eigen::RowVectorXd sum = Eigen::RowVectorXd::Zero(draws());
  for (int line = 0; line < m_lines; ++line) {
    sum += cost(option, line, period);
  }
  return sum;
}

Outcome Evaluator::evaluate(const Eigen::Ref<const Eigen::MatrixXd>& parameters,
                            Period period) const
{
  const Grid& grid = m_model.grid();
  const int periods = period == Period::month ? grid.months() : grid.years();
  const int options = static_cast<int>(m_model.options().size());
  const int lines = static_cast<int>(m_model.lines().size());
  Outcome outcome(options, lines, periods, grid.years(), static_cast<int>(parameters.cols()));
  for (int o = 0; o < options; ++o) {
    const std::vector<Array> costs = option_costs(m_model, m_model.options()[o], parameters);
    for (int l = 0; l < lines; ++l) {
      for (int p = 0; p < periods; ++p) {
        outcome.cost(o, l, p) =
          period == Period::month
            ? Eigen::RowVectorXd(costs[l].row(p).matrix())
            : Eigen::RowVectorXd(costs[l]
                                   .middleRows(p * k_months_per_year, k_months_per_year)
                                   .colwise()
                                   .sum()
                                   .matrix());
      }
    }
  }
  fill_budget(m_model, parameters, outcome);
  return outcome;
}

} // namespace carecast
