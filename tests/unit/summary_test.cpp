#include "carecast/summary.hpp"

#include "test_model.hpp"

#include <cmath>
#include <doctest/doctest.h>
#include <string>

using namespace carecast;

namespace {

// A flat line of 12 a year. The 2021/22 budget is built from one step of each kind
// (ict states none, so it is a pressure): 10 + 1.0 + 0.5 + 0.25 - 0.75 = 11.0. The
// 2022/23 budget is one figure, 12.0; 2023/24 grows it by 5% to 12.6. Option `extra`
// adds 1.2 a year to the line.
const std::string k_scenario = R"(
[scenario]
name = "Summary test"
base_year = "2021/22"
horizon = "2023/24"
[lines.a]
base = 12.0
[budget]
growth = 0.05
[budget.years."2021/22"]
base = { kind = "base", value = 10.0 }
kids = { kind = "demand", value = 1.0 }
pay = { kind = "inflation", value = 0.5 }
ict = { name = "New case system", value = 0.25 }
cut = { kind = "saving", value = -0.75 }
[budget.years]
"2022/23" = 12.0
[options.base]
name = "Base"
[options.extra]
name = "Extra"
extends = "base"
[options.extra.overlays.more]
type = "recurring"
line = "a"
amount = 1.2
from = "2021-04"
)";

bool near(double actual, double expected)
{
  return std::fabs(actual - expected) < 1e-9;
}

Report summary_of(const Model& model, std::string_view option)
{
  const Outcome outcome = Evaluator(model).evaluate(model.values());
  return summary_report(model, outcome, model.values(), "test", *model.find_option(option));
}

double value(const Report& report, std::string_view year, std::string_view measure)
{
  const double* found = report.find(report.options.front().id, year, "total", measure);
  INFO(year, " ", measure);
  REQUIRE(found != nullptr);
  return *found;
}

double sum_of_kinds(const Report& report, std::string_view year)
{
  double sum = 0.0;
  for (const char* measure :
       {"base_budget", "demand_pressures", "inflation", "other_pressures", "savings"}) {
    sum += value(report, year, measure);
  }
  return sum;
}

} // namespace

TEST_CASE("budget step kinds are read from the file, a step without one being a pressure")
{
  const Model model = test::model_from(k_scenario);
  using Kind = BudgetStepKind;
  CHECK(
    model.budget().kinds_by_year[0]
    == std::vector<Kind>{Kind::base, Kind::demand, Kind::inflation, Kind::pressure, Kind::saving});
  // A year given as one figure is its base budget.
  CHECK(model.budget().kinds_by_year[1] == std::vector<Kind>{Kind::base});
}

TEST_CASE("an unknown budget step kind is an error at the kind that suggests the nearest")
{
  const LoadResult result = read_scenario_text(R"([scenario]
name = "Typo"
base_year = "2021/22"
horizon = "2021/22"
[lines.a]
base = 1.0
[budget.years."2021/22"]
kids = { kind = "demnad", value = 1.0 }
[options.base]
name = "Base"
)",
                                               "test.toml");
  REQUIRE(result.diagnostics.size() == 1);
  const Diagnostic& problem = result.diagnostics.front();
  // Line 8: 'kids = { kind = ' is 16 characters, so the kind's value starts at column 17.
  CHECK(problem.pos.line == 8);
  CHECK(problem.pos.column == 17);
  CHECK(problem.message
        == "'budget.years.2021/22.kids.kind' = \"demnad\" is not a budget step kind (one of "
           "base, demand, inflation, pressure, saving); did you mean 'demand'?");
}

TEST_CASE("a stated year's budget is split by kind and its rows add up to the net budget")
{
  const Report report = summary_of(test::model_from(k_scenario), "base");
  CHECK(report.kind == ReportKind::summary);
  CHECK(near(value(report, "2021/22", "base_budget"), 10.0));
  CHECK(near(value(report, "2021/22", "demand_pressures"), 1.0));
  CHECK(near(value(report, "2021/22", "inflation"), 0.5));
  CHECK(near(value(report, "2021/22", "other_pressures"), 0.25));
  CHECK(near(value(report, "2021/22", "savings"), -0.75));
  CHECK(near(value(report, "2021/22", "net_budget"), 11.0));
}

TEST_CASE("a grown year has the previous net budget as base and the growth as inflation")
{
  const Report report = summary_of(test::model_from(k_scenario), "base");
  CHECK(near(value(report, "2023/24", "base_budget"), 12.0));
  CHECK(near(value(report, "2023/24", "inflation"), 0.6)); // 12.0 x 5%
  CHECK(near(value(report, "2023/24", "net_budget"), 12.6));
}

TEST_CASE("the gap is the option's projected cost less the net budget")
{
  const Report report = summary_of(test::model_from(k_scenario), "extra");
  // 12.0 + 1.2 a year against 11.0, 12.0 and 12.6.
  CHECK(near(value(report, "2021/22", "projected_cost"), 13.2));
  CHECK(near(value(report, "2021/22", "gap"), 2.2));
  CHECK(near(value(report, "2022/23", "gap"), 1.2));
  CHECK(near(value(report, "2023/24", "gap"), 0.6));
}

TEST_CASE("the DCST 2022/23 budget builds up as paragraph 44 sets it out")
{
  const Report report = summary_of(test::dcst_model(), "transfer");
  // 58.17 contract + 3.54 demand + 2.74 inflation + 0.70 DfE funding = 65.15.
  CHECK(near(value(report, "2022/23", "base_budget"), 58.17));
  CHECK(near(value(report, "2022/23", "demand_pressures"), 3.54));
  CHECK(near(value(report, "2022/23", "inflation"), 2.74));
  CHECK(near(value(report, "2022/23", "other_pressures"), 0.70));
  CHECK(near(value(report, "2022/23", "net_budget"), 65.15));
  for (const std::string& year : report.years) {
    CHECK(near(sum_of_kinds(report, year), value(report, year, "net_budget")));
    CHECK(near(value(report, year, "gap"),
               value(report, year, "projected_cost") - value(report, year, "net_budget")));
  }
}

TEST_CASE("a year without a budget has its projected cost but no budget rows or gap")
{
  const Model model = test::model_from(R"(
[scenario]
name = "No budget"
base_year = "2021/22"
horizon = "2021/22"
[lines.a]
base = 3.0
[options.base]
name = "Base"
)");
  const Report report = summary_of(model, "base");
  CHECK(near(value(report, "2021/22", "projected_cost"), 3.0));
  CHECK(report.find("base", "2021/22", "total", "net_budget") == nullptr);
  CHECK(report.find("base", "2021/22", "total", "gap") == nullptr);
}

TEST_CASE("a rolled-forward year has what it rolls forward as base and the growth as inflation")
{
  // The DCST 2023/24: 65.15 rolled forward, 65.15 x 3% growth, a saving of 0.27.
  const Report report = summary_of(test::dcst_model(), "do_nothing");
  CHECK(near(value(report, "2023/24", "base_budget"), 65.15));
  CHECK(near(value(report, "2023/24", "inflation"), 65.15 * 0.03));
  CHECK(near(value(report, "2023/24", "savings"), -0.27));
  CHECK(near(value(report, "2023/24", "net_budget"), 65.15 * 1.03 - 0.27));
}

TEST_CASE("a summary shows the option's savings target, delivered and shortfall")
{
  // The DCST budget's target in 2024/25 is 0.27 + 0.27; the transfer delivers 0.8,
  // doing nothing delivers none.
  const Report transfer = summary_of(test::dcst_model(), "transfer");
  CHECK(near(value(transfer, "2024/25", "savings_target"), 0.54));
  CHECK(near(value(transfer, "2024/25", "savings_delivered"), 0.8));
  CHECK(value(transfer, "2024/25", "savings_shortfall") == 0.0);
  CHECK(value(transfer, "2024/25", "savings_met") == 1.0);
  const Report nothing = summary_of(test::dcst_model(), "do_nothing");
  CHECK(near(value(nothing, "2024/25", "savings_shortfall"), 0.54));
  CHECK(value(nothing, "2024/25", "savings_met") == 0.0);
  CHECK(nothing.find("do_nothing", "2022/23", "total", "savings_target") == nullptr);
}
