#include "carecast/backtest.hpp"

#include "test_ladder.hpp"
#include "test_model.hpp"

#include <algorithm>
#include <bit>
#include <cstdint>
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

// The same band [low, high] for every year of a line.
std::vector<Band> flat_bands(double low, double high, int years = 3)
{
  return std::vector<Band>(years, Band{low, high});
}

// Bands around the hand forecast: line a at [50, 55], the total at [95, 105] in 2021/22
// and [115, 124] in 2022/23.
ForecastBands hand_bands()
{
  return {2000,
          7,
          std::nullopt,
          {{"a", flat_bands(50.0, 55.0)}},
          {{100.0, 100.0}, {95.0, 105.0}, {115.0, 124.0}},
          {}};
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

TEST_CASE("an actual inside the forecast's band is inside, one outside it is not, and the ends "
          "count as inside")
{
  BacktestResult result = backtest_of("year,line,measure,value\n"
                                      "2021/22,total,cost,100\n"
                                      "2022/23,total,cost,125\n"
                                      "2021/22,a,cost,50\n"
                                      "2021/22,total,budget,115\n");
  REQUIRE(result.backtest.has_value());
  Backtest& backtest = *result.backtest;
  add_coverage(backtest, hand_bands());
  REQUIRE(backtest.comparisons.size() == 4);
  // By horizon, then line (a, total), then measure by name (budget, cost).
  const Comparison& a = backtest.comparisons[0];
  REQUIRE(a.band);
  CHECK(a.band->p10 == 50.0);
  CHECK(a.band->p90 == 55.0);
  CHECK(a.band->inside); // on the band's lower end
  CHECK(backtest.comparisons[1].measure == "budget");
  CHECK_FALSE(backtest.comparisons[1].band); // only cost has a band
  const Comparison& total = backtest.comparisons[2];
  REQUIRE(total.band);
  CHECK(total.band->p10 == 95.0);
  CHECK(total.band->inside);
  const Comparison& later = backtest.comparisons[3];
  REQUIRE(later.band);
  CHECK(later.band->p90 == 124.0);
  CHECK_FALSE(later.band->inside); // 125 is above the P90
  REQUIRE(backtest.sampling);
  CHECK(backtest.sampling->draws == 2000);
  CHECK(backtest.sampling->seed == 7);
}

TEST_CASE("coverage is the share of actuals after the base year inside their band")
{
  // Five years of a flat forecast of 100, each year's band [90, 110]. The actuals at
  // h = 1 to 4 are 100, 95, 110 and 130: 3 of 4 inside, 75%. The base year's actual is
  // outside its band but, as in the MAPE, not counted.
  Report forecast;
  forecast.scenario = "flat";
  forecast.options = {{"o", "Option O"}};
  forecast.lines = {{"a", "Line A"}};
  forecast.years = {"2020/21", "2021/22", "2022/23", "2023/24", "2024/25"};
  for (const std::string& year : forecast.years) {
    forecast.rows.push_back({"o", year, "a", "cost", 100.0});
    forecast.rows.push_back({"o", year, "total", "cost", 100.0});
  }
  const ActualsResult actuals = read_actuals_text("year,line,value\n2020/21,total,80\n"
                                                  "2021/22,total,100\n2022/23,total,95\n"
                                                  "2023/24,total,110\n2024/25,total,130\n",
                                                  "actuals.csv");
  REQUIRE(actuals.diagnostics.empty());
  BacktestResult result = backtest(forecast, "o", actuals.actuals, "actuals.csv");
  REQUIRE(result.backtest);
  add_coverage(
    *result.backtest,
    ForecastBands{
      500, 1, std::nullopt, {{"a", flat_bands(90.0, 110.0, 5)}}, flat_bands(90.0, 110.0, 5), {}});

  REQUIRE(result.backtest->coverage.size() == 1); // line a has no actuals
  const CoverageGroup& total = result.backtest->coverage[0];
  CHECK(total.line == "total");
  CHECK(total.measure == "cost");
  REQUIRE(total.by_horizon.size() == 4);
  CHECK(total.by_horizon[0].horizon == 1);
  CHECK(total.by_horizon[0].coverage.value == 100.0);
  CHECK(total.by_horizon[3].horizon == 4);
  CHECK(total.by_horizon[3].coverage.value == 0.0);
  CHECK(total.by_horizon[3].coverage.points == 1);
  REQUIRE(total.overall);
  CHECK(total.overall->inside == 3);
  CHECK(total.overall->points == 4);
  CHECK(total.overall->value == 75.0);
}

TEST_CASE("a back-test without bands has no band, no coverage and no sampling")
{
  const BacktestResult result = backtest_of("year,line,value\n2021/22,total,100\n");
  REQUIRE(result.backtest);
  CHECK_FALSE(result.backtest->comparisons[0].band);
  CHECK(result.backtest->coverage.empty());
  CHECK_FALSE(result.backtest->sampling);
}

namespace {

// Staffing grows with pay, whose rate the distribution `pay` (test::uniform and the like)
// makes uncertain: test::k_pay_scenario, 2021/22 to 2024/25.
Model pay_model(const std::string& pay)
{
  return test::model_from(test::k_pay_scenario
                          + test::uncertain("pay", "indices.pay.default", pay));
}

// The back-test of `model`'s run `id` against `actuals_csv`, with bands from `draws`
// draws on `threads` threads.
Backtest banded(const Model& model, const std::string& id, const std::string& actuals_csv,
                std::int64_t draws, int threads)
{
  const Outcome outcome = Evaluator(model).evaluate(model.values());
  const Report forecast = run_report(model, outcome, id, {0});
  const ActualsResult actuals = read_actuals_text(actuals_csv, "actuals.csv");
  REQUIRE(actuals.diagnostics.empty());
  BacktestResult result = backtest(forecast, "stay", actuals.actuals, "actuals.csv");
  REQUIRE(result.backtest);
  SimulationSettings settings;
  settings.draws = draws;
  settings.seed = 5;
  settings.threads = threads;
  const ForecastBandsResult bands = forecast_bands(model, 0, settings);
  REQUIRE(bands.bands);
  add_coverage(*result.backtest, *bands.bands);
  return std::move(*result.backtest);
}

// The back-test of `model` against two actuals of staffing and one of the total, with
// bands from `draws` draws on `threads` threads.
Backtest banded_backtest(const Model& model, std::int64_t draws, int threads)
{
  return banded(model, "pay",
                "year,line,value\n2022/23,staffing,10.3\n2024/25,staffing,11\n"
                "2024/25,total,15.5\n",
                draws, threads);
}

// The bands and the coverage as bit patterns, so that == means bit-identical.
std::vector<std::uint64_t> fingerprint(const Backtest& backtest)
{
  std::vector<std::uint64_t> all;
  for (const Comparison& c : backtest.comparisons) {
    all.push_back(std::bit_cast<std::uint64_t>(c.band->p10));
    all.push_back(std::bit_cast<std::uint64_t>(c.band->p90));
    all.push_back(c.band->inside);
  }
  for (const CoverageGroup& group : backtest.coverage) {
    all.push_back(std::bit_cast<std::uint64_t>(group.overall->value));
  }
  return all;
}

} // namespace

TEST_CASE("zero-variance inputs give a band of P10 = P90 = the deterministic forecast")
{
  const Model model = pay_model(test::uniform(0.02, 0.02));
  const Backtest backtest = banded_backtest(model, 300, 2);
  REQUIRE(backtest.comparisons.size() == 3);
  for (const Comparison& c : backtest.comparisons) {
    CAPTURE(c.line);
    CAPTURE(c.year);
    REQUIRE(c.band);
    CHECK(c.band->p10 == c.forecast);
    CHECK(c.band->p90 == c.forecast);
    CHECK_FALSE(c.band->inside); // no actual is exactly its forecast
  }
}

TEST_CASE("the bands and coverage of a back-test are the same on one thread as on two")
{
  const Model model = pay_model(test::triangular(0.0, 0.02, 0.06));
  const Backtest one = banded_backtest(model, 1000, 1);
  const Backtest two = banded_backtest(model, 1000, 2);
  CHECK(fingerprint(one) == fingerprint(two));
  // The band does spread: staffing in 2024/25 is uncertain.
  CHECK(one.comparisons[1].band->p10 < one.comparisons[1].band->p90);
}

namespace {

// hand_forecast() with a care ladder of one placement type, `home`, whose children are
// all the children: at the year's end 40, 44 and 48, on average 38, 42 and 46.
Report hand_ladder_forecast()
{
  Report report = hand_forecast();
  report.placements = {{"home", "Home"}};
  const double end[] = {40.0, 44.0, 48.0};
  const double average[] = {38.0, 42.0, 46.0};
  for (int y = 0; y < 3; ++y) {
    for (const char* line : {"home", "total"}) {
      report.rows.push_back({"o", report.years[y], line, "children_avg", average[y]});
      report.rows.push_back({"o", report.years[y], line, "children_end", end[y]});
    }
  }
  return report;
}

// hand_bands() with bands for the counts: at the year's end [40, 40], [42, 46] and
// [45, 52] for home and the total alike; on average [37, 39], [40, 43] and [44, 47].
ForecastBands hand_ladder_bands()
{
  ForecastBands bands = hand_bands();
  const std::vector<Band> end{{40.0, 40.0}, {42.0, 46.0}, {45.0, 52.0}};
  const std::vector<Band> average{{37.0, 39.0}, {40.0, 43.0}, {44.0, 47.0}};
  bands.counts = {{"home", "children_avg", average},
                  {"total", "children_avg", average},
                  {"home", "children_end", end},
                  {"total", "children_end", end}};
  return bands;
}

Backtest ladder_backtest_of(const std::string& csv)
{
  const ActualsResult actuals = read_actuals_text(csv, "actuals.csv");
  REQUIRE(actuals.diagnostics.empty());
  BacktestResult result = backtest(hand_ladder_forecast(), "o", actuals.actuals, "actuals.csv");
  REQUIRE(result.backtest);
  add_coverage(*result.backtest, hand_ladder_bands());
  return std::move(*result.backtest);
}

} // namespace

// By hand, against hand_ladder_bands():
//
//   year     h  line   measure       actual  band      inside
//   2020/21  0  total  children_end    41    [40, 40]  no   (base year: not counted)
//   2021/22  1  total  children_end    46    [42, 46]  yes  (on the upper end)
//   2022/23  2  total  children_end    53    [45, 52]  no
//   2022/23  2  home   children_end    50    [45, 52]  yes
//   2021/22  1  home   children_avg    39    [40, 43]  no
//   2022/23  2  total  cost           125    [115, 124] no
TEST_CASE("an actual number of children is inside its count band or not, as a cost is")
{
  const Backtest backtest = ladder_backtest_of("year,line,measure,value\n"
                                               "2020/21,total,children_end,41\n"
                                               "2021/22,total,children_end,46\n"
                                               "2022/23,total,children_end,53\n"
                                               "2022/23,home,children_end,50\n"
                                               "2021/22,home,children_avg,39\n"
                                               "2022/23,total,cost,125\n");
  const auto find = [&](const std::string& year, const std::string& line,
                        const std::string& measure) {
    const auto found = std::find_if(
      backtest.comparisons.begin(), backtest.comparisons.end(), [&](const Comparison& c) {
        return c.year == year && c.line == line && c.measure == measure;
      });
    REQUIRE(found != backtest.comparisons.end());
    REQUIRE(found->band);
    return *found->band;
  };
  CHECK_FALSE(find("2020/21", "total", "children_end").inside);
  const BandCheck on_end = find("2021/22", "total", "children_end");
  CHECK(on_end.p10 == 42.0);
  CHECK(on_end.p90 == 46.0);
  CHECK(on_end.inside);
  CHECK_FALSE(find("2022/23", "total", "children_end").inside);
  CHECK(find("2022/23", "home", "children_end").inside);
  const BandCheck average = find("2021/22", "home", "children_avg");
  CHECK(average.p10 == 40.0);
  CHECK_FALSE(average.inside);
  CHECK_FALSE(find("2022/23", "total", "cost").inside);
}

// Coverage by hand, per line and measure: total children_end has 1 of 2 inside after
// the base year (h = 1 yes, h = 2 no): 50%; home children_end 1 of 1: 100%; home
// children_avg 0 of 1: 0%; total cost 0 of 1: 0%. A placement type's cost has no band,
// so its group has no coverage.
TEST_CASE("the coverage of counts is kept apart from that of cost, per line and measure")
{
  const Backtest backtest = ladder_backtest_of("year,line,measure,value\n"
                                               "2020/21,total,children_end,41\n"
                                               "2021/22,total,children_end,46\n"
                                               "2022/23,total,children_end,53\n"
                                               "2022/23,home,children_end,50\n"
                                               "2021/22,home,children_avg,39\n"
                                               "2022/23,total,cost,125\n");
  // The MAPE's order: lines as the report has them (total, then the placement types),
  // then measures by name.
  REQUIRE(backtest.coverage.size() == 4);
  const CoverageGroup& children = backtest.coverage[0];
  CHECK(children.line == "total");
  CHECK(children.measure == "children_end");
  REQUIRE(children.by_horizon.size() == 2);
  CHECK(children.by_horizon[0].coverage.inside == 1);
  CHECK(children.by_horizon[1].coverage.inside == 0);
  REQUIRE(children.overall);
  CHECK(children.overall->inside == 1);
  CHECK(children.overall->points == 2);
  CHECK(children.overall->value == 50.0);
  const CoverageGroup& cost = backtest.coverage[1];
  CHECK(cost.line == "total");
  CHECK(cost.measure == "cost");
  CHECK(cost.overall->value == 0.0);
  CHECK(backtest.coverage[2].line == "home");
  CHECK(backtest.coverage[2].measure == "children_avg");
  CHECK(backtest.coverage[2].overall->value == 0.0);
  CHECK(backtest.coverage[3].measure == "children_end");
  CHECK(backtest.coverage[3].overall->value == 100.0);
}

TEST_CASE("a placement type's cost has no band")
{
  Report forecast = hand_ladder_forecast();
  forecast.rows.push_back({"o", "2021/22", "home", "cost", 5.0});
  const ActualsResult actuals =
    read_actuals_text("year,line,measure,value\n2021/22,home,cost,5\n", "actuals.csv");
  REQUIRE(actuals.diagnostics.empty());
  BacktestResult result = backtest(forecast, "o", actuals.actuals, "actuals.csv");
  REQUIRE(result.backtest);
  add_coverage(*result.backtest, hand_ladder_bands());
  CHECK_FALSE(result.backtest->comparisons[0].band);
  CHECK(result.backtest->coverage.empty());
}

namespace {

// test::k_ladder_scenario with its entries uncertain, back-tested against counts of
// children with bands from `draws` draws on `threads` threads.
Backtest ladder_banded_backtest(std::int64_t draws, int threads, const std::string& entries)
{
  const Model model = test::model_from(
    test::k_ladder_scenario + test::uncertain("entries", "ladder.entries.per_year", entries));
  return banded(model, "ladder",
                "year,line,measure,value\n2022/23,total,children_end,20\n"
                "2023/24,away,children_end,8\n2023/24,total,children_avg,21\n",
                draws, threads);
}

} // namespace

TEST_CASE("zero-variance inputs give count bands of P10 = P90 = the run's number of children")
{
  const Backtest backtest = ladder_banded_backtest(300, 2, test::uniform(12.0, 12.0));
  REQUIRE(backtest.comparisons.size() == 3);
  for (const Comparison& c : backtest.comparisons) {
    CAPTURE(c.line);
    CAPTURE(c.measure);
    REQUIRE(c.band);
    CHECK(c.band->p10 == c.forecast);
    CHECK(c.band->p90 == c.forecast);
  }
}

TEST_CASE("the count bands and coverage of a back-test are the same on one thread as on two")
{
  const Backtest one = ladder_banded_backtest(1000, 1, test::uniform(6.0, 18.0));
  const Backtest two = ladder_banded_backtest(1000, 2, test::uniform(6.0, 18.0));
  CHECK(fingerprint(one) == fingerprint(two));
  CHECK(one.comparisons[0].band->p10 < one.comparisons[0].band->p90);
}
