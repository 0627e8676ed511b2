#include "carecast/backtest_writer.hpp"

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
    {"2020/21", 0, "total", measure, 100.0, 100.0, 0.0, 0.0, 0.0, "para 44", ""},
    {"2021/22", 1, "total", measure, 110.0, 100.0, 10.0, 10.0, 10.0, "",
     "a forecast, not an "
     "outturn"}};
  backtest.mape = {{"total", measure, {{1, {10.0, 1}}}, Mape{10.0, 1}}};
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
  const std::string cost = write_terminal(two_years());
  CHECK(cost.find("Year     Line   h  Forecast  Actual  Error  % error\n") != std::string::npos);
  CHECK(cost.find("2021/22  total  1    110.00  100.00  10.00    10.0%\n") != std::string::npos);
  CHECK(cost.find("total  all      1  10.0%\n") != std::string::npos);
  CHECK(cost.find("  note: a forecast, not an outturn\n") != std::string::npos);
  const std::string children = write_terminal(two_years("children_end"));
  CHECK(children.find("Measure") != std::string::npos);
  CHECK(children.find("2021/22 total children_end\n") != std::string::npos);
}

TEST_CASE("the back-test table says when there is no MAPE to show")
{
  Backtest backtest = two_years();
  backtest.comparisons.pop_back();
  backtest.mape = {{"total", "cost", {}, std::nullopt}};
  CHECK(write_terminal(backtest).find("No actuals after the base year, so no MAPE.")
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
