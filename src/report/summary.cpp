#include "carecast/summary.hpp"

#include "carecast/explain.hpp"
#include "carecast/savings.hpp"

#include <algorithm>
#include <array>
#include <optional>
#include <string_view>

namespace carecast {
namespace {

// The measure of each budget step kind, in the order of BudgetStepKind.
constexpr std::array<std::string_view, 5> k_kind_measures{
  "base_budget", "demand_pressures", "inflation", "other_pressures", "savings"};

// The kind of one term of a year's budget explanation: a stated step's own kind, or,
// in a year grown or rolled forward from the one before, the budget it starts from as
// base and growth as inflation.
BudgetStepKind kind_of(const ModelBudget& budget, int year, const Term& term)
{
  if (term.parameter == k_none || term.parameter == budget.rolled_forward[year]) {
    return BudgetStepKind::base;
  }
  if (term.parameter == budget.growth) {
    return BudgetStepKind::inflation;
  }
  const std::vector<int>& steps = budget.steps_by_year[year];
  const auto found = std::find(steps.begin(), steps.end(), term.parameter);
  return budget.kinds_by_year[year][static_cast<std::size_t>(found - steps.begin())];
}

// Adds a year's budget rows by kind and returns the net budget, or nothing when the
// year has no budget.
std::optional<double> add_budget_rows(Report& report, const Model& model,
                                      const Eigen::VectorXd& values, int year)
{
  const Explanation budget = explain_budget(model, values, year);
  if (budget.terms.empty()) {
    return std::nullopt;
  }
  std::array<double, k_kind_measures.size()> amounts{};
  for (const Term& term : budget.terms) {
    amounts[static_cast<std::size_t>(kind_of(model.budget(), year, term))] += term.value;
  }
  const std::string total(k_total_line);
  const std::string& option = report.options.front().id;
  for (std::size_t kind = 0; kind < amounts.size(); ++kind) {
    report.rows.push_back(
      {option, report.years[year], total, std::string(k_kind_measures[kind]), amounts[kind]});
  }
  report.rows.push_back({option, report.years[year], total, "net_budget", budget.total});
  return budget.total;
}

} // namespace

Report summary_report(const Model& model, const Outcome& outcome, const Eigen::VectorXd& values,
                      const std::string& scenario, int option)
{
  Report report = empty_report(ReportKind::summary, model, outcome, scenario);
  const ModelOption& chosen = model.options()[option];
  report.options.push_back({chosen.id, chosen.name});
  const std::string total(k_total_line);
  for (int year = 0; year < outcome.periods(); ++year) {
    const std::optional<double> net_budget = add_budget_rows(report, model, values, year);
    const double cost = outcome.total(option, year)[0];
    report.rows.push_back({chosen.id, report.years[year], total, "projected_cost", cost});
    if (net_budget) {
      report.rows.push_back({chosen.id, report.years[year], total, "gap", cost - *net_budget});
    }
  }
  add_savings_rows(report, model, values);
  return report;
}

} // namespace carecast
