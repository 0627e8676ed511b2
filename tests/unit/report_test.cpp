#include "carecast/report.hpp"

#include "test_model.hpp"

#include <cmath>
#include <doctest/doctest.h>
#include <string>

using carecast::Evaluator;
using carecast::Model;
using carecast::Outcome;
using carecast::Period;
using carecast::Report;
using carecast::ReportKind;

namespace {

// Two flat lines (no indices: every year costs its base), a budget for the first
// year only, and an option that adds 1.2 a year to line a.
const std::string k_scenario = R"(
[scenario]
name = "Report test"
base_year = "2021/22"
horizon = "2022/23"
[lines.a]
name = "Line A"
base = 12.0
[lines.b]
base = 6.0
[budget.years]
"2021/22" = 15.0
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

// The value of a row that must exist.
double value(const Report& report, std::string_view option, std::string_view year,
             std::string_view line, std::string_view measure)
{
  const double* found = report.find(option, year, line, measure);
  const std::string row = std::string(option) + " " + std::string(year) + " " + std::string(line)
                          + " " + std::string(measure);
  INFO(row);
  REQUIRE(found != nullptr);
  return *found;
}

bool near(double actual, double expected)
{
  return std::fabs(actual - expected) < 1e-9;
}

} // namespace

TEST_CASE("a run report names the scenario, its lines, years and options")
{
  const Model model = carecast::test::model_from(k_scenario);
  const Outcome outcome = Evaluator(model).evaluate(model.values(), Period::year);
  const Report report = carecast::run_report(model, outcome, "test", {});
  CHECK(report.kind == ReportKind::run);
  CHECK(report.scenario == "test");
  CHECK(report.title == "Report test");
  CHECK(report.unit == "£m"); // the default unit
  REQUIRE(report.lines.size() == 2);
  CHECK(report.lines[0].id == "a");
  CHECK(report.lines[0].name == "Line A");
  CHECK(report.lines[1].name == "b"); // no name: the id
  CHECK(report.years == std::vector<std::string>{"2021/22", "2022/23"});
  REQUIRE(report.options.size() == 2);
  CHECK(report.options[0].id == "base");
  CHECK(report.options[0].name == "Base");
  CHECK(report.options[1].id == "extra");
}

TEST_CASE("a run report has each line's cost, the total, and budget and variance where known")
{
  const Model model = carecast::test::model_from(k_scenario);
  const Outcome outcome = Evaluator(model).evaluate(model.values(), Period::year);
  const Report report = carecast::run_report(model, outcome, "test", {});
  // Per option: 2021/22 has 2 lines + total + budget + variance, 2022/23 (no budget)
  // 2 lines + total: 8 rows; two options.
  CHECK(report.rows.size() == 16);
  CHECK(near(value(report, "base", "2021/22", "a", "cost"), 12.0));
  CHECK(near(value(report, "base", "2021/22", "b", "cost"), 6.0));
  CHECK(near(value(report, "base", "2021/22", "total", "cost"), 18.0)); // 12 + 6
  CHECK(near(value(report, "base", "2021/22", "total", "budget"), 15.0));
  CHECK(near(value(report, "base", "2021/22", "total", "variance"), 3.0)); // 18 - 15
  CHECK(near(value(report, "extra", "2021/22", "a", "cost"), 13.2));       // 12 + 1.2
  CHECK(near(value(report, "extra", "2022/23", "total", "cost"), 19.2));
  CHECK(near(value(report, "extra", "2021/22", "total", "variance"), 4.2)); // 19.2 - 15
  // No budget stated for 2022/23 and no growth: no budget or variance rows.
  CHECK(report.find("base", "2022/23", "total", "budget") == nullptr);
  CHECK(report.find("base", "2022/23", "total", "variance") == nullptr);
  CHECK(report.find("extra", "2022/23", "total", "budget") == nullptr);
  // Budget and variance rows belong to the total only.
  CHECK(report.find("base", "2021/22", "a", "budget") == nullptr);
}

TEST_CASE("a run report can be limited to chosen options, in the order chosen")
{
  const Model model = carecast::test::model_from(k_scenario);
  const Outcome outcome = Evaluator(model).evaluate(model.values(), Period::year);
  const Report only_extra = carecast::run_report(model, outcome, "test", {1});
  REQUIRE(only_extra.options.size() == 1);
  CHECK(only_extra.options[0].id == "extra");
  CHECK(only_extra.rows.size() == 8);
  for (const carecast::ReportRow& row : only_extra.rows) {
    CHECK(row.option == "extra");
  }
  CHECK(only_extra.find("base", "2021/22", "total", "cost") == nullptr);
  CHECK(near(value(only_extra, "extra", "2021/22", "total", "cost"), 19.2));

  const Report reversed = carecast::run_report(model, outcome, "test", {1, 0});
  REQUIRE(reversed.options.size() == 2);
  CHECK(reversed.options[0].id == "extra");
  CHECK(reversed.options[1].id == "base");
  CHECK(reversed.rows.front().option == "extra");
}

TEST_CASE("a report reads the chosen draw of a batch")
{
  const Model model = carecast::test::model_from(k_scenario);
  Eigen::MatrixXd batch(model.values().size(), 2);
  batch.col(0) = model.values();
  batch.col(1) = model.values();
  batch(*model.find_parameter("lines.a.base"), 1) = 24.0;
  const Outcome outcome = Evaluator(model).evaluate(batch, Period::year);
  const Report first = carecast::run_report(model, outcome, "test", {}, 0);
  const Report second = carecast::run_report(model, outcome, "test", {}, 1);
  CHECK(near(value(first, "base", "2021/22", "a", "cost"), 12.0));
  CHECK(near(value(second, "base", "2021/22", "a", "cost"), 24.0));
  CHECK(near(value(second, "base", "2021/22", "total", "variance"), 24.0 + 6.0 - 15.0));
  const Report compared = carecast::compare_report(model, outcome, "test", 1);
  CHECK(near(value(compared, "extra", "2022/23", "total", "cost"), 24.0 + 1.2 + 6.0));
}

TEST_CASE("a compare report gives cost, difference from the first option, cumulative cost, budget "
          "and variance")
{
  const Model model = carecast::test::model_from(k_scenario);
  const Outcome outcome = Evaluator(model).evaluate(model.values(), Period::year);
  const Report report = carecast::compare_report(model, outcome, "test");
  CHECK(report.kind == ReportKind::compare);
  CHECK(report.options.size() == 2);
  // Per option: 2021/22 has cost, difference, cumulative, budget, variance; 2022/23
  // the first three; and the net present cost over all years: 9 rows; two options.
  CHECK(report.rows.size() == 18);
  for (const carecast::ReportRow& row : report.rows) {
    CHECK(row.line == "total");
  }
  CHECK(near(value(report, "base", "2021/22", "total", "cost"), 18.0));
  CHECK(near(value(report, "extra", "2022/23", "total", "cost"), 19.2));
  // The first option differs from itself by 0; the other by its own cost - the first's.
  CHECK(near(value(report, "base", "2021/22", "total", "difference"), 0.0));
  CHECK(near(value(report, "base", "2022/23", "total", "difference"), 0.0));
  CHECK(near(value(report, "extra", "2021/22", "total", "difference"), 1.2));
  CHECK(near(value(report, "extra", "2022/23", "total", "difference"), 1.2));
  // Cumulative: the running sum of cost.
  CHECK(near(value(report, "base", "2021/22", "total", "cumulative"), 18.0));
  CHECK(near(value(report, "base", "2022/23", "total", "cumulative"), 36.0));
  CHECK(near(value(report, "extra", "2022/23", "total", "cumulative"), 38.4));
  CHECK(near(value(report, "extra", "2021/22", "total", "budget"), 15.0));
  CHECK(near(value(report, "extra", "2021/22", "total", "variance"), 4.2));
  CHECK(report.find("base", "2022/23", "total", "budget") == nullptr);
  CHECK(report.find("extra", "2022/23", "total", "variance") == nullptr);
}

TEST_CASE("DCST reports: totals add up their lines, variance is total - budget, differences and "
          "cumulatives agree")
{
  const Model model = carecast::test::dcst_model();
  const Outcome outcome = Evaluator(model).evaluate(model.values(), Period::year);
  const Report run = carecast::run_report(model, outcome, "dcst_2022", {});
  const Report compare = carecast::compare_report(model, outcome, "dcst_2022");
  REQUIRE(run.options.size() == 3);
  const std::string first = compare.options.front().id;
  for (const carecast::Label& option : run.options) {
    double cumulative = 0.0;
    for (const std::string& year : run.years) {
      CAPTURE(option.id);
      CAPTURE(year);
      double sum = 0.0;
      for (const carecast::Label& line : run.lines) {
        sum += value(run, option.id, year, line.id, "cost");
      }
      const double total = value(run, option.id, year, "total", "cost");
      CHECK(near(total, sum));
      // Every DCST year has a budget (stated, then grown).
      CHECK(near(value(run, option.id, year, "total", "variance"),
                 total - value(run, option.id, year, "total", "budget")));
      CHECK(near(value(compare, option.id, year, "total", "cost"), total));
      CHECK(near(value(compare, option.id, year, "total", "difference"),
                 total - value(run, first, year, "total", "cost")));
      cumulative += total;
      CHECK(near(value(compare, option.id, year, "total", "cumulative"), cumulative));
    }
  }
  // Cabinet report para 44: 64.43 against 58.17 in 2021/22, a 6.26 overspend.
  CHECK(near(value(compare, "transfer", "2021/22", "total", "variance"), 6.26));
}

TEST_CASE("Report::find returns the matching row's value, or nullptr")
{
  Report report;
  report.rows.push_back({"o", "2021/22", "total", "cost", 1.5});
  report.rows.push_back({"o", "2021/22", "total", "budget", 2.5});
  report.rows.push_back({"p", "2021/22", "total", "cost", 3.5});
  const double* found = report.find("o", "2021/22", "total", "budget");
  REQUIRE(found != nullptr);
  CHECK(found == &report.rows[1].value); // the row itself, not a copy
  CHECK(*report.find("p", "2021/22", "total", "cost") == doctest::Approx(3.5).epsilon(1e-15));
  CHECK(report.find("o", "2022/23", "total", "cost") == nullptr);
  CHECK(report.find("o", "2021/22", "a", "cost") == nullptr);
  CHECK(report.find("q", "2021/22", "total", "cost") == nullptr);
  CHECK(report.find("o", "2021/22", "total", "variance") == nullptr);
}
