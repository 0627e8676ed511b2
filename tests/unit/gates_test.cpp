// Budget gates on a report built by hand: which options and years break a rule, the
// figures the message names, and the gates that do not fit the report.

#include "carecast/gates.hpp"

#include <doctest/doctest.h>
#include <string>
#include <vector>

using carecast::Gates;
using carecast::Report;

namespace {

// Options a and b over 2022/23 and 2023/24, with a budget of 10 in 2022/23 only:
// a costs 11 (variance 1) and b 9.5 (variance -0.5) that year. Net present costs: a 20,
// b 19.
Report two_options()
{
  Report report;
  report.unit = "£m";
  report.options = {{"a", "Option A"}, {"b", "Option B"}};
  report.years = {"2022/23", "2023/24"};
  const auto add = [&](const std::string& option, const std::string& year,
                       const std::string& measure, double value) {
    report.rows.push_back({option, year, "total", measure, value});
  };
  add("a", "2022/23", "cost", 11.0);
  add("a", "2022/23", "budget", 10.0);
  add("a", "2022/23", "variance", 1.0);
  add("a", "2023/24", "cost", 12.0);
  add("a", "all", "npc", 20.0);
  add("b", "2022/23", "cost", 9.5);
  add("b", "2022/23", "budget", 10.0);
  add("b", "2022/23", "variance", -0.5);
  add("b", "2023/24", "cost", 10.0);
  add("b", "all", "npc", 19.0);
  return report;
}

} // namespace

TEST_CASE("the variance gate fails each option and year over the limit, naming the figures")
{
  const Report report = two_options();
  Gates gates;
  gates.max_variance = 0.0;
  CHECK(carecast::gate_problems(report, gates).empty());
  const std::vector<std::string> failures = carecast::failed_gates(report, gates);
  REQUIRE(failures.size() == 1); // a's variance of 1 is over 0; b's -0.5 is not
  CHECK(failures[0]
        == "--max-variance 0: option a in 2022/23: variance 1.00 (cost 11.00 against a budget "
           "of 10.00, £m)");

  SUBCASE("a variance equal to the limit passes")
  {
    gates.max_variance = 1.0;
    CHECK(carecast::failed_gates(report, gates).empty());
  }
  SUBCASE("a negative limit asks for an underspend")
  {
    gates.max_variance = -1.0; // both variances, 1 and -0.5, are above -1
    CHECK(carecast::failed_gates(report, gates).size() == 2);
  }
  SUBCASE("--year limits the gate to the years named")
  {
    gates.years = {"2022/23"};
    CHECK(carecast::failed_gates(report, gates).size() == 1);
  }
}

TEST_CASE("the cheapest gate fails for each option with a lower net present cost")
{
  const Report report = two_options();
  Gates gates;
  gates.cheapest = "b"; // b's 19 is the lowest
  CHECK(carecast::failed_gates(report, gates).empty());
  gates.cheapest = "a";
  const std::vector<std::string> failures = carecast::failed_gates(report, gates);
  REQUIRE(failures.size() == 1);
  CHECK(failures[0]
        == "--require-cheapest a: option b has a net present cost of 19.00, below a's 20.00 (£m)");

  SUBCASE("a tie passes")
  {
    Report tied = report;
    tied.rows.back().value = 20.0; // b's net present cost
    CHECK(carecast::failed_gates(tied, gates).empty());
  }
}

TEST_CASE("gates that do not fit the report are problems, each named")
{
  const Report report = two_options();
  Gates gates;
  gates.max_variance = 0.0;
  gates.years = {"2030/31", "2023/24"};
  gates.cheapest = "c";
  const std::vector<std::string> problems = carecast::gate_problems(report, gates);
  REQUIRE(problems.size() == 3);
  CHECK(problems[0] == "--year 2030/31: the scenario's years are 2022/23 to 2023/24");
  CHECK(problems[1]
        == "--year 2023/24: the scenario has no budget for 2023/24, so it has no "
           "variance");
  CHECK(problems[2] == "--require-cheapest c: the scenario's options are a, b");

  SUBCASE("--year without --max-variance")
  {
    Gates years_only;
    years_only.years = {"2022/23"};
    CHECK(carecast::gate_problems(report, years_only)
          == std::vector<std::string>{
            "--year chooses the years of --max-variance, which is not given"});
  }
}

TEST_CASE("no gates, no failures")
{
  CHECK(Gates{}.empty());
  CHECK(carecast::failed_gates(two_options(), Gates{}).empty());
}
