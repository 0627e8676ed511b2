#include "carecast/backtest.hpp"

#include "test_model.hpp"

#include <doctest/doctest.h>
#include <string>

using namespace carecast;

namespace {

// A forecast of three years, 2020/21 (the base year, h = 0) to 2022/23 (h = 2), of
// option `o`: line `a` and the total, with a budget and its variance.
Report hand_forecast()
{
  Report report;
  report.scenario = "hand";
  report.title = "Hand case";
  report.unit = "£m";
  report.options = {{"o", "Option O"}};
  report.lines = {{"a", "Line A"}};
  report.years = {"2020/21", "2021/22", "2022/23"};
  const double totals[] = {100.0, 110.0, 121.0};
  const double a[] = {50.0, 60.0, 70.0};
  for (int y = 0; y < 3; ++y) {
    const std::string& year = report.years[y];
    report.rows.push_back({"o", year, "a", "cost", a[y]});
    report.rows.push_back({"o", year, "total", "cost", totals[y]});
  }
  report.rows.push_back({"o", "2021/22", "total", "budget", 115.0});
  report.rows.push_back({"o", "2021/22", "total", "variance", -5.0});
  return report;
}

BacktestResult backtest_of(const std::string& csv)
{
  const ActualsResult actuals = read_actuals_text(csv, "actuals.csv");
  for (const Diagnostic& diagnostic : actuals.diagnostics) {
    FAIL_CHECK(render(diagnostic, actuals.sources));
  }
  return backtest(hand_forecast(), "o", actuals.actuals, "actuals.csv");
}

// The diagnostics of matching `csv` to the hand forecast, as "LINE:COL: message".
std::vector<std::string> problems(const std::string& csv)
{
  std::vector<std::string> found;
  for (const Diagnostic& diagnostic : backtest_of(csv).diagnostics) {
    found.push_back(std::to_string(diagnostic.pos.line) + ":"
                    + std::to_string(diagnostic.pos.column) + ": " + diagnostic.message);
  }
  return found;
}

} // namespace

// By hand, for the total (error = forecast - actual, % error = 100 x error / actual):
//
//   year     h  forecast  actual  error  % error
//   2020/21  0     100       98      2    2.0408  (the base year: not in the MAPE)
//   2021/22  1     110      100     10   10
//   2022/23  2     121      125     -4   -3.2
//
//   MAPE h = 1: 10; h = 2: 3.2; all (h >= 1): (10 + 3.2) / 2 = 6.6.
//
// And line a in 2021/22 (h = 1): forecast 60, actual 50, error 10, % error 20, which
// is line a's MAPE at h = 1 and overall: lines are not averaged together.
TEST_CASE("a back-test measures errors per year and MAPE by horizon without the base year")
{
  const BacktestResult result = backtest_of("year,line,value\n"
                                            "2022/23,total,125\n"
                                            "2021/22,a,50\n"
                                            "2020/21,total,98\n"
                                            "2021/22,total,100\n");
  REQUIRE(result.diagnostics.empty());
  REQUIRE(result.backtest.has_value());
  const Backtest& backtest = *result.backtest;
  CHECK(backtest.base_year == "2020/21");
  CHECK(backtest.option.name == "Option O");
  REQUIRE(backtest.comparisons.size() == 4);

  // Sorted by horizon, then line in the report's order (a before total).
  const Comparison& base = backtest.comparisons[0];
  CHECK(base.year == "2020/21");
  CHECK(base.horizon == 0);
  CHECK(base.error == doctest::Approx(2.0));
  CHECK(base.pct_error == doctest::Approx(200.0 / 98.0));
  CHECK(backtest.comparisons[1].line == "a");
  CHECK(backtest.comparisons[1].pct_error == doctest::Approx(20.0));
  const Comparison& later = backtest.comparisons[3];
  CHECK(later.horizon == 2);
  CHECK(later.forecast == 121.0);
  CHECK(later.actual == 125.0);
  CHECK(later.error == doctest::Approx(-4.0));
  CHECK(later.pct_error == doctest::Approx(-3.2));
  CHECK(later.abs_pct_error == doctest::Approx(3.2));

  REQUIRE(backtest.mape.size() == 2);
  const MapeGroup& a = backtest.mape[0];
  CHECK(a.line == "a");
  REQUIRE(a.by_horizon.size() == 1);
  CHECK(a.overall->value == doctest::Approx(20.0));
  const MapeGroup& total = backtest.mape[1];
  CHECK(total.measure == "cost");
  REQUIRE(total.by_horizon.size() == 2);
  CHECK(total.by_horizon[0].horizon == 1);
  CHECK(total.by_horizon[0].mape.value == doctest::Approx(10.0));
  CHECK(total.by_horizon[1].horizon == 2);
  CHECK(total.by_horizon[1].mape.value == doctest::Approx(3.2));
  REQUIRE(total.overall.has_value());
  CHECK(total.overall->value == doctest::Approx(6.6));
  CHECK(total.overall->points == 2);
}

TEST_CASE("a perfect forecast has zero errors and a MAPE of 0")
{
  const BacktestResult result = backtest_of("year,line,value\n2021/22,total,110\n"
                                            "2022/23,total,121\n");
  REQUIRE(result.backtest.has_value());
  for (const Comparison& comparison : result.backtest->comparisons) {
    CHECK(comparison.error == 0.0);
  }
  CHECK(result.backtest->mape[0].overall->value == 0.0);
}

TEST_CASE("the % error of a negative actual keeps the sign of the error")
{
  // Variance forecast -5 against an actual of -4: error -1, the forecast too low by 25%.
  const BacktestResult result = backtest_of("year,line,measure,value\n2021/22,total,variance,-4\n");
  REQUIRE(result.backtest.has_value());
  const Comparison& comparison = result.backtest->comparisons[0];
  CHECK(comparison.measure == "variance");
  CHECK(comparison.error == doctest::Approx(-1.0));
  CHECK(comparison.pct_error == doctest::Approx(-25.0));
  CHECK(comparison.abs_pct_error == doctest::Approx(25.0));
}

TEST_CASE("only base-year actuals give a back-test without a MAPE")
{
  const BacktestResult result = backtest_of("year,line,value\n2020/21,total,100\n");
  REQUIRE(result.backtest.has_value());
  REQUIRE(result.backtest->mape.size() == 1);
  CHECK(result.backtest->mape[0].by_horizon.empty());
  CHECK_FALSE(result.backtest->mape[0].overall.has_value());
}

TEST_CASE("actuals the forecast has no figure for are reported at the cell that names them")
{
  const std::vector<std::string> found = problems("year,line,measure,value\n"
                                                  "2019/20,total,cost,90\n"
                                                  "2021/22,totl,cost,100\n"
                                                  "2021/22,a,budget,50\n"
                                                  "2022/23,total,budget,120\n"
                                                  "2022/23,total,cots,120\n");
  REQUIRE(found.size() == 5);
  CHECK(found[0] == "2:1: 2019/20 is outside the scenario's years (2020/21 to 2022/23)");
  CHECK(found[1]
        == "3:9: the scenario has no line 'totl' (it has a, total); did you mean 'total'?");
  CHECK(found[2] == "4:11: the forecast has no measure 'budget' for line 'a' (it has cost)");
  CHECK(found[3]
        == "5:15: the forecast has no budget of total in 2022/23 (the scenario gives no budget "
           "for that year)");
  CHECK(found[4]
        == "6:15: the forecast has no measure 'cots' for line 'total' (it has cost, budget, "
           "variance); did you mean 'cost'?");
}

TEST_CASE("the care ladder's measures of a real run are back-tested like cost")
{
  const Model model = test::dcst_model();
  const Outcome outcome = Evaluator(model).evaluate(model.values());
  const Report forecast = run_report(model, outcome, "dcst_2022", {2});
  const ActualsResult actuals = read_actuals_text(
    "year,line,measure,value\n2022/23,ifa,children_end,170\n2022/23,total,children_avg,580\n",
    "ladder.csv");
  REQUIRE(actuals.diagnostics.empty());
  const BacktestResult result = backtest(forecast, "transfer", actuals.actuals, "ladder.csv");
  REQUIRE(result.diagnostics.empty());
  REQUIRE(result.backtest->comparisons.size() == 2);
  const Comparison& ifa = result.backtest->comparisons[1]; // placement types after the total
  CHECK(ifa.line == "ifa");
  CHECK(ifa.forecast == *forecast.find("transfer", "2022/23", "ifa", "children_end"));
  CHECK(ifa.error == doctest::Approx(ifa.forecast - 170.0));
}
