// Sobol' indices as CSV, JSON and a table for people, from a report written by hand:
// two years and the horizon, two inputs and one that affects nothing.

#include "carecast/sobol_writer.hpp"
#include "carecast/text_table.hpp"

#include "text_lines.hpp"

#include <doctest/doctest.h>

#include <sstream>
#include <string>
#include <vector>

using namespace carecast;
using carecast::test::lines_of;

namespace {

SobolIndex index_of(double first, double total)
{
  return {{first, first - 0.01, first + 0.01}, {total, total - 0.02, total + 0.02}};
}

SobolReport report(SobolDesign design = SobolDesign::random)
{
  SobolResult result;
  // 2021/22 does not vary; 2022/23 is ranked b before a; the horizon's intervals are too
  // wide to rank.
  result.indices = {{SobolIndex{}, SobolIndex{}, SobolIndex{}},
                    {index_of(0.3, 0.31), index_of(0.6, 0.62), SobolIndex{}},
                    {index_of(0.5, 0.5), {{0.4, 0.1, 0.7}, {0.45, 0.2, 0.6}}, SobolIndex{}}};
  result.variance = {0.0, 2.25, 9.0};
  result.constant = {true, false, false};
  result.too_wide = {false, false, true};
  const bool sobol = design == SobolDesign::sobol;
  SobolAnalysis analysis{1, 256,  design,  sobol ? 16 : 0, sobol ? 0 : 50,
                         7, 0.95, 256 * 5, true,           result};
  return {"test",
          "Sobol test",
          "£m",
          {"more", "More"},
          {{"a", "lines.a.base"}, {"b", "lines.b.base"}, {"c", "options.more.overlays.c.amount"}},
          {"2021/22", "2022/23", "all"},
          analysis};
}

} // namespace

TEST_CASE("the CSV has one row per output and input, each naming the seed, samples and design")
{
  const std::vector<std::string> lines = lines_of(write_csv(report()));
  REQUIRE(lines.size() == 1 + 3 * 3);
  CHECK(lines[0]
        == "scenario,seed,samples,design,scramblings,bootstrap,interval,confidence,option,year,"
           "input,parameter,first,first_low,first_high,total,total_low,total_high,variance,"
           "too_wide");
  const std::string random = "test,7,256,random,,50,percentile_bootstrap,0.95,more,";
  for (std::size_t i = 1; i < lines.size(); ++i) {
    CHECK(lines[i].rfind(random, 0) == 0);
  }
  CHECK(lines[4] == random + "2022/23,a,lines.a.base,0.3,0.29,0.31,0.31,0.29,0.33,2.25,false");
  CHECK(lines[8] == random + "all,b,lines.b.base,0.4,0.1,0.7,0.45,0.2,0.6,9,true");
  // The sobol design fills the other count.
  CHECK(lines_of(write_csv(report(SobolDesign::sobol)))[1].rfind(
          "test,7,256,sobol,16,,student_t,0.95,more,", 0)
        == 0);
}

TEST_CASE("the JSON carries the seed, the design and each output's flags")
{
  const std::string json = write_json(report());
  for (const char* part :
       {"\"seed\": 7", "\"samples\": 256", "\"bootstrap\": 50", "\"evaluations\": 1280",
        "\"correlation_ignored\": true", "\"max_width\": 0.1",
        "{\"year\": \"all\", \"variance\": 9, \"constant\": false, \"too_wide\": true",
        "{\"year\": \"2021/22\", \"variance\": 0, \"constant\": true, \"too_wide\": false",
        "{\"input\": \"b\", \"first\": {\"estimate\": 0.6, \"low\": 0.59, \"high\": 0.61}",
        "\"design\": \"random\"", "\"scramblings\": null",
        "\"interval\": \"percentile_bootstrap\""}) {
    CAPTURE(part);
    CHECK(json.find(part) != std::string::npos);
  }
  const std::string sobol = write_json(report(SobolDesign::sobol));
  for (const char* part : {"\"design\": \"sobol\"", "\"scramblings\": 16", "\"bootstrap\": null",
                           "\"interval\": \"student_t\""}) {
    CAPTURE(part);
    CHECK(sobol.find(part) != std::string::npos);
  }
}

TEST_CASE("the table ranks inputs by total index and sets aside those with no effect")
{
  const std::string text = write_terminal(report(), carecast::k_default_width);
  CHECK(text.find("seed 7") != std::string::npos);
  CHECK(text.find("bootstrap") != std::string::npos);
  CHECK(write_terminal(report(SobolDesign::sobol), carecast::k_default_width).find("Student t")
        != std::string::npos);
  CHECK(text.find("[correlation] is not used") != std::string::npos);
  CHECK(text.find("Cost in 2021/22: does not vary with the inputs.") != std::string::npos);
  const std::size_t year = text.find("Cost in 2022/23: standard deviation 1.50");
  REQUIRE(year != std::string::npos);
  const std::size_t b = text.find("\nb ", year);
  const std::size_t a = text.find("\na ", year);
  CHECK(b < a);
  CHECK(text.find("0.600  [0.590, 0.610]") != std::string::npos);
  CHECK(text.find("No effect: c.", year) != std::string::npos);
  const std::size_t horizon = text.find("Cost in the horizon, 2021/22 to 2022/23");
  REQUIRE(horizon != std::string::npos);
  CHECK(text.find("Intervals too wide to rank the inputs", year) > horizon);
  for (const std::string& line : lines_of(text)) {
    CHECK(display_width(line) <= 80);
  }
}

TEST_CASE("the outputs too wide to rank are listed by year")
{
  CHECK(too_wide_outputs(report()) == std::vector<std::string>{"all"});
}
