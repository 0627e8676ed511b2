// A sensitivity analysis as CSV, JSON and a table for people, from a report written by
// hand: the figures of sensitivity_test.cpp's scenario (hand sums: `cheap` costs
// a + b = 10 + 5 = 15, `dear` adds `extra`), except that extra's switching value is
// set to 1/3, so that the digits each writer keeps show.

#include "carecast/sensitivity_writer.hpp"

#include "carecast/text_table.hpp"
#include "text_lines.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

using namespace carecast;
using carecast::test::lines_of;

namespace {

// The tornado of every parameter (--all): a and b +/- 10% move cheap by 1 and 0.5 each
// way, largest swing first; extra is dear's uncertain input and does not move cheap.
SensitivityReport report(int top = 15)
{
  Sensitivity s;
  s.metric = Metric{MetricKind::total, 0, "cost over the horizon"};
  s.subject = "cheap";
  s.base = 15.0;
  s.swing_share = 0.1;
  s.scope = TornadoScope::all;
  s.tornado = {{0, "", 10.0, 9.0, 11.0, 14.0, 16.0, 2.0},
               {1, "", 5.0, 4.5, 5.5, 14.5, 15.5, 1.0},
               {2, "extra", 2.0, -0.6, 2.6, 15.0, 15.0, 0.0}};
  s.preferred = "cheap";
  // a and b searched from 0 to twice their value; extra over its uniform's P0.1-P99.9.
  s.switching = {{0, "", 10.0, 0.0, 20.0, std::nullopt, ""},
                 {1, "", 5.0, 0.0, 10.0, std::nullopt, ""},
                 {2, "extra", 2.0, -0.996, 2.996, 1.0 / 3.0, "dear"}};
  SensitivityReport made;
  made.scenario = "test";
  made.title = "Sensitivity test";
  made.unit = "£m";
  made.paths = {"lines.a.base", "lines.b.base", "options.dear.overlays.extra.amount"};
  made.labels = {"Line a: cost a year", "Line b: cost a year", "Extra: amount a year"};
  made.units = {"£m/yr", "£m/yr", "£m/yr"};
  made.sensitivity = s;
  made.top = top;
  return made;
}

std::string between(const std::string& text, const std::string& from, const std::string& to)
{
  const std::size_t first = text.find(from);
  REQUIRE(first != std::string::npos);
  return text.substr(first, text.find(to, first) - first);
}

// The same report with long labels that begin alike, in which a and b switch too.
SensitivityReport long_labels()
{
  SensitivityReport made = report();
  made.labels[0] = "Sufficiency: place children with new in-house foster carers instead "
                   "of agencies: share of entries shifted";
  made.labels[1] = "Sufficiency: place children with new in-house foster carers instead "
                   "of agencies: share of moves shifted";
  made.units = {"share", "£/week", "children"};
  made.sensitivity.switching[0].value = 0.5;
  made.sensitivity.switching[0].becomes_cheapest = "dear";
  return made;
}

// The labels of a table: the text before the first gap of two spaces of each row under
// the rule, joined with the indented lines that follow it.
std::vector<std::string> labels_in(const std::string& section)
{
  std::vector<std::string> labels;
  const std::vector<std::string> lines = lines_of(section);
  const auto rule = std::find_if(lines.begin(), lines.end(),
                                 [](const std::string& line) { return line.starts_with("---"); });
  for (auto line = rule == lines.end() ? rule : rule + 1; line != lines.end(); ++line) {
    if (line->starts_with("  ") && !labels.empty()) {
      labels.back() += " " + line->substr(2, line->find("  ", 2) - 2);
    } else if (!line->empty()) {
      labels.push_back(line->substr(0, line->find("  ")));
    }
  }
  return labels;
}

} // namespace

TEST_CASE("the CSV has one row per bar and per switching value, unrounded, with labels")
{
  const std::vector<std::string> lines = lines_of(write_csv(report()));
  REQUIRE(lines.size() == 1 + 3 + 3);
  CHECK(lines[0]
        == "scenario,metric,subject,kind,parameter,label,unit,input,range,base_value,low_value,"
           "high_value,metric_low,metric_high,swing,preferred,switching_value,becomes_cheapest,"
           "range_low,range_high");
  CHECK(lines[1]
        == "test,cost over the horizon,cheap,tornado,lines.a.base,Line a: cost a year,£m/yr,,"
           "±10%,10,9,11,14,16,2,,,,,");
  CHECK(lines[3]
        == "test,cost over the horizon,cheap,tornado,options.dear.overlays.extra.amount,"
           "Extra: amount a year,£m/yr,extra,P10–P90,2,-0.6,2.6,15,15,0,,,,,");
  // None within range: the value and the option cheapest beyond it are left empty.
  CHECK(lines[4]
        == "test,cost over the horizon,cheap,switching,lines.a.base,Line a: cost a year,£m/yr,,,"
           "10,,,,,,cheap,,,0,20");
  CHECK(lines[6]
        == "test,cost over the horizon,cheap,switching,options.dear.overlays.extra.amount,"
           "Extra: amount a year,£m/yr,extra,,2,,,,,,cheap,0.333333333333,dear,-0.996,2.996");
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

TEST_CASE("the JSON carries the labels, units, ranges, scope and switching values")
{
  const std::string json = write_json(report());
  for (const char* part :
       {"\"metric\": \"cost over the horizon\"", "\"subject\": \"cheap\"", "\"base\": 15,",
        "\"swing_share\": 0.1,", "\"scope\": \"all parameters\",", "\"note\": null,",
        "\"preferred\": \"cheap\"",
        "{\"parameter\": \"lines.a.base\", \"label\": \"Line a: cost a year\", \"unit\": "
        "\"£m/yr\", \"input\": \"\", \"range\": \"±10%\", \"base_value\": 10, \"low_value\": 9, "
        "\"high_value\": 11, \"metric_low\": 14, \"metric_high\": 16, \"swing\": 2}",
        "{\"parameter\": \"lines.b.base\", \"label\": \"Line b: cost a year\", \"unit\": "
        "\"£m/yr\", \"input\": \"\", \"base_value\": 5, \"switching_value\": null, "
        "\"becomes_cheapest\": null, \"range_low\": 0, \"range_high\": 10}",
        "\"input\": \"extra\", \"range\": \"P10–P90\"",
        "\"input\": \"extra\", \"base_value\": 2, \"switching_value\": 0.333333333333, "
        "\"becomes_cheapest\": \"dear\", \"range_low\": -0.996, \"range_high\": 2.996}"}) {
    CAPTURE(part);
    CHECK(json.find(part) != std::string::npos);
  }
  // Bars in the order given, largest swing first.
  CHECK(json.find("\"lines.a.base\", \"label\"") < json.find("\"lines.b.base\", \"label\""));
}

TEST_CASE("without uncertain inputs the JSON, the table and the note say every parameter swung")
{
  SensitivityReport swung = report();
  swung.sensitivity.scope = TornadoScope::no_uncertainty;
  const std::string note =
    "the scenario has no uncertain inputs, so every parameter is swung by ±10% of its value.";
  CHECK(tornado_note(swung.sensitivity) == note);
  CHECK(write_json(swung).find("\"scope\": \"no uncertain inputs\",\n  \"note\": \"" + note + "\",")
        != std::string::npos);
  CHECK(write_terminal(swung, carecast::k_default_width).find("Note: the scenario has no uncertain inputs, so every "
                                   "parameter is swung by ±10%\nof its value.")
        != std::string::npos);
  CHECK(tornado_note(report().sensitivity).empty());
}

TEST_CASE("the table shows the largest bars that move the metric, by label, in their unit")
{
  const std::string text = write_terminal(report(1), carecast::k_default_width);
  // The heading is wrapped at 80 columns.
  CHECK(text.find("Sensitivity of the cost over the horizon of cheap (15.00 £m with every "
                  "parameter\nat its value)")
        != std::string::npos);
  CHECK(text.find("any other parameter ±10%, as the Range\ncolumn says.") != std::string::npos);
  const std::string tornado = between(text, "Tornado", "Switching values");
  CHECK(tornado.find("the 1 largest swings of 3") != std::string::npos);
  const std::vector<std::string> rows = lines_of(tornado);
  REQUIRE(rows.size() == 6);
  CHECK(rows[1] == "Parameter            Range     Low     High  At low  At high  Swing");
  CHECK(rows[3] == "Line a: cost a year  ±10%   £9.00m  £11.00m   14.00    16.00   2.00");
  CHECK(rows[4] == "1 of the 3 does not move the cost over the horizon of cheap.");
  CHECK(tornado.find("lines.a.base") == std::string::npos); // addresses stay out
  // With room for all, the two that move; extra, which moves nothing, is left out.
  const std::string all = between(write_terminal(report(), carecast::k_default_width), "Tornado", "Switching values");
  CHECK(all.find("the 2 largest swings of 3") != std::string::npos);
  CHECK(all.find("\nLine b: cost a year ") != std::string::npos);
  CHECK(all.find("Extra") == std::string::npos);
}

TEST_CASE("the table of uncertain inputs alone has no Range column")
{
  SensitivityReport inputs = report();
  inputs.sensitivity.scope = TornadoScope::uncertain;
  const std::string text = write_terminal(inputs, carecast::k_default_width);
  CHECK(text.find("Ranges: each uncertain input from its P10 to its P90 (--all adds every "
                  "other\nparameter at ±10%).")
        != std::string::npos);
  CHECK(text.find("Range ") == std::string::npos);
  CHECK(text.find("±10%   £9.00m") == std::string::npos);
}

TEST_CASE("long labels are wrapped whole, never cut, and the tables keep within 80 columns")
{
  const SensitivityReport made = long_labels();
  const std::string text = write_terminal(made, carecast::k_default_width);
  for (const std::string& line : lines_of(text)) {
    CAPTURE(line);
    CHECK(display_width(line) <= 80);
  }
  // The labels, put together again from their lines, are whole: they are alike for
  // their first 80 characters, more than the 26 at which they were once cut.
  const std::vector<std::string> tornado = labels_in(between(text, "Tornado", "Switching"));
  REQUIRE(tornado.size() >= 2);
  CHECK(tornado[0] == made.labels[0]);
  CHECK(tornado[1] == made.labels[1]);
  const std::vector<std::string> switching = labels_in(text.substr(text.find("Switching")));
  REQUIRE(switching.size() >= 2);
  CHECK(switching[0] == made.labels[0]);
  CHECK(switching[1] == made.labels[2]);
  // Values in their unit: a share as %, money a week in whole pounds.
  CHECK(text.find("900.0%") != std::string::npos);  // a's low value, a share of 9
  CHECK(text.find("1000.0%") != std::string::npos); // a's value, 10
  CHECK(text.find("50.0%") != std::string::npos);   // a switches at 0.5
  CHECK(text.find("/week") != std::string::npos);
}

TEST_CASE("the table lists only the parameters that switch the ranking, by label")
{
  const std::string text = write_terminal(report(), carecast::k_default_width);
  const std::string switching = text.substr(text.find("Switching values"));
  CHECK(switching.find("where cheap stops being the cheapest by cost over the horizon")
        != std::string::npos);
  CHECK(switching.find("Line a") == std::string::npos);
  const std::size_t extra = switching.find("\nExtra: amount a year ");
  REQUIRE(extra != std::string::npos);
  const std::string row = switching.substr(extra + 1, switching.find('\n', extra + 1) - extra - 1);
  CHECK(row.find(" £2.00m ") != std::string::npos);
  CHECK(row.find(" £0.33m ") != std::string::npos); // 1/3 in £m to 2 decimals
  CHECK(row.find("dear") != std::string::npos);
  CHECK(switching.find("Every other parameter: none within range (3 searched).")
        != std::string::npos);
}

TEST_CASE("the table says so when no parameter switches the ranking")
{
  SensitivityReport none = report();
  none.sensitivity.switching[2].value.reset();
  // Wrapped at 80 columns.
  CHECK(write_terminal(none, carecast::k_default_width).find("None: no parameter on its own, within its range, changes "
                                  "which option is\ncheapest.")
        != std::string::npos);
}

TEST_CASE("a bar's range is its distribution's P10 to P90 or the swing")
{
  const SensitivityReport made = report();
  CHECK(range_text(made.sensitivity.tornado[0], 0.1) == "±10%");
  CHECK(range_text(made.sensitivity.tornado[0], 0.025) == "±2.5%");
  CHECK(range_text(made.sensitivity.tornado[2], 0.1) == "P10–P90");
}

TEST_CASE("a label is broken between words into lines of the width, then after a dot or within "
          "a word")
{
  using Lines = std::vector<std::string>;
  CHECK(label_lines("Entries into care a year", 30) == Lines{"Entries into care a year"});
  // 14 columns, 12 on the indented lines: "External residential:" (21) does not fit.
  CHECK(label_lines("External residential: weekly cost", 14)
        == Lines{"External", "  residential:", "  weekly cost"});
  // An address has no spaces: it is broken after the last dot that fits, so its parts
  // stay whole, nothing lost ("transfer.overlays." is 18, over the 14 of a later line).
  CHECK(label_lines("options.transfer.overlays.savings.target", 16)
        == Lines{"options.", "  transfer.", "  overlays.", "  savings.target"});
  // Columns, not bytes: £ is one.
  CHECK(label_lines("£££££", 3) == Lines{"£££", "  £", "  £"});
}
