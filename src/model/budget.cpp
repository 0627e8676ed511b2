#include "budget.hpp"

#include <limits>

namespace carecast::projection {
namespace {

// The start of a year times (1 + growth), as a year grown from the one before has
// always been worked out, so that its bits do not change with the way it is written.
Array grown(const Array& start, const Parameters& parameters, int growth)
{
  return start * (1.0 + parameters.row(growth).array());
}

} // namespace

BudgetRows budget_rows(const Model& model, const Parameters& parameters)
{
  const ModelBudget& budget = model.budget();
  const int years = model.grid().years();
  const Eigen::Index draws = parameters.cols();
  BudgetRows rows{Array::Constant(years, draws, std::numeric_limits<double>::quiet_NaN()),
                  Array::Zero(years, draws), Array::Zero(years, draws)};
  Array carried = Array::Zero(1, draws);
  for (int y = 0; y < years; ++y) {
    const BudgetSource source = budget.source_by_year[y];
    if (source == BudgetSource::none) {
      continue;
    }
    Array net = Array::Zero(1, draws);
    if (source != BudgetSource::stated) {
      rows.start.row(y) = carried;
      net = carried;
      const bool takes_growth = source == BudgetSource::grown || budget.adds_growth[y];
      if (takes_growth && budget.growth != k_none) {
        net = grown(carried, parameters, budget.growth);
        rows.growth.row(y) = net - carried;
      }
    }
    Array one_offs = Array::Zero(1, draws);
    const std::vector<int>& steps = budget.steps_by_year[y];
    for (std::size_t i = 0; i < steps.size(); ++i) {
      net += parameters.row(steps[i]).array();
      if (budget.one_off_by_year[y][i]) {
        one_offs += parameters.row(steps[i]).array();
      }
    }
    rows.net.row(y) = net;
    carried = net - one_offs;
  }
  return rows;
}

} // namespace carecast::projection
