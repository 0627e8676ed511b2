// Terminal charts on reports built by hand: bar lengths from the scale (hand counts of
// columns), ASCII and colour, and charts left out when there is no room.

#include "carecast/terminal_chart.hpp"

#include "text_lines.hpp"

#include <doctest/doctest.h>
#include <string>
#include <vector>

using carecast::ChartStyle;
using carecast::Report;

namespace {

// Options a (10 and 20) and bb (5 and 20) over two years.
Report two_options()
{
  Report report;
  report.kind = carecast::ReportKind::compare;
  report.unit = "£m";
  report.options = {{"a", ""}, {"bb", ""}};
  report.years = {"2022/23", "2023/24"};
  report.rows = {{"a", "2022/23", "total", "cost", 10.0},
                 {"a", "2023/24", "total", "cost", 20.0},
                 {"bb", "2022/23", "total", "cost", 5.0},
                 {"bb", "2023/24", "total", "cost", 20.0}};
  return report;
}

} // namespace

TEST_CASE("the trajectory chart draws each cost to scale from zero")
{
  // 40 columns: 8 (year) + 2 (widest id) + 1 + bars + 1 + 5 ("20.00") leaves 23 bar
  // columns for the largest cost, 20: 10 is 11.5 columns, 5 is 5.75.
  ChartStyle style{40, false, false};
  const std::string chart = carecast::trajectory_chart(two_options(), style);
  CHECK(chart
        == "\nCost by option and year (£m), bars from 0 to 20.00\n"
           "2022/23 a  ############ 10.00\n" // 11.5 rounds to 12
           "        bb ###### 5.00\n"        // 5.75 rounds to 6
           "2023/24 a  ####################### 20.00\n"
           "        bb ####################### 20.00\n");

  SUBCASE("block characters to an eighth of a column")
  {
    style.unicode = true;
    const std::vector<std::string> lines =
      carecast::test::lines_of(carecast::trajectory_chart(two_options(), style));
    CHECK(lines[2] == "2022/23 a  ███████████▌ 10.00"); // 11.5 = 11 and 4/8
    CHECK(lines[3] == "        bb █████▊ 5.00");        // 5.75 = 5 and 6/8
  }
  SUBCASE("colour wraps each bar in its option's ANSI colour")
  {
    style.colour = true;
    CHECK(carecast::trajectory_chart(two_options(), style).find("\x1b[32m######\x1b[0m 5.00")
          != std::string::npos); // the second option, green
  }
  SUBCASE("too narrow for bars of ten columns: no chart")
  {
    style.width = 26; // 26 - 17 = 9 bar columns
    CHECK(carecast::trajectory_chart(two_options(), style).empty());
  }
}

namespace {

// Bars of do_nothing's npc around a base of 100, labelled by hand.
carecast::SensitivityReport tornado_report(std::vector<std::string> labels,
                                           std::vector<carecast::TornadoBar> bars)
{
  carecast::SensitivityReport report;
  report.unit = "£m";
  report.labels = std::move(labels);
  report.sensitivity.metric.name = "npc";
  report.sensitivity.subject = "do_nothing";
  report.sensitivity.base = 100.0;
  report.sensitivity.tornado = std::move(bars);
  return report;
}

} // namespace

TEST_CASE("the tornado puts falls left and rises right of the base, on one scale")
{
  carecast::TornadoBar p;
  p.parameter = 0;
  p.metric_low = 90.0; // -10: the largest change, a full half
  p.metric_high = 110.0;
  p.swing = 20.0;
  carecast::TornadoBar q;
  q.parameter = 1;
  q.metric_low = 105.0; // +5: half of the right
  q.metric_high = 98.0; // -2: a fifth of the left
  q.swing = 7.0;
  // 60 columns: label 1 + 1 + two halves and the axis + 17 for the values: halves of 20.
  const std::string chart =
    carecast::tornado_chart(tornado_report({"p", "q"}, {p, q}), ChartStyle{60, false, false});
  CHECK(chart
        == "\nTornado: change of the npc of do_nothing (£m) at each\n"
           "parameter's low / high value\n"
           "p ####################|#################### -10.00 / +10.00\n"
           "q                 ####|##########           +5.00 / -2.00\n");
}

TEST_CASE("a tornado bar spans its low to its high change, its label wrapped beside it")
{
  carecast::TornadoBar wide;
  wide.parameter = 0;
  wide.metric_low = 90.0; // -10 and +10: full halves
  wide.metric_high = 110.0;
  wide.swing = 20.0;
  carecast::TornadoBar right;
  right.parameter = 1;
  right.metric_low = 103.0; // +3 to +7, both rises: columns 3 to 7 of the right half
  right.metric_high = 107.0;
  right.swing = 4.0;
  carecast::TornadoBar still;
  still.parameter = 2; // moves nothing: not drawn
  // 60 columns: labels a third, 20; halves of (60 - 20 - 2 - 17) / 2 = 10.
  const std::vector<std::string> lines = carecast::test::lines_of(carecast::tornado_chart(
    tornado_report({"Short", "A label too long for one line", "Still"}, {wide, right, still}),
    ChartStyle{60, false, false}));
  REQUIRE(lines.size() == 6);
  CHECK(lines[3] == "Short                ##########|########## -10.00 / +10.00");
  CHECK(lines[4] == "A label too long for           |   ####    +3.00 / +7.00");
  CHECK(lines[5] == "  one line                     |");
}

TEST_CASE("the fan shades P5 to P95 and P10 to P90 and marks the median")
{
  carecast::SimulationReport report;
  report.unit = "£m";
  report.options = {{"a", ""}};
  report.years = {"2022/23"};
  carecast::Statistics s;
  s.p5 = 0.0;
  s.p10 = 10.0;
  s.p50 = 50.0;
  s.p90 = 90.0;
  s.p95 = 100.0;
  report.simulation.cost = {{s}};
  // 64 columns leave 20 for the band (11 before it, 2 and the 31 of the percentiles
  // after it): value v at column round(v / 100 x 19), so P10 at 2, the median at 10 (9.5
  // rounded away from zero), P90 at 17, P95 at 19. The title takes two lines.
  const std::vector<std::string> lines =
    carecast::test::lines_of(carecast::fan_chart(report, ChartStyle{64, false, false}));
  REQUIRE(lines.size() == 5);
  CHECK(lines[3] == "a");
  CHECK(lines[4] == "  2022/23  --========|=======--  P10 10.00  P50 50.00  P90 90.00");
  for (const std::string& line : lines) {
    CHECK(carecast::display_width(line) <= 64);
  }
}

TEST_CASE("the style: COLUMNS, else the terminal's width, else 80, within 40 to 400; colour on "
          "a terminal")
{
  using carecast::chart_style;
  CHECK(chart_style(true, 120, "60", nullptr, false, "auto").width == 60);
  CHECK(chart_style(true, 120, nullptr, nullptr, false, "auto").width == 120);
  CHECK(chart_style(false, 120, nullptr, nullptr, false, "auto").width == 80); // not to it
  CHECK(chart_style(false, 0, "60", nullptr, false, "auto").width == 60);
  CHECK(chart_style(false, 0, nullptr, nullptr, false, "auto").width == 80);
  CHECK(chart_style(false, 0, "wide", nullptr, false, "auto").width == 80);
  CHECK(chart_style(false, 0, "60x", nullptr, false, "auto").width == 80);
  CHECK(chart_style(false, 0, "-60", nullptr, false, "auto").width == 80);
  CHECK(chart_style(false, 0, "12", nullptr, false, "auto").width == 40);
  CHECK(chart_style(false, 0, "2147483647", nullptr, false, "auto").width == 400);
  CHECK(chart_style(false, 0, "99999999999999999999999", nullptr, false, "auto").width == 400);
  CHECK(chart_style(true, 120, nullptr, nullptr, false, "auto").colour);
  CHECK_FALSE(chart_style(false, 0, nullptr, nullptr, false, "auto").colour); // a pipe or file
  CHECK_FALSE(chart_style(true, 120, nullptr, "1", false, "auto").colour);    // NO_COLOR
  CHECK(chart_style(true, 120, nullptr, "", false, "auto").colour); // NO_COLOR empty: unset
  CHECK(chart_style(false, 0, nullptr, "1", false, "always").colour);
  CHECK_FALSE(chart_style(true, 120, nullptr, nullptr, false, "never").colour);
  CHECK_FALSE(chart_style(true, 120, nullptr, nullptr, true, "auto").unicode);
}
