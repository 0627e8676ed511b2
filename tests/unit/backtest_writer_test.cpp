#include "carecast/backtest_writer.hpp"
#include "carecast/text_table.hpp"

#include <algorithm>
#include <doctest/doctest.h>
#include <string>

using namespace carecast;

namespace {

// Two years of the total's cost: the base year, then one year out 10% too high.
Backtest two_years(std::string measure = "cost")
{
  Backtest backtest;
  backtest.scenario = "hand";
  backtest.title = "Hand case";
  backtest.unit = "£m";
  backtest.option = {"o", "Option O"};
  backtest.base_year = "2020/21";
  backtest.actuals = "actuals.csv";
  backtest.comparisons = {
    {"2020/21", 0, "total", measure, 100.0, 100.0, 0.0, 0.0, 0.0, "para 44", "", std::nullopt},
    {"2021/22", 1, "total", measure, 110.0, 100.0, 10.0, 10.0, 10.0, "",
     "a forecast, not an outturn", std::nullopt}};
  backtest.mape = {{"total", measure, {{1, {10.0, 1}}}, Mape{10.0, 1}}};
  return backtest;
}

// The same with bands from 500 draws of seed 7: the base year's [100, 100] holds its
// actual, 2021/22's [104, 120] misses the actual of 100.
Backtest two_years_with_bands()
{
  Backtest backtest = two_years();
  backtest.comparisons[0].band = BandCheck{100.0, 100.0, true};
  backtest.comparisons[1].band = BandCheck{104.0, 120.0, false};
  backtest.sampling = BandSampling{500, 7, std::nullopt};
  backtest.coverage = {{"total", "cost", {{1, {0.0, 0, 1}}}, Coverage{0.0, 0, 1}}};
  return backtest;
}

} // namespace

TEST_CASE("the back-test CSV has five measures per comparison, then the MAPE rows")
{
  const std::string csv = write_csv(two_years());
  CHECK(csv.starts_with("scenario,option,year,line,measure,value,horizon,figure,source,note\n"
                        "hand,o,2020/21,total,forecast,100,0,cost,para 44,\n"));
  CHECK(csv.find("hand,o,2021/22,total,pct_error,10,1,cost,,\"a forecast, not an outturn\"\n")
        != std::string::npos);
  CHECK(csv.ends_with("hand,o,all,total,mape,10,1,cost,,\n"
                      "hand,o,all,total,points,1,1,cost,,\n"
                      "hand,o,all,total,mape,10,all,cost,,\n"
                      "hand,o,all,total,points,1,all,cost,,\n"));
  // A header, 2 x 5 comparison rows and 2 x 2 MAPE rows.
  CHECK(std::count(csv.begin(), csv.end(), '\n') == 15);
}

TEST_CASE("the back-test table shows a measure column only when not everything is cost")
{
  const std::string cost = write_terminal(two_years(), carecast::k_default_width);
  CHECK(cost.find("Year     Line   h  Forecast  Actual  Error  % error\n") != std::string::npos);
  CHECK(cost.find("2021/22  total  1    110.00  100.00  10.00    10.0%\n") != std::string::npos);
  CHECK(cost.find("total  all      1  10.0%\n") != std::string::npos);
  CHECK(cost.find("  note: a forecast, not an outturn\n") != std::string::npos);
  const std::string children = write_terminal(two_years("children_end"), carecast::k_default_width);
  CHECK(children.find("Measure") != std::string::npos);
  CHECK(children.find("2021/22 total children_end\n") != std::string::npos);
}

TEST_CASE("the back-test table says when there is no MAPE to show")
{
  Backtest backtest = two_years();
  backtest.comparisons.pop_back();
  backtest.mape = {{"total", "cost", {}, std::nullopt}};
  CHECK(write_terminal(backtest, carecast::k_default_width).find("No actuals after the base year, so no MAPE.")
        != std::string::npos);
}

TEST_CASE("the back-test JSON nests the MAPE by horizon under each line and measure")
{
  const std::string json = write_json(two_years());
  CHECK(json.find("\"option\": {\"id\": \"o\", \"name\": \"Option O\"}") != std::string::npos);
  CHECK(json.find("{\"year\": \"2021/22\", \"horizon\": 1, \"line\": \"total\", \"measure\": "
                  "\"cost\", \"forecast\": 110, \"actual\": 100, \"error\": 10, \"pct_error\": "
                  "10, \"abs_pct_error\": 10, \"source\": \"\", \"note\": \"a forecast, not an "
                  "outturn\"}")
        != std::string::npos);
  CHECK(json.find("{\"line\": \"total\", \"measure\": \"cost\", \"by_horizon\": [{\"horizon\": 1, "
                  "\"mape\": 10, \"points\": 1}], \"overall\": {\"mape\": 10, \"points\": 1}}")
        != std::string::npos);
}

TEST_CASE("the back-test table shows each band, whether the actual is inside and the coverage")
{
  const std::string table = write_terminal(two_years_with_bands(), carecast::k_default_width);
  // The comparisons' table is as without bands; the bands have a table of their own.
  CHECK(table.find("Year     Line   h  Forecast  Actual  Error  % error\n") != std::string::npos);
  CHECK(table.find("P10-P90: the forecast's 80% band from 500 Monte Carlo draws, seed 7.\n"
                   "In: whether the actual fell inside it.\n"
                   "Year     Line   h  Forecast     P10     P90  Actual  In\n")
        != std::string::npos);
  CHECK(table.find("2020/21  total  0    100.00  100.00  100.00  100.00  yes\n")
        != std::string::npos);
  CHECK(table.find("2021/22  total  1    110.00  104.00  120.00  100.00  no\n")
        != std::string::npos);
  CHECK(table.find("Line     h  Inside  Years  Coverage\n") != std::string::npos);
  CHECK(table.find("total  all       0      1      0.0%\n") != std::string::npos);
}

TEST_CASE("the back-test table says when no actual has a band or none after the base year")
{
  Backtest backtest = two_years_with_bands();
  backtest.comparisons.pop_back();
  backtest.coverage = {{"total", "cost", {}, std::nullopt}};
  CHECK(write_terminal(backtest, carecast::k_default_width).find("No actual after the base year has a band, so no coverage.")
        != std::string::npos);
  backtest.comparisons[0].band.reset();
  CHECK(write_terminal(backtest, carecast::k_default_width).find("No actual is the cost of a line or of the total")
        != std::string::npos);
}

TEST_CASE("the back-test table wraps a correlation repair's note within 80 columns")
{
  Backtest backtest = two_years_with_bands();
  backtest.sampling->repair_distance = 0.979795897113;
  const std::string table = write_terminal(backtest, carecast::k_default_width);
  CHECK(
    table.find("The correlation matrix was not valid; the nearest valid one was used (Frobenius\n"
               "distance 0.9798).\n")
    != std::string::npos);
}

TEST_CASE("without bands the back-test's outputs name no seed, band or coverage")
{
  const Backtest backtest = two_years();
  for (const std::string& text :
       {write_terminal(backtest, carecast::k_default_width), write_csv(backtest), write_json(backtest)}) {
    CHECK(text.find("seed") == std::string::npos);
    CHECK(text.find("P90") == std::string::npos);
    CHECK(text.find("p90") == std::string::npos);
    CHECK(text.find("overage") == std::string::npos);
  }
}

TEST_CASE("the back-test CSV with bands starts with the draws and seed and adds band rows")
{
  const std::string csv = write_csv(two_years_with_bands());
  CHECK(csv.starts_with("scenario,option,year,line,measure,value,horizon,figure,source,note\n"
                        "hand,o,all,,draws,500,,,,\n"
                        "hand,o,all,,seed,7,,,,\n"
                        "hand,o,2020/21,total,forecast,100,0,cost,para 44,\n"));
  CHECK(csv.find("hand,o,2021/22,total,p10,104,1,cost,,\"a forecast, not an outturn\"\n"
                 "hand,o,2021/22,total,p90,120,1,cost,,\"a forecast, not an outturn\"\n"
                 "hand,o,2021/22,total,inside,0,1,cost,,\"a forecast, not an outturn\"\n")
        != std::string::npos);
  CHECK(csv.ends_with("hand,o,all,total,coverage,0,1,cost,,\n"
                      "hand,o,all,total,inside,0,1,cost,,\n"
                      "hand,o,all,total,coverage,0,all,cost,,\n"
                      "hand,o,all,total,inside,0,all,cost,,\n"));
}

TEST_CASE("the back-test JSON with bands has the seed, each comparison's band and the coverage")
{
  const std::string json = write_json(two_years_with_bands());
  CHECK(json.find("  \"seed\": 7,\n  \"draws\": 500,\n  \"correlation_repair_distance\": "
                  "null,\n")
        != std::string::npos);
  CHECK(json.find("\"note\": \"a forecast, not an outturn\", \"p10\": 104, \"p90\": 120, "
                  "\"inside\": false}")
        != std::string::npos);
  CHECK(json.find("\"coverage\": [\n    {\"line\": \"total\", \"measure\": \"cost\", "
                  "\"by_horizon\": [{\"horizon\": 1, \"coverage\": 0, \"inside\": 0, "
                  "\"points\": 1}], \"overall\": {\"coverage\": 0, \"inside\": 0, "
                  "\"points\": 1}}\n  ]\n}\n")
        != std::string::npos);
}

namespace {

// two_years_with_bands() with the number of children at the end of 2021/22 as well: a
// forecast of 540 against 532, inside its band [520, 560].
Backtest with_children_band()
{
  Backtest backtest = two_years_with_bands();
  backtest.comparisons.push_back({"2021/22", 1, "total", "children_end", 540.0, 532.0, 8.0,
                                  800.0 / 532.0, 800.0 / 532.0, "DfE", "", std::nullopt});
  backtest.comparisons.back().band = BandCheck{520.0, 560.0, true};
  backtest.mape.push_back(
    {"total", "children_end", {{1, {800.0 / 532.0, 1}}}, Mape{800.0 / 532.0, 1}});
  backtest.coverage.push_back(
    {"total", "children_end", {{1, {100.0, 1, 1}}}, Coverage{100.0, 1, 1}});
  return backtest;
}

} // namespace

TEST_CASE("the back-test table shows the measure of each band and coverage when a count has one")
{
  const std::string table = write_terminal(with_children_band(), carecast::k_default_width);
  CHECK(table.find("Year     Line   Measure       h  Forecast     P10     P90  Actual  In\n")
        != std::string::npos);
  CHECK(table.find("2021/22  total  cost          1    110.00  104.00  120.00  100.00  no\n")
        != std::string::npos);
  CHECK(table.find("2021/22  total  children_end  1    540.00  520.00  560.00  532.00  yes\n")
        != std::string::npos);
  CHECK(table.find("Line   Measure         h  Inside  Years  Coverage\n") != std::string::npos);
  CHECK(table.find("total  cost          all       0      1      0.0%\n") != std::string::npos);
  CHECK(table.find("total  children_end  all       1      1    100.0%\n") != std::string::npos);
}

TEST_CASE("the back-test CSV and JSON give a count's band as they give a cost's")
{
  const Backtest backtest = with_children_band();
  const std::string csv = write_csv(backtest);
  CHECK(csv.find("hand,o,2021/22,total,p10,520,1,children_end,DfE,\n"
                 "hand,o,2021/22,total,p90,560,1,children_end,DfE,\n"
                 "hand,o,2021/22,total,inside,1,1,children_end,DfE,\n")
        != std::string::npos);
  CHECK(csv.find("hand,o,all,total,coverage,100,all,children_end,,\n") != std::string::npos);
  const std::string json = write_json(backtest);
  CHECK(json.find("\"measure\": \"children_end\", \"forecast\": 540") != std::string::npos);
  CHECK(json.find("\"p10\": 520, \"p90\": 560, \"inside\": true}") != std::string::npos);
  CHECK(json.find("{\"line\": \"total\", \"measure\": \"children_end\", \"by_horizon\": "
                  "[{\"horizon\": 1, \"coverage\": 100, \"inside\": 1, \"points\": 1}]")
        != std::string::npos);
}
