#include "carecast/diff.hpp"

#include "test_model.hpp"

#include <doctest/doctest.h>
#include <filesystem>
#include <string>
#include <vector>

using carecast::Evaluator;
using carecast::Model;
using carecast::Outcome;
using carecast::ParameterChange;
using carecast::Report;
using carecast::ScenarioDiff;

namespace {

Model shipped(const std::string& file)
{
  const auto path = std::filesystem::path(__FILE__).parent_path() / "../../scenarios" / file;
  carecast::LoadResult result = carecast::read_scenario(path);
  REQUIRE(result.diagnostics.empty());
  REQUIRE(result.scenario.has_value());
  return Model(*result.scenario);
}

ScenarioDiff diff_of(const Model& a, const Model& b)
{
  const Outcome a_outcome = Evaluator(a).evaluate(a.values());
  const Outcome b_outcome = Evaluator(b).evaluate(b.values());
  return carecast::diff_report({a, a_outcome, "a"}, {b, b_outcome, "b"});
}

std::vector<std::string> paths(const std::vector<ParameterChange>& changes)
{
  std::vector<std::string> result;
  for (const ParameterChange& change : changes) {
    result.push_back(change.path);
  }
  return result;
}

const ParameterChange& change_of(const ScenarioDiff& diff, const std::string& path)
{
  for (const ParameterChange& change : diff.parameters) {
    if (change.path == path) {
      return change;
    }
  }
  FAIL("no change of " << path);
  return diff.parameters.front();
}

// Two flat lines over two years (no indices, so a year costs its line's base) and
// two options; each test below writes B as a variation of this.
std::string scenario(const std::string& line_a, const std::string& more = {})
{
  return R"(
[scenario]
name = "Diff test"
base_year = "2021/22"
horizon = "2022/23"
[lines.a]
base = )" + line_a
         + R"(
[lines.b]
base = 6.0
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
)" + more;
}

} // namespace

TEST_CASE("a variant diffed against its base lists exactly the keys it overrides")
{
  const Model base = shipped("dcst_2022.toml");
  // dcst_2022_high_demand.toml overrides two demand rates and option 2's demand rate;
  // its new scenario name is text, not a parameter.
  const ScenarioDiff demand = diff_of(base, shipped("dcst_2022_high_demand.toml"));
  CHECK(paths(demand.parameters)
        == std::vector<std::string>{"indices.demand.default", "indices.demand.rates.2022/23",
                                    "options.contract_management.overlays.demand_grip.rate"});
  const ParameterChange& rate = change_of(demand, "indices.demand.rates.2022/23");
  CHECK(rate.before == 0.040);
  CHECK(rate.after == 0.057);
  CHECK(rate.unit == "rate/yr");
  CHECK(change_of(demand, "indices.demand.default").after == 0.050);
  CHECK(change_of(demand, "options.contract_management.overlays.demand_grip.rate").after == 0.047);

  const ScenarioDiff inflation = diff_of(base, shipped("dcst_2022_high_inflation.toml"));
  CHECK(paths(inflation.parameters)
        == std::vector<std::string>{"indices.pay.rates.2023/24", "indices.prices.rates.2023/24",
                                    "indices.prices.rates.2024/25",
                                    "indices.placement_prices.default"});
}

TEST_CASE("a scenario diffed with itself has no parameter changes and every cost change is 0")
{
  const Model model = carecast::test::dcst_model();
  const ScenarioDiff diff = diff_of(model, model);
  CHECK(diff.parameters.empty());
  CHECK(diff.cost.options.size() == 3);
  CHECK(diff.cost.years.size() == 6);
  REQUIRE(diff.cost.rows.size() == 3 * 6);
  for (const carecast::ReportRow& row : diff.cost.rows) {
    CHECK(row.line == "total");
    CHECK(row.measure == "cost_change");
    CHECK(row.value == 0.0);
  }
}

TEST_CASE("each cost change is B's total cost minus A's, as compare reports them")
{
  const Model a = carecast::test::dcst_model();
  const Model b = shipped("dcst_2022_high_demand.toml");
  const ScenarioDiff diff = diff_of(a, b);
  const Report a_compare =
    carecast::compare_report(a, Evaluator(a).evaluate(a.values()), "dcst_2022");
  const Report b_compare =
    carecast::compare_report(b, Evaluator(b).evaluate(b.values()), "dcst_2022_high_demand");
  for (const carecast::Label& option : diff.cost.options) {
    for (const std::string& year : diff.cost.years) {
      CAPTURE(option.id);
      CAPTURE(year);
      const double* change = diff.cost.find(option.id, year, "total", "cost_change");
      REQUIRE(change != nullptr);
      CHECK(*change
            == doctest::Approx(*b_compare.find(option.id, year, "total", "cost")
                               - *a_compare.find(option.id, year, "total", "cost"))
                 .epsilon(1e-12));
    }
  }
  // Demand starts to differ after the base year, whose cost is the same 64.43.
  CHECK(*diff.cost.find("transfer", "2021/22", "total", "cost_change") == 0.0);
  CHECK(*diff.cost.find("transfer", "2022/23", "total", "cost_change") > 0.0);
}

TEST_CASE("a changed value is a change by exact comparison, with the cost it moves")
{
  const Model a = carecast::test::model_from(scenario("12.0"));
  const Model b = carecast::test::model_from(scenario("12.5"));
  const ScenarioDiff diff = diff_of(a, b);
  REQUIRE(diff.parameters.size() == 1);
  CHECK(diff.parameters[0].path == "lines.a.base");
  CHECK(diff.parameters[0].unit == "£m/yr");
  CHECK(diff.parameters[0].before == 12.0);
  CHECK(diff.parameters[0].after == 12.5);
  // Flat lines: every year of every option costs 0.5 more.
  for (const carecast::ReportRow& row : diff.cost.rows) {
    CHECK(row.value == doctest::Approx(0.5).epsilon(1e-12));
  }
  // The smallest difference a double can hold still counts.
  const Model nudged = carecast::test::model_from(scenario("12.000000000000002"));
  CHECK(paths(diff_of(a, nudged).parameters) == std::vector<std::string>{"lines.a.base"});
}

TEST_CASE("a value whose source or assumption alone changed is not a change")
{
  const Model a = carecast::test::model_from(scenario(R"({ value = 12.0, source = "one" })"));
  const Model b = carecast::test::model_from(scenario(R"({ value = 12.0, assumption = "two" })"));
  CHECK(diff_of(a, b).parameters.empty());
}

TEST_CASE("a parameter only in B has no before, one only in A no after")
{
  const std::string line_c = "[lines.c]\nbase = 2.5\n";
  const Model plain = carecast::test::model_from(scenario("12.0"));
  const Model with_c = carecast::test::model_from(scenario("12.0", line_c));

  const ScenarioDiff added = diff_of(plain, with_c);
  REQUIRE(added.parameters.size() == 1);
  CHECK(added.parameters[0].path == "lines.c.base");
  CHECK(added.parameters[0].unit == "£m/yr");
  CHECK_FALSE(added.parameters[0].before.has_value());
  CHECK(added.parameters[0].after == 2.5);
  CHECK(*added.cost.find("base", "2022/23", "total", "cost_change")
        == doctest::Approx(2.5).epsilon(1e-12));

  const ScenarioDiff removed = diff_of(with_c, plain);
  REQUIRE(removed.parameters.size() == 1);
  CHECK(removed.parameters[0].before == 2.5);
  CHECK_FALSE(removed.parameters[0].after.has_value());
}

TEST_CASE("cost changes cover the options and years both scenarios have, in A's order")
{
  const Model a = carecast::test::model_from(scenario("12.0"));
  // B: the options in the other order, one more option, and one more year.
  const Model b = carecast::test::model_from(R"(
[scenario]
name = "Diff test, longer"
base_year = "2021/22"
horizon = "2023/24"
[lines.a]
base = 12.0
[lines.b]
base = 6.0
[options.extra]
name = "Extra"
[options.other]
name = "Other"
[options.base]
name = "Base"
)");
  const ScenarioDiff diff = diff_of(a, b);
  REQUIRE(diff.cost.options.size() == 2);
  CHECK(diff.cost.options[0].id == "base");
  CHECK(diff.cost.options[1].id == "extra");
  CHECK(diff.cost.years == std::vector<std::string>{"2021/22", "2022/23"});
  CHECK(diff.cost.rows.size() == 2 * 2);
  CHECK(diff.cost.find("other", "2021/22", "total", "cost_change") == nullptr);
  CHECK(*diff.cost.find("base", "2022/23", "total", "cost_change") == 0.0);
  // A's option extra adds 1.2 a year to line a; B's has no overlay.
  CHECK(*diff.cost.find("extra", "2022/23", "total", "cost_change")
        == doctest::Approx(-1.2).epsilon(1e-12));
  // The overlay exists only in A, so its amount is a removed parameter.
  CHECK(paths(diff.parameters) == std::vector<std::string>{"options.extra.overlays.more.amount"});
}

TEST_CASE("a diff names both scenarios and is a report of kind diff")
{
  const Model a = carecast::test::model_from(scenario("12.0"));
  const ScenarioDiff diff = diff_of(a, a);
  CHECK(diff.a.id == "a");
  CHECK(diff.a.name == "Diff test");
  CHECK(diff.b.id == "b");
  CHECK(diff.cost.kind == carecast::ReportKind::diff);
  CHECK(diff.cost.scenario == "a..b");
  CHECK(diff.cost.title == "From a (A) to b (B)");
  CHECK(diff.cost.unit == "£m");
  CHECK(diff.cost.lines.empty());
}
