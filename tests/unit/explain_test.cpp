#include "carecast/evaluator.hpp"
#include "carecast/explain.hpp"
#include "test_model.hpp"

#include <cmath>

using namespace carecast;

namespace {

Model shipped(const std::string& name)
{
  const auto path = std::filesystem::path(__FILE__).parent_path() / "../../scenarios" / name;
  LoadResult result = read_scenario(path);
  REQUIRE(result.scenario.has_value());
  return Model(*result.scenario);
}

double sum_of(const Explanation& explanation)
{
  double sum = 0.0;
  for (const Term& term : explanation.terms) {
    sum += term.value;
  }
  return sum;
}

const Term* find_term(const Explanation& explanation, std::string_view prefix)
{
  for (const Term& term : explanation.terms) {
    if (term.label.starts_with(prefix)) {
      return &term;
    }
  }
  return nullptr;
}

} // namespace

TEST_CASE("explain terms sum to the evaluated cost for every line, year and option")
{
  // The invariant is exact up to rounding: terms are the evaluator's figure split apart.
  for (const char* name :
       {"dcst_2022.toml", "dcst_2022_high_demand.toml", "dcst_2022_high_inflation.toml"}) {
    const Model model = shipped(name);
    const Eigen::VectorXd values = model.values();
    const Outcome outcome = Evaluator(model).evaluate(values);
    for (int o = 0; o < outcome.options(); ++o) {
      for (int l = 0; l < outcome.lines(); ++l) {
        for (int y = 0; y < outcome.periods(); ++y) {
          const Explanation explanation = explain_cost(model, values, o, l, y);
          CHECK(std::abs(sum_of(explanation) - explanation.total) < 1e-12);
          CHECK(std::abs(explanation.total - outcome.cost(o, l, y)[0]) < 1e-9);
        }
      }
    }
  }
}

TEST_CASE("the 2022/23 budget is explained as 58.17 + 3.54 + 0.70 + 2.74 from paragraph 44")
{
  const Model model = test::dcst_model();
  const Explanation budget = explain_budget(model, model.values(), 1);
  REQUIRE(budget.terms.size() == 4);
  const double expected[] = {58.17, 3.54, 0.70, 2.74}; // cabinet report, para 44
  for (std::size_t i = 0; i < 4; ++i) {
    CHECK(budget.terms[i].value == doctest::Approx(expected[i]).epsilon(1e-12));
  }
  // The 58.17 is 2021/22's budget rolled forward; the other three are para 44's steps.
  const Parameter& rolled = model.parameters()[budget.terms[0].parameter];
  CHECK(rolled.path == "budget.years.2022/23.rolled_forward");
  CHECK(rolled.derived);
  CHECK(budget.terms[0].label == "2021/22 budget rolled forward");
  for (std::size_t i = 1; i < 4; ++i) {
    const Parameter& parameter = model.parameters()[budget.terms[i].parameter];
    CHECK(parameter.provenance.source.find("para 44") != std::string::npos);
  }
  CHECK(budget.total == doctest::Approx(65.15).epsilon(1e-12));
  CHECK(budget.terms[1].label == "Demand and complexity carried into 2022/23");
}

TEST_CASE("a grown budget is the previous budget plus its growth")
{
  // DCST: 2026/27 has no entry, so it is 2025/26's budget x 1.03 by the 3% growth.
  const Model model = test::dcst_model();
  const double previous = explain_budget(model, model.values(), 4).total;
  const Explanation budget = explain_budget(model, model.values(), 5);
  REQUIRE(budget.terms.size() == 2);
  CHECK(budget.terms[0].label == "Budget 2025/26");
  CHECK(budget.terms[0].value == doctest::Approx(previous).epsilon(1e-12));
  CHECK(budget.terms[1].value == doctest::Approx(previous * 0.03).epsilon(1e-12));
  CHECK(budget.total == doctest::Approx(previous * 1.03).epsilon(1e-12));
}

TEST_CASE("a DCST year with a saving step rolls forward, takes growth and takes off the saving")
{
  // 2023/24: 65.15 rolled forward + 65.15 x 3% - 0.27 (para 45's first third).
  const Model model = test::dcst_model();
  const Explanation budget = explain_budget(model, model.values(), 2);
  REQUIRE(budget.terms.size() == 3);
  CHECK(budget.terms[0].value == doctest::Approx(65.15).epsilon(1e-12));
  CHECK(budget.terms[1].value == doctest::Approx(65.15 * 0.03).epsilon(1e-12));
  CHECK(budget.terms[2].value == doctest::Approx(-0.27).epsilon(1e-12));
  CHECK(budget.total == doctest::Approx(65.15 * 1.03 - 0.27).epsilon(1e-12));
}

TEST_CASE("a line's cost splits into base, demand and price effects by hand calculation")
{
  // Base 12 a year, demand 10%, prices 20%, both stepping on 1 April: in year 1 the
  // demand effect is 12 x 0.1 = 1.2 and the price effect 12 x 1.1 x 0.2 = 2.64.
  const Model model = test::model_from(R"([scenario]
name = "Split"
base_year = "2021/22"
horizon = "2022/23"
[indices.demand]
default = 0.10
[indices.prices]
default = 0.20
[lines.care]
base = 12.0
demand = "demand"
prices = { prices = 1.0 }
[options.only]
name = "Only"
)");
  const Explanation explanation = explain_cost(model, model.values(), 0, 0, 1);
  REQUIRE(explanation.terms.size() == 3);
  CHECK(explanation.terms[0].value == doctest::Approx(12.0).epsilon(1e-12));
  CHECK(explanation.terms[1].value == doctest::Approx(1.2).epsilon(1e-12));
  CHECK(explanation.terms[2].value == doctest::Approx(2.64).epsilon(1e-12));
  // Each index effect names the index's timing; a chart's captions name ids.
  CHECK(explanation.terms[1].label == "Demand: demand (steps in April)");
  CHECK(explanation.terms[2].label == "Prices: prices (100% share, steps in April)");
  CHECK(explanation.terms[0].caption == "Base: care");
  CHECK(explanation.terms[1].caption == "Demand: demand");
  CHECK(explanation.terms[2].caption == "Prices: prices");
}

TEST_CASE("overlay and stop terms carry the overlay's parameter")
{
  const Model model = test::dcst_model();
  const int transfer = *model.find_option("transfer");
  const Explanation overheads = explain_cost(model, model.values(), transfer, 3, 1);
  const Term* stop = find_term(overheads, "Stop: ");
  REQUIRE(stop);
  CHECK(model.parameters()[stop->parameter].path
        == "options.transfer.overlays.duplicated_overheads.keep");
  CHECK(stop->value < 0.0); // the stop removes three quarters of half the year's cost
  CHECK(stop->caption == "Stop: duplicated_overheads");
}

TEST_CASE("a bridge's terms sum to the change of the total")
{
  const Model model = test::dcst_model();
  const Eigen::VectorXd values = model.values();
  for (int line = 0; line < static_cast<int>(model.lines().size()); ++line) {
    const Explanation from = explain_cost(model, values, 0, line, 1);
    const Explanation to = explain_cost(model, values, 2, line, 1);
    const Explanation moved = bridge(from, to);
    CHECK(std::abs(sum_of(moved) - (to.total - from.total)) < 1e-12);
  }
  // Budget 2021/22 -> 2022/23: 3.54 + 0.70 + 2.74 = the 6.98 increase (para 44); the
  // contract value leaves (-58.17) as the same amount is rolled forward (+58.17).
  const Explanation budget =
    bridge(explain_budget(model, values, 0), explain_budget(model, values, 1));
  CHECK(budget.total == doctest::Approx(6.98).epsilon(1e-12));
  REQUIRE(budget.terms.size() == 5);
  CHECK(budget.terms[0].value == doctest::Approx(-58.17).epsilon(1e-12));
  CHECK(budget.terms[0].caption == "contract"); // a step's id names it on a chart
  CHECK(budget.terms[1].value == doctest::Approx(58.17).epsilon(1e-12));
  CHECK(std::abs(sum_of(budget) - 6.98) < 1e-12);
}
