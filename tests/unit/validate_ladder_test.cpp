// Validation of the care ladder (docs/scenario-format.md, section 9b): every rule gives
// an error located at the offending value, key or table.

#include "carecast/validate.hpp"

#include "test_model.hpp"

#include <doctest/doctest.h>

#include <string>
#include <utility>
#include <vector>

using namespace carecast;
using namespace carecast::test;

// Positions are counted by hand: lines and columns count from 1, and k_ladder's line 1
// is the line right after R"(.

namespace {

// A valid scenario with a three-type ladder. Its entry shares add up to
// 0.7 + 0.2 + 0.1 = 0.9999999999999999 in floating point, within the tolerance.
// Line numbers of what the tests change: 6 [lines.placements], 9 [ladder], 11 order,
// 16 [ladder.types.fostering], 19 its entry_share, 23-24 residential's weekly_cost and
// children, 28 [ladder.types.supported], 34 [ladder.moves], 35-37 its rows.
const std::string k_ladder = R"([scenario]
name = "Ladder validation"
base_year = "2021/22"
horizon = "2022/23"

[lines.placements]
name = "Placements"

[ladder]
line = "placements"
order = ["fostering", "residential", "supported"]

[ladder.entries]
per_year = 100

[ladder.types.fostering]
weekly_cost = 400
children = 300
entry_share = 0.7
exit_rate = 0.3

[ladder.types.residential]
weekly_cost = 4000
children = 40
entry_share = 0.2
exit_rate = 0.4

[ladder.types.supported]
weekly_cost = 1200
children = 30
entry_share = 0.1
exit_rate = 0.5

[ladder.moves]
fostering = [0.0, 0.05, 0.02]
residential = [0.1, 0.0, 0.2]
supported = [0.0, 0.1, 0.0]

[options.baseline]
name = "Baseline"
)";

// k_ladder with each `from` (which must occur exactly once) replaced by its `to`.
std::string with(std::vector<std::pair<std::string, std::string>> changes)
{
  std::string text = k_ladder;
  for (const auto& [from, to] : changes) {
    const std::size_t at = text.find(from);
    REQUIRE_MESSAGE(at != std::string::npos, from);
    REQUIRE_MESSAGE(text.find(from, at + 1) == std::string::npos, from);
    text.replace(at, from.size(), to);
  }
  return text;
}

} // namespace

TEST_CASE("ladder validation: the scenario these tests change is valid")
{
  CHECK(0.7 + 0.2 + 0.1 != 1.0); // the entry shares pass only within the tolerance
  check_valid(check(k_ladder));
}

// --- The move matrix ------------------------------------------------------------------

TEST_CASE("ladder validation: a moves row of the wrong length is an error at the row")
{
  const Diagnostic problem =
    only_problem(check(with({{"fostering = [0.0, 0.05, 0.02]", "fostering = [0.0, 0.05]"}})));
  CHECK(problem.pos == SourcePos{"test.toml", 35, 1});
  CHECK(problem.message
        == "'ladder.moves.fostering' has 2 rates, but 'ladder.order' names 3 types; the move "
           "matrix is square");
}

TEST_CASE("ladder validation: a type without a moves row is an error at [ladder.moves]")
{
  const Diagnostic problem = only_problem(check(with({{"supported = [0.0, 0.1, 0.0]\n", ""}})));
  CHECK(problem.pos == SourcePos{"test.toml", 34, 1});
  CHECK(problem.message
        == "'ladder.moves' has no row for 'supported'; write its annual move rates to each type "
           "in 'ladder.order' (zeros where it makes none)");
}

TEST_CASE("ladder validation: a moves row for an unknown type suggests the type meant")
{
  const LoadResult result =
    check(with({{"supported = [0.0, 0.1, 0.0]", "suported = [0.0, 0.1, 0.0]"}}));
  const Diagnostic unknown = problem_with(
    result, "no placement type named 'suported' is defined; did you mean 'supported'?");
  CHECK(unknown.pos == SourcePos{"test.toml", 37, 1});
  // ... and `supported` is then left without a row.
  const Diagnostic missing = problem_with(
    result, "'ladder.moves' has no row for 'supported'; write its annual move rates to each type "
            "in 'ladder.order' (zeros where it makes none)");
  CHECK(missing.pos == SourcePos{"test.toml", 34, 1});
  CHECK(result.diagnostics.size() == 2);
}

TEST_CASE("ladder validation: a type missing from `order` is an error at the type")
{
  const LoadResult result = check(with({{R"(order = ["fostering", "residential", "supported"])",
                                         R"(order = ["fostering", "residential"])"}}));
  const Diagnostic problem =
    problem_with(result, "placement type 'supported' is missing from 'ladder.order', which gives "
                         "the rows and columns of the move matrix");
  CHECK(problem.pos == SourcePos{"test.toml", 28, 15}); // after "[ladder.types."
}

TEST_CASE("ladder validation: a negative move rate is an error at the rate")
{
  const Diagnostic problem = only_problem(
    check(with({{"fostering = [0.0, 0.05, 0.02]", "fostering = [0.0, -0.05, 0.02]"}})));
  CHECK(problem.pos == SourcePos{"test.toml", 35, 19}); // after "fostering = [0.0, "
  CHECK(problem.message
        == "'ladder.moves.fostering.residential' = -0.05 is out of range: an annual move rate "
           "is a share between 0 and 1, so 5% is written 0.05");
}

TEST_CASE("ladder validation: a non-zero diagonal is an error at the rate")
{
  const Diagnostic problem = only_problem(
    check(with({{"residential = [0.1, 0.0, 0.2]", "residential = [0.1, 0.01, 0.2]"}})));
  CHECK(problem.pos == SourcePos{"test.toml", 36, 21}); // after "residential = [0.1, "
  CHECK(problem.message
        == "'ladder.moves.residential.residential' = 0.01 moves 'residential' to itself; the "
           "diagonal is 0, as staying is what is left after moves and exits");
}

TEST_CASE("ladder validation: a row whose moves and exit rate pass 1 is an error at the row")
{
  // residential: 0.1 + 0.6 moves + 0.4 exit = 1.1.
  const Diagnostic problem =
    only_problem(check(with({{"residential = [0.1, 0.0, 0.2]", "residential = [0.1, 0.0, 0.6]"}})));
  CHECK(problem.pos == SourcePos{"test.toml", 36, 1});
  CHECK(problem.message
        == "'residential' loses more than all its children in a year: its moves and exit rate "
           "add up to 1.1, more than 1");
  // 1.00001 is more than the tolerance of 0.000001 above 1.
  const Diagnostic over =
    only_problem(check(with({{"fostering = [0.0, 0.05, 0.02]", "fostering = [0.0, 0.56, 0.34]"},
                             {"exit_rate = 0.3", "exit_rate = 0.10001"}})));
  CHECK(over.pos == SourcePos{"test.toml", 35, 1});
  CHECK(over.message.find("'fostering' loses more than all its children") == 0);
}

TEST_CASE("ladder validation: a row whose outflow is 1 only within the tolerance is valid")
{
  // Summed in floating point as the row is written, then the exit rate:
  // 0.0 + 0.56 + 0.34 + 0.1 is 1.0000000000000002, more than 1.
  CHECK(0.0 + 0.56 + 0.34 + 0.1 > 1.0);
  check_valid(check(with({{"fostering = [0.0, 0.05, 0.02]", "fostering = [0.0, 0.56, 0.34]"},
                          {"exit_rate = 0.3", "exit_rate = 0.1"}})));
  // 0.1 + 0.2 + 0.7 (exactly 1 in floating point, as it happens).
  check_valid(check(with({{"fostering = [0.0, 0.05, 0.02]", "fostering = [0.0, 0.1, 0.2]"},
                          {"exit_rate = 0.3", "exit_rate = 0.7"}})));
}

// --- Placement types ---------------------------------------------------------------------

TEST_CASE("ladder validation: entry shares that do not add up to 1 are an error at the first")
{
  // 0.8 + 0.2 + 0.1 = 1.1.
  const Diagnostic problem =
    only_problem(check(with({{"entry_share = 0.7", "entry_share = 0.8"}})));
  CHECK(problem.pos == SourcePos{"test.toml", 19, 15}); // after "entry_share = "
  CHECK(problem.message == "the entry shares of the placement types add up to 1.1, not 1");
}

TEST_CASE("ladder validation: entry shares that add up to 1 within the tolerance are valid")
{
  // 0.56 + 0.34 + 0.1 is 1.0000000000000002 in floating point (k_ladder's own shares
  // are 0.9999999999999999).
  CHECK(0.0 + 0.56 + 0.34 + 0.1 > 1.0);
  check_valid(check(with(
    {{"entry_share = 0.7", "entry_share = 0.56"}, {"entry_share = 0.2", "entry_share = 0.34"}})));
  check_valid(
    check(with({{"entry_share = 0.7", "entry_share = 0.1"},
                {"entry_share = 0.2", "entry_share = 0.2"},
                {"entry_share = 0.1\nexit_rate = 0.5", "entry_share = 0.7\nexit_rate = 0.5"}})));
}

TEST_CASE("ladder validation: negative children and weekly costs are errors at the value")
{
  const Diagnostic children = only_problem(check(with({{"children = 40", "children = -40"}})));
  CHECK(children.pos == SourcePos{"test.toml", 24, 12}); // after "children = "
  CHECK(children.message == "'ladder.types.residential.children' = -40 must not be negative");
  const Diagnostic weekly =
    only_problem(check(with({{"weekly_cost = 4000", "weekly_cost = -4000"}})));
  CHECK(weekly.pos == SourcePos{"test.toml", 23, 15}); // after "weekly_cost = "
  CHECK(weekly.message == "'ladder.types.residential.weekly_cost' = -4000 must not be negative");
}

// --- The line the ladder feeds, and the rest of the scenario ------------------------------

TEST_CASE("ladder validation: the ladder's line may not have a base")
{
  const Diagnostic problem = only_problem(check(with({{"name = \"Placements\"", "base = 30.0"}})));
  CHECK(problem.pos == SourcePos{"test.toml", 6, 8}); // after "[lines."
  CHECK(problem.message
        == "line 'placements' is fed by the care ladder, so it takes no 'base', 'demand', "
           "'prices' or 'until': its cost is the ladder's");
}

TEST_CASE("ladder validation: the ladder's line may not stop with 'until'")
{
  // A stop of the ladder's cost is an option's stop_line overlay, which is evaluated.
  const Diagnostic problem =
    only_problem(check(with({{"name = \"Placements\"", "until = \"2021-12\""}})));
  CHECK(problem.pos == SourcePos{"test.toml", 6, 8}); // after "[lines."
  CHECK(problem.message.find("'prices' or 'until'") != std::string::npos);
}

TEST_CASE("ladder validation: a line without base that the ladder does not feed needs one")
{
  // Three lines inserted before [ladder]: [lines.other] is on line 9.
  const Diagnostic problem = only_problem(
    check(with({{"\n[ladder]\n", "\n[lines.other]\nname = \"Other\"\n\n[ladder]\n"}})));
  CHECK(problem.pos == SourcePos{"test.toml", 9, 8});
  CHECK(problem.message == "missing key 'lines.other.base'");
}

TEST_CASE("ladder validation: the ladder needs the unit to be £m, £k or £")
{
  // One line inserted in [scenario]: [ladder] is on line 10.
  const Diagnostic problem = only_problem(
    check(with({{"horizon = \"2022/23\"\n", "horizon = \"2022/23\"\nunit = \"$m\"\n"}})));
  CHECK(problem.pos == SourcePos{"test.toml", 10, 1});
  CHECK(problem.message
        == "the care ladder's weekly costs are in pounds, so the scenario's unit must be £m, "
           "£k or £, not '$m'");
  for (const std::string unit : {"£m", "£k", "£"}) {
    CAPTURE(unit);
    check_valid(check(
      with({{"horizon = \"2022/23\"\n", "horizon = \"2022/23\"\nunit = \"" + unit + "\"\n"}})));
  }
}

TEST_CASE("ladder validation: a ladder overlay needs a [ladder]")
{
  const std::string no_ladder = R"([scenario]
name = "No ladder"
base_year = "2021/22"
horizon = "2022/23"

[lines.placements]
base = 30.0

[options.baseline]
name = "Baseline"

[options.baseline.overlays.fewer_entries]
)";
  for (const std::string overlay : {"type = \"entries\"\nchange = -0.1\nfrom = \"2022-04\"\n",
                                    "type = \"shift_entries\"\nout_of = \"a\"\ninto = \"b\"\n"
                                    "share = 0.5\nfrom = \"2022-04\"\n"}) {
    CAPTURE(overlay);
    const Diagnostic problem = only_problem(check(no_ladder + overlay));
    CHECK(problem.pos == SourcePos{"test.toml", 12, 28}); // after "[options.baseline.overlays."
    CHECK(problem.message
          == "'options.baseline.overlays.fewer_entries' changes the care ladder, but the "
             "scenario has no [ladder]");
  }
}

TEST_CASE("ladder validation: ladder overlays name placement types that exist")
{
  // Appended after line 40: the overlay's table is line 42, `fill_from` line 45.
  const Diagnostic problem = only_problem(check(k_ladder + R"(
[options.baseline.overlays.homes]
type = "capacity"
placement = "residential"
fill_from = "fosterng"
places = 4
from = "2022-04"
)"));
  CHECK(problem.pos == SourcePos{"test.toml", 45, 13}); // after "fill_from = "
  CHECK(problem.message
        == "no placement type named 'fosterng' is defined; did you mean 'fostering'?");
}
