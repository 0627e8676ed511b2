// A sensitivity analysis as CSV, JSON and a table for people, from a report written by
// hand: the figures of sensitivity_test.cpp's scenario (hand sums: `cheap` costs
// a + b = 10 + 5 = 15, `dear` adds `extra`), except that extra's switching value is
// set to 1/3, so that the digits each writer keeps show.

#include "carecast/sensitivity_writer.hpp"

#include "text_lines.hpp"

#include <doctest/doctest.h>

#include <sstream>
#include <string>
#include <vector>

using namespace carecast;
using carecast::test::lines_of;

namespace {

SensitivityReport report(int top = 15)
{
  Sensitivity s;
  s.metric = Metric{MetricKind::total, 0, "cost over the horizon"};
  s.subject = "cheap";
  s.base = 15.0;
  s.swing_share = 0.1;
  // Largest swing first, as sensitivity() ranks them: a +/- 10% moves cheap by 1 each
  // way, b by 0.5; extra is dear's and does not move cheap.
  s.tornado = {{0, "", 10.0, 9.0, 11.0, 14.0, 16.0, 2.0},
               {1, "", 5.0, 4.5, 5.5, 14.5, 15.5, 1.0},
               {2, "extra", 2.0, -0.6, 2.6, 15.0, 15.0, 0.0}};
  s.preferred = "cheap";
  // a and b searched from 0 to twice their value; extra over its uniform's P0.1-P99.9.
  s.switching = {{0, "", 10.0, 0.0, 20.0, std::nullopt, ""},
                 {1, "", 5.0, 0.0, 10.0, std::nullopt, ""},
                 {2, "extra", 2.0, -0.996, 2.996, 1.0 / 3.0, "dear"}};
  return {"test", "Sensitivity test",
          "£m",   {"lines.a.base", "lines.b.base", "options.dear.overlays.extra.amount"},
          s,      top};
}

std::string between(const std::string& text, const std::string& from, const std::string& to)
{
  const std::size_t first = text.find(from);
  REQUIRE(first != std::string::npos);
  return text.substr(first, text.find(to, first) - first);
}

} // namespace

TEST_CASE("the CSV has one row per bar and per switching value, unrounded")
{
  const std::vector<std::string> lines = lines_of(write_csv(report()));
  REQUIRE(lines.size() == 1 + 3 + 3);
  CHECK(lines[0]
        == "scenario,metric,subject,kind,parameter,input,base_value,low_value,high_value,"
           "metric_low,metric_high,swing,preferred,switching_value,becomes_cheapest,range_low,"
           "range_high");
  CHECK(lines[1] == "test,cost over the horizon,cheap,tornado,lines.a.base,,10,9,11,14,16,2,,,,,");
  CHECK(lines[3]
        == "test,cost over the horizon,cheap,tornado,options.dear.overlays.extra.amount,extra,2,"
           "-0.6,2.6,15,15,0,,,,,");
  // None within range: the value and the option cheapest beyond it are left empty.
  CHECK(lines[4]
        == "test,cost over the horizon,cheap,switching,lines.a.base,,10,,,,,,cheap,,,0,20");
  CHECK(
    lines[6]
    == "test,cost over the horizon,cheap,switching,options.dear.overlays.extra.amount,extra,2,,,,,,"
       "cheap,0.333333333333,dear,-0.996,2.996");
}

TEST_CASE("the CSV's switching rows name the subject and, apart, the preferred option")
{
  // A regression: the subject column of switching rows held the preferred option.
  SensitivityReport difference = report();
  difference.sensitivity.subject = "dear - cheap";
  const std::vector<std::string> lines = lines_of(write_csv(difference));
  REQUIRE(lines.size() == 7);
  for (std::size_t i = 1; i < lines.size(); ++i) {
    CHECK(lines[i].rfind("test,cost over the horizon,dear - cheap,", 0) == 0);
  }
  CHECK(lines[5].find(",,cheap,,,0,10") != std::string::npos);
}

TEST_CASE("the JSON carries the metric, subject, base and switching values, null when none")
{
  const std::string json = write_json(report());
  for (const char* part :
       {"\"metric\": \"cost over the horizon\"", "\"subject\": \"cheap\"", "\"base\": 15,",
        "\"swing_share\": 0.1,", "\"preferred\": \"cheap\"",
        "{\"parameter\": \"lines.a.base\", \"input\": \"\", \"base_value\": 10, \"low_value\": "
        "9, \"high_value\": 11, \"metric_low\": 14, \"metric_high\": 16, \"swing\": 2}",
        "{\"parameter\": \"lines.b.base\", \"input\": \"\", \"base_value\": 5, "
        "\"switching_value\": null, "
        "\"becomes_cheapest\": null, \"range_low\": 0, \"range_high\": 10}",
        "{\"parameter\": \"options.dear.overlays.extra.amount\", \"input\": \"extra\", "
        "\"base_value\": 2, "
        "\"switching_value\": 0.333333333333, \"becomes_cheapest\": \"dear\", \"range_low\": "
        "-0.996, \"range_high\": 2.996}"}) {
    CAPTURE(part);
    CHECK(json.find(part) != std::string::npos);
  }
  // Bars in the order given, largest swing first.
  CHECK(json.find("\"lines.a.base\", \"input\"") < json.find("\"lines.b.base\", \"input\""));
}

TEST_CASE("the table shows the largest bars, as many as --top asks for")
{
  const std::string text = write_terminal(report(2));
  // The heading is wrapped at 80 columns.
  CHECK(text.find("Sensitivity of the cost over the horizon of cheap (15.00 £m with every "
                  "parameter\nat its value)")
        != std::string::npos);
  CHECK(text.find("any other parameter +/- 10%.") != std::string::npos);
  const std::string tornado = between(text, "Tornado", "Switching values");
  CHECK(tornado.find("the 2 largest swings of 3") != std::string::npos);
  const std::size_t a = tornado.find("\nlines.a.base ");
  const std::size_t b = tornado.find("\nlines.b.base ");
  REQUIRE(a != std::string::npos);
  REQUIRE(b != std::string::npos);
  CHECK(a < b);
  CHECK(tornado.find("extra") == std::string::npos);
  CHECK(tornado.find("14.00") != std::string::npos); // amounts to 2 decimals
  CHECK(lines_of(write_terminal(report(15))).size() == lines_of(text).size() + 1);
}

TEST_CASE("the table lists only the parameters that switch the ranking")
{
  const std::string text = write_terminal(report());
  const std::string switching = text.substr(text.find("Switching values"));
  CHECK(switching.find("where cheap stops being the cheapest by cost over the horizon")
        != std::string::npos);
  CHECK(switching.find("lines.a.base") == std::string::npos);
  const std::size_t extra = switching.find("\noptions.dear.overlays.extra.amount ");
  REQUIRE(extra != std::string::npos);
  const std::string row = switching.substr(extra + 1, switching.find('\n', extra + 1) - extra - 1);
  CHECK(row.find(" 0.333333 ") != std::string::npos); // 6 significant digits
  CHECK(row.find("dear") != std::string::npos);
  CHECK(switching.find("Every other parameter: none within range (3 searched).")
        != std::string::npos);
}

TEST_CASE("the table says so when no parameter switches the ranking")
{
  SensitivityReport none = report();
  none.sensitivity.switching[2].value.reset();
  CHECK(write_terminal(none).find("None: no parameter on its own, within its range, changes "
                                  "which option is cheapest.")
        != std::string::npos);
}
