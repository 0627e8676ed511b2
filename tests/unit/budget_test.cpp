// The approved budget year by year (docs/scenario-format.md, section 6): stated years,
// years rolled forward from the one before, and years grown from it.

#include "carecast/evaluator.hpp"
#include "carecast/explain.hpp"

#include "test_model.hpp"

#include <doctest/doctest.h>
#include <string>

using namespace carecast;

namespace {

// The worked example of docs/scenario-format.md, section 6, to 2026/27: 2023/24 is
// 30.0 + a one-off 0.4; 2024/25 rolls forward, takes growth and adds demand; 2025/26
// rolls forward with its own inflation step and a saving; 2026/27 has no entry.
const std::string k_roll_forward = R"(
[scenario]
name = "Roll-forward test"
base_year = "2023/24"
horizon = "2026/27"
[lines.a]
base = 30.0
[budget]
roll_forward = true
growth = 0.03
[budget.years."2023/24"]
base = { kind = "base", value = 30.0 }
consultants = { kind = "pressure", value = 0.4, one_off = true }
[budget.years."2024/25"]
demand = { kind = "demand", value = 0.9 }
[budget.years."2025/26"]
pay = { kind = "inflation", value = 0.8 }
cut = { kind = "saving", value = -0.5 }
[options.o]
name = "O"
)";

double budget_of(const Model& model, int year)
{
  return Evaluator(model).evaluate(model.values()).budget(year)[0];
}

} // namespace

TEST_CASE("a roll-forward year starts from the year before less its one-offs, plus growth")
{
  const Model model = test::model_from(k_roll_forward);
  // By hand (the worked example): 30.0 + 0.4; 30.0 + 30.0 x 0.03 + 0.9; 31.8 + 0.8 - 0.5;
  // 32.1 x 1.03.
  CHECK(budget_of(model, 0) == doctest::Approx(30.4).epsilon(1e-12));
  CHECK(budget_of(model, 1) == doctest::Approx(31.8).epsilon(1e-12));
  CHECK(budget_of(model, 2) == doctest::Approx(32.1).epsilon(1e-12));
  CHECK(budget_of(model, 3) == doctest::Approx(33.063).epsilon(1e-12));
}

TEST_CASE("a one-off step is not carried into a year grown without roll-forward")
{
  const Model model = test::model_from(R"(
[scenario]
name = "One-off test"
base_year = "2023/24"
horizon = "2024/25"
[lines.a]
base = 1.0
[budget]
growth = 0.1
[budget.years."2023/24"]
base = { kind = "base", value = 20.0 }
review = { value = 2.0, one_off = true }
[options.o]
name = "O"
)");
  CHECK(budget_of(model, 0) == doctest::Approx(22.0).epsilon(1e-12));
  CHECK(budget_of(model, 1) == doctest::Approx(22.0).epsilon(1e-12)); // 20 x 1.1, not 22 x 1.1
}

TEST_CASE("a year with a base step is its steps, even with roll-forward")
{
  Model model = test::model_from(k_roll_forward + R"(
[budget.years."2026/27"]
restated = { kind = "base", value = 40.0 }
)");
  CHECK(budget_of(model, 3) == doctest::Approx(40.0).epsilon(1e-12));
  CHECK(model.budget().rolled_forward[3] == k_none);
}

TEST_CASE("the rolled-forward step is a derived parameter the scenario's values give")
{
  Model model = test::model_from(k_roll_forward);
  const std::optional<int> rolled = model.find_parameter("budget.years.2024/25.rolled_forward");
  REQUIRE(rolled.has_value());
  const Parameter& parameter = model.parameters()[*rolled];
  CHECK(parameter.derived);
  CHECK(parameter.value == doctest::Approx(30.0).epsilon(1e-12)); // 30.4 less the one-off 0.4
  CHECK(parameter.label == "2023/24 budget rolled forward");
  // The first year and a grown year have none.
  CHECK_FALSE(model.find_parameter("budget.years.2023/24.rolled_forward"));
  CHECK_FALSE(model.find_parameter("budget.years.2026/27.rolled_forward"));
  // A changed input changes what is derived from it.
  model.set_value(*model.find_parameter("budget.years.2023/24.base"), 10.0);
  CHECK(model.parameters()[*rolled].value == doctest::Approx(10.0).epsilon(1e-12));
}

TEST_CASE("each draw rolls forward its own budget, whatever the derived parameter's row holds")
{
  const Model model = test::model_from(k_roll_forward);
  ParameterRows draws(model.values().size(), 2);
  draws.col(0) = model.values();
  draws.col(1) = model.values();
  draws(*model.find_parameter("budget.years.2023/24.base"), 1) = 20.0;
  // A stale value in the derived row must not be read.
  draws(*model.find_parameter("budget.years.2024/25.rolled_forward"), 1) = 1e6;
  const Outcome outcome = Evaluator(model).evaluate(draws);
  CHECK(outcome.budget(1)[0] == doctest::Approx(31.8).epsilon(1e-12));
  // 20.0 + 20.0 x 0.03 + 0.9 = 21.5.
  CHECK(outcome.budget(1)[1] == doctest::Approx(21.5).epsilon(1e-12));
}

TEST_CASE("a roll-forward year is explained as what it rolls forward, growth and its steps")
{
  const Model model = test::model_from(k_roll_forward);
  const Explanation budget = explain_budget(model, model.values(), 1);
  REQUIRE(budget.terms.size() == 3);
  CHECK(budget.terms[0].label == "2023/24 budget rolled forward");
  CHECK(budget.terms[0].value == doctest::Approx(30.0).epsilon(1e-12));
  CHECK(budget.terms[0].parameter == *model.find_parameter("budget.years.2024/25.rolled_forward"));
  CHECK(budget.terms[1].label == "Growth at 3%");
  CHECK(budget.terms[1].value == doctest::Approx(0.9).epsilon(1e-12));
  CHECK(budget.terms[1].parameter == model.budget().growth);
  CHECK(budget.terms[2].value == doctest::Approx(0.9).epsilon(1e-12));
  CHECK(budget.total == doctest::Approx(31.8).epsilon(1e-12));
  // 2025/26 has an inflation step of its own, so no growth term.
  CHECK(explain_budget(model, model.values(), 2).terms.size() == 3);
}

TEST_CASE("the DCST 2022/23 budget rolls forward 58.17 and comes to 65.15 exactly")
{
  const Model model = test::dcst_model();
  // Para 44: 58.17 + 3.54 + 0.70 + 2.74 = 65.15, added in that order, as before the
  // 58.17 was rolled forward instead of restated.
  CHECK(budget_of(model, 1) == 58.17 + 3.54 + 0.70 + 2.74);
  CHECK(budget_of(model, 1) == doctest::Approx(65.15).epsilon(1e-15));
  const int rolled = model.budget().rolled_forward[1];
  REQUIRE(rolled != k_none);
  CHECK(model.parameters()[rolled].value == 58.17);
  // 2022/23 has its own inflation step (2.74), so growth is not added.
  CHECK_FALSE(model.budget().adds_growth[1]);
}
