#include "carecast/actuals.hpp"

#include <doctest/doctest.h>
#include <string>
#include <vector>

using namespace carecast;

namespace {

// Each diagnostic as "LINE:COL: message".
std::vector<std::string> problems(const std::string& csv)
{
  std::vector<std::string> found;
  for (const Diagnostic& diagnostic : read_actuals_text(csv, "actuals.csv").diagnostics) {
    found.push_back(std::to_string(diagnostic.pos.line) + ":"
                    + std::to_string(diagnostic.pos.column) + ": " + diagnostic.message);
  }
  return found;
}

} // namespace

TEST_CASE("an actual without a measure is a cost; source and note are carried along")
{
  const ActualsResult result = read_actuals_text("line,year,value,note,source\n"
                                                 "total, 2021/22 ,64.43,a forecast,para 44\n",
                                                 "actuals.csv");
  REQUIRE(result.diagnostics.empty());
  REQUIRE(result.actuals.size() == 1);
  const Actual& actual = result.actuals[0];
  CHECK(actual.year == FinancialYear{2021});
  CHECK(actual.line == "total");
  CHECK(actual.measure == "cost");
  CHECK(actual.value == 64.43);
  CHECK(actual.source == "para 44");
  CHECK(actual.note == "a forecast");
  CHECK(actual.year_pos.column == 7);
  CHECK(actual.measure_pos == actual.line_pos); // no measure cell to point at
}

TEST_CASE("an empty measure cell is a cost too")
{
  const ActualsResult result = read_actuals_text(
    "year,line,measure,value\n2021/22,ifa,,157\n2021/22,ifa,children_end,157\n", "actuals.csv");
  REQUIRE(result.diagnostics.empty());
  REQUIRE(result.actuals.size() == 2);
  CHECK(result.actuals[0].measure == "cost");
  CHECK(result.actuals[1].measure == "children_end");
  CHECK(result.actuals[1].measure_pos.column == 13);
}

TEST_CASE("every problem in an actuals file is reported at its cell, all at once")
{
  const std::vector<std::string> found = problems("year,line,value,sorce\n"
                                                  "2018-19,total,50.9,x\n"
                                                  "2018/19,total,£50.9m,x\n"
                                                  "2019/20,total,0,x\n"
                                                  "2020/21,,51,x\n"
                                                  "2021/22,total,64.43,x\n"
                                                  "2021/22,total,64.5,x\n");
  REQUIRE(found.size() == 6);
  CHECK(found[0]
        == "1:17: unknown column 'sorce' (an actuals file has the columns year, line, value, "
           "measure, source and note); did you mean 'source'?");
  CHECK(found[1]
        == "2:1: '2018-19' is not a financial year; write it like 2018/19 (April 2018 to March "
           "2019)");
  CHECK(found[2].starts_with("3:15: value '£50.9m' is not a number"));
  CHECK(found[3].starts_with("4:15: an actual of 0 leaves the percent error undefined"));
  CHECK(found[4] == "5:9: the line is empty; give a cost line id of the scenario, or total");
  CHECK(found[5] == "7:1: duplicate row: 2021/22 total cost is already given on line 6");
}

TEST_CASE("an actuals file needs year, line and value columns, and rows")
{
  const std::vector<std::string> missing = problems("year,line,line\n2021/22,total,total\n");
  REQUIRE(missing.size() == 2);
  CHECK(missing[0] == "1:11: column 'line' appears twice");
  CHECK(missing[1]
        == "1:1: the header has no 'value' column; an actuals file needs the columns year, line "
           "and value");
  CHECK(problems("year,line,value\n")
        == std::vector<std::string>{"1:1: the file has a header but no rows of actuals"});
}

TEST_CASE("an actuals file that cannot be read is a diagnostic")
{
  const ActualsResult result = read_actuals_file("no/such/actuals.csv");
  REQUIRE(result.diagnostics.size() == 1);
  CHECK(result.actuals.empty());
  CHECK(result.diagnostics[0].message == "cannot read CSV file 'no/such/actuals.csv'");
}

TEST_CASE("an actual too small to divide by is refused at its cell, so no percent error is infinite")
{
  const std::vector<std::string> found = problems("year,line,value\n"
                                                  "2019/20,total,1e-310\n"
                                                  "2020/21,total,-1e-307\n"
                                                  "2021/22,total,1e308\n"
                                                  "2022/23,total,1e-300\n");
  REQUIRE(found.size() == 3);
  CHECK(found[0]
        == "2:15: an actual of 1e-310 is too small for its percent error (100 x error / actual) "
           "to be a number");
  CHECK(found[1].starts_with("3:15: an actual of -1e-307 is too small"));
  CHECK(found[2].starts_with("4:15: an actual of 1e308 is too large"));
}

TEST_CASE("an actuals file saved by Excel as Windows-1252 is read with a warning")
{
  const ActualsResult result =
    read_actuals_text("\"year\",\"line\",\"value\",\"note\"\r2021/22,total,64.43,\"\xA3""64.43m\"\r",
                      "excel.csv");
  REQUIRE(result.diagnostics.empty());
  REQUIRE(result.actuals.size() == 1);
  CHECK(result.actuals[0].note == "£64.43m");
  REQUIRE(result.warnings.size() == 1);
  CHECK(result.warnings[0].pos.line == 2);
  CHECK(result.warnings[0].pos.column == 22);
}
