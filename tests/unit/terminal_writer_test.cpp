#include "carecast/savings.hpp"
#include "carecast/text_table.hpp"
#include "carecast/writers.hpp"

#include "test_model.hpp"
#include "text_lines.hpp"

#include <doctest/doctest.h>
#include <sstream>
#include <string>
#include <vector>

using carecast::Report;
using carecast::ReportKind;
using carecast::write_terminal;
using carecast::test::lines_of;

namespace {

bool contains(const std::string& text, const std::string& part)
{
  return text.find(part) != std::string::npos;
}

// The text from a section's title to the next blank line.
std::string section(const std::string& text, const std::string& title)
{
  const std::size_t start = text.find("\n" + title + "\n");
  REQUIRE_MESSAGE(start != std::string::npos, title);
  const std::size_t end = text.find("\n\n", start + 1);
  return text.substr(start + 1, end == std::string::npos ? std::string::npos : end - start);
}

// Two options over two years, a budget in the first year only. Values chosen to
// show rounding: 10.004 -> 10.00, 11.236 -> 11.24, -0.008 -> -0.01, and variances
// of +-0.004 that must show as 0.00, never -0.00.
Report small_compare()
{
  Report report;
  report.kind = ReportKind::compare;
  report.scenario = "small";
  report.title = "Small comparison";
  report.unit = "£m";
  report.options = {{"a", "Option A"}, {"b", "Option B"}};
  report.lines = {{"x", "Line X"}};
  report.years = {"2021/22", "2022/23"};
  const auto add = [&](std::string option, std::string year, std::string measure, double value) {
    report.rows.push_back({std::move(option), std::move(year), "total", std::move(measure), value});
  };
  add("a", "2021/22", "cost", 10.004);
  add("a", "2021/22", "difference", 0.0);
  add("a", "2021/22", "cumulative", 10.004);
  add("a", "2021/22", "budget", 10.0);
  add("a", "2021/22", "variance", 0.004);
  add("a", "2022/23", "cost", 11.236);
  add("a", "2022/23", "difference", 0.0);
  add("a", "2022/23", "cumulative", 21.24);
  add("b", "2021/22", "cost", 9.996);
  add("b", "2021/22", "difference", -0.008);
  add("b", "2021/22", "cumulative", 9.996);
  add("b", "2021/22", "budget", 10.0);
  add("b", "2021/22", "variance", -0.004);
  add("b", "2022/23", "cost", 1234.5);
  add("b", "2022/23", "difference", 1223.264);
  add("b", "2022/23", "cumulative", 1244.496);
  return report;
}

} // namespace

TEST_CASE("the compare table shows its heading and every section")
{
  const std::string text = write_terminal(small_compare(), carecast::k_default_width);
  CHECK(text.rfind("Small comparison\nAmounts in £m; financial years run April to March.\n", 0)
        == 0);
  CHECK(contains(text, "\nCost\n"));
  CHECK(contains(text, "\nDifference from a (negative = cheaper)\n"));
  CHECK(contains(text, "\nCumulative cost\n"));
  CHECK(contains(text, "\nVariance against budget (positive = overspend)\n"));
  // The option legend.
  CHECK(contains(text, "Option  Name\n"));
  CHECK(contains(text, "a       Option A\n"));
  CHECK(contains(text, "b       Option B\n"));
}

TEST_CASE("terminal amounts are rounded to 2 decimals, and never show -0.00")
{
  const std::string text = write_terminal(small_compare(), carecast::k_default_width);
  const std::string cost = section(text, "Cost");
  // Year, Budget, a, b; the budget cell of 2022/23 is blank.
  CHECK(contains(cost, "2021/22   10.00  10.00    10.00\n")); // 10.004 and 9.996
  CHECK(contains(cost, "2022/23          11.24  1234.50\n")); // no thousands separator
  CHECK(contains(cost, "Total            21.24  1244.50\n")); // 10.004 + 11.236 = 21.24
  const std::string difference = section(text, "Difference from a (negative = cheaper)");
  // Only option b has a column: the first option is what the others differ from.
  CHECK(contains(difference, "Year           b\n"));
  CHECK(contains(difference, "2021/22    -0.01\n"));
  const std::string variance = section(text, "Variance against budget (positive = overspend)");
  // Only the year with a budget; +0.004 and -0.004 both round to 0.00.
  CHECK(contains(variance, "2021/22  0.00  0.00\n"));
  CHECK_FALSE(contains(variance, "2022/23"));
  CHECK_FALSE(contains(text, "-0.00"));
}

TEST_CASE("the run table lists each option's lines, total, budget and variance")
{
  Report report;
  report.kind = ReportKind::run;
  report.title = "Small run";
  report.unit = "£m";
  report.options = {{"a", "Option A"}};
  report.lines = {{"x", "Line X"}, {"y", "Line Y"}};
  report.years = {"2021/22", "2022/23"};
  const auto add = [&](std::string year, std::string line, std::string measure, double value) {
    report.rows.push_back({"a", std::move(year), std::move(line), std::move(measure), value});
  };
  add("2021/22", "x", "cost", 1.234);
  add("2021/22", "y", "cost", -0.001);
  add("2021/22", "total", "cost", 1.233);
  add("2021/22", "total", "budget", 1.0);
  add("2021/22", "total", "variance", 0.233);
  add("2022/23", "x", "cost", 2.236);
  add("2022/23", "y", "cost", -1.5);
  add("2022/23", "total", "cost", 0.736);
  const std::string text = write_terminal(report, carecast::k_default_width);
  CHECK(text.rfind("Small run\nAmounts in £m; financial years run April to March.\n", 0) == 0);
  CHECK(contains(text, "\nOption A [a]\n"));
  CHECK(contains(text, "Line      2021/22  2022/23\n"));
  CHECK(contains(text, "x            1.23     2.24\n"));
  CHECK(contains(text, "y            0.00    -1.50\n")); // -0.001 shows as 0.00
  CHECK(contains(text, "Total        1.23     0.74\n"));
  CHECK(contains(text, "Budget       1.00\n")); // blank where there is no budget
  CHECK(contains(text, "Variance     0.23\n"));
  CHECK_FALSE(contains(text, "-0.00"));
}

TEST_CASE("the run table leaves out budget and variance when no year has a budget")
{
  Report report;
  report.kind = ReportKind::run;
  report.title = "No budget";
  report.unit = "£m";
  report.options = {{"a", "Option A"}};
  report.lines = {{"x", "Line X"}};
  report.years = {"2021/22"};
  report.rows.push_back({"a", "2021/22", "x", "cost", 2.0});
  report.rows.push_back({"a", "2021/22", "total", "cost", 2.0});
  const std::string text = write_terminal(report, carecast::k_default_width);
  CHECK(contains(text, "Total     2.00\n"));
  CHECK_FALSE(contains(text, "Budget"));
  CHECK_FALSE(contains(text, "Variance"));
}

TEST_CASE("the DCST compare and run tables fit in 80 columns and show the cabinet figures")
{
  const carecast::Model model = carecast::test::dcst_model();
  const carecast::Outcome outcome = carecast::Evaluator(model).evaluate(model.values());
  const std::string compare = write_terminal(carecast::compare_report(model, outcome, "dcst_2022"), carecast::k_default_width);
  const std::string run = write_terminal(carecast::run_report(model, outcome, "dcst_2022", {}), carecast::k_default_width);
  for (const std::string* text : {&compare, &run}) {
    for (const std::string& line : lines_of(*text)) {
      CAPTURE(line);
      CHECK(carecast::display_width(line) <= 80);
    }
    CHECK_FALSE(contains(*text, "-0.00"));
  }
  CHECK(contains(compare, "\nCost\n"));
  CHECK(contains(compare, "\nDifference from do_nothing (negative = cheaper)\n"));
  CHECK(contains(compare, "\nCumulative cost\n"));
  CHECK(contains(compare, "\nVariance against budget (positive = overspend)\n"));
  // Para 44: 2021/22 budget 58.17, cost 64.43 for every option; 2022/23 budget 65.15.
  CHECK(contains(section(compare, "Cost"),
                 "2021/22   58.17       64.43                64.43     64.43\n"));
  CHECK(contains(section(compare, "Cost"), "2022/23   65.15"));
  CHECK(contains(section(compare, "Variance against budget (positive = overspend)"),
                 "2021/22        6.26                 6.26      6.26\n"));
  for (const carecast::ModelOption& option : model.options()) {
    CHECK(contains(run, "\n" + option.name + " [" + option.id + "]\n"));
  }
}

TEST_CASE("a diff shows the parameters to six figures in their unit, blank where a side has none, "
          "and the cost changes")
{
  carecast::ScenarioDiff diff;
  diff.parameters = {{"lines.x.base", "£m/yr", 1.23456, 2.0},
                     {"lines.y.base", "£m/yr", std::nullopt, 0.25}};
  diff.cost.kind = ReportKind::diff;
  diff.cost.title = "From a (A) to b (B)";
  diff.cost.unit = "£m";
  diff.cost.options = {{"o", "Option O"}};
  diff.cost.years = {"2021/22", "2022/23"};
  diff.cost.rows.push_back({"o", "2021/22", "total", "cost_change", 0.004});
  diff.cost.rows.push_back({"o", "2022/23", "total", "cost_change", -1.236});
  const std::string text = write_terminal(diff, carecast::k_default_width);
  CHECK(text.rfind("From a (A) to b (B)\nAmounts in £m;", 0) == 0);
  CHECK(section(text, "Parameters that differ (blank: not in that scenario)")
        == "Parameters that differ (blank: not in that scenario)\n"
           "Key                   A       B  Unit\n"
           "--------------------------------------\n"
           "lines.x.base  £1.23456m     £2m  £m/yr\n"
           "lines.y.base             £0.25m  £m/yr\n");
  const std::string costs = section(text, "Cost change, B - A (positive = B costs more)");
  CHECK(contains(costs, "2021/22   0.00\n"));
  CHECK(contains(costs, "2022/23  -1.24\n"));
  CHECK(contains(costs, "Total    -1.23\n"));
  // The cost report alone renders the same cost section under its heading.
  CHECK(contains(write_terminal(diff.cost, carecast::k_default_width), costs));
}

TEST_CASE("a diff without parameter changes or common options says so")
{
  carecast::ScenarioDiff diff;
  diff.cost.kind = ReportKind::diff;
  const std::string text = write_terminal(diff, carecast::k_default_width);
  CHECK(contains(text, "\nParameters that differ\nNone.\n"));
  CHECK(contains(text, "The scenarios share no option, or no year.\n"));
}

TEST_CASE("the DCST diff of base and high demand fits in 80 columns")
{
  const carecast::Model a = carecast::test::dcst_model();
  carecast::LoadResult loaded = carecast::read_scenario(carecast::test::dcst_path().parent_path()
                                                        / "dcst_2022_high_demand.toml");
  REQUIRE(loaded.scenario.has_value());
  const carecast::Model b(*loaded.scenario);
  const carecast::Outcome a_outcome = carecast::Evaluator(a).evaluate(a.values());
  const carecast::Outcome b_outcome = carecast::Evaluator(b).evaluate(b.values());
  const std::string text = write_terminal(
    carecast::diff_report({a, a_outcome, "dcst_2022"}, {b, b_outcome, "dcst_2022_high_demand"}),
    carecast::k_default_width);
  for (const std::string& line : lines_of(text)) {
    CAPTURE(line);
    CHECK(carecast::display_width(line) <= 80);
  }
  // A rate as a percentage to six figures: 0.03 and 0.047 (the two scenarios' files).
  CHECK(contains(text, "options.contract_management.overlays.demand_grip.rate    3%  4.7%  "
                       "rate/yr\n"));
}

TEST_CASE("compare shows the budget's savings target once, each option's delivery and the year met")
{
  const carecast::Model model = carecast::test::dcst_model();
  const carecast::Outcome outcome = carecast::Evaluator(model).evaluate(model.values());
  Report report = carecast::compare_report(model, outcome, "dcst_2022");
  carecast::add_savings_rows(report, model, model.values());
  const std::string text = write_terminal(report, carecast::k_default_width);
  // Para 45's 0.8m as saving steps of 0.27, 0.27 and 0.26: running sums from 2023/24.
  CHECK(text.find("Savings against target: the budget's saving steps\n") != std::string::npos);
  CHECK(text.find("Target                  0.27     0.54     0.80     0.80\n")
        != std::string::npos);
  CHECK(text.find("transfer             met from 2023/24") != std::string::npos);
  CHECK(text.find("do_nothing           not met within horizon                    2.41")
        != std::string::npos);
  for (const std::string& line : lines_of(text)) {
    CHECK(carecast::display_width(line) <= 80);
  }
}
