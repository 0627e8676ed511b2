#include "carecast/evaluator.hpp"

#include "projection.hpp"

#include <limits>

namespace carecast {
namespace {

using namespace projection;

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
    if (adds_amounts(overlay)) {
      costs[overlay.target] += overlay_amounts(overlay, levels, parameters, months);
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
