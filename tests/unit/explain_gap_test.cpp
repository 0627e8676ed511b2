#include "carecast/evaluator.hpp"
#include "carecast/explain.hpp"
#include "test_model.hpp"

#include <cmath>

using namespace carecast;

namespace {

Model shipped(const std::string& name)
{
  const auto path = std::filesystem::path(__FILE__).parent_path() / "../../scenarios" / name;
  LoadResult result = read_scenario(path);
  REQUIRE(result.scenario.has_value());
  return Model(*result.scenario);
}

double sum_of(const Explanation& explanation)
{
  double sum = 0.0;
  for (const Term& term : explanation.terms) {
    sum += term.value;
  }
  return sum;
}

const Term* find_term(const Explanation& explanation, std::string_view label)
{
  for (const Term& term : explanation.terms) {
    if (term.label == label) {
      return &term;
    }
  }
  return nullptr;
}

// Whether one of the option's overlays has `parameter` as its value, optimism bias or
// ramp.
bool overlay_parameter(const ModelOption& option, int parameter)
{
  for (const ModelOverlay& overlay : option.overlays) {
    const auto& ramp = overlay.ramp_by_year;
    if (overlay.value == parameter || overlay.optimism_bias == parameter
        || std::find(ramp.begin(), ramp.end(), parameter) != ramp.end()) {
      return true;
    }
  }
  return false;
}

// A line of base 12 a year growing with demand at 10% a year, stepping in April.
// `faster` raises demand's rate to 20% from 2022/23, `halve` keeps half the line from
// April 2022, and `both` does both.
const std::string k_two_overlays = R"([scenario]
name = "Two overlays"
base_year = "2021/22"
horizon = "2022/23"
[indices.demand]
default = 0.10
[lines.care]
base = 12.0
demand = "demand"
[options.none]
name = "None"
[options.faster]
name = "Faster"
[options.faster.overlays.faster]
type = "index_rate"
name = "Faster demand"
index = "demand"
rate = 0.20
from = "2022-04"
[options.halve]
name = "Halve"
[options.halve.overlays.halve]
type = "stop_line"
name = "Halve the line"
line = "care"
keep = 0.5
from = "2022-04"
[options.both]
name = "Both"
extends = "faster"
[options.both.overlays.halve]
type = "stop_line"
name = "Halve the line"
line = "care"
keep = 0.5
from = "2022-04"
)";

} // namespace

TEST_CASE("a gap's terms sum to the evaluated difference of every pair of options")
{
  // The invariant: the terms split cost(option) - cost(vs), as the evaluator computes
  // both, for every line and year.
  for (const char* name :
       {"dcst_2022.toml", "dcst_2022_high_demand.toml", "dcst_2022_high_inflation.toml"}) {
    const Model model = shipped(name);
    const Eigen::VectorXd values = model.values();
    const Outcome outcome = Evaluator(model).evaluate(values);
    for (int option = 0; option < outcome.options(); ++option) {
      for (int vs = 0; vs < outcome.options(); ++vs) {
        for (int line = 0; line < outcome.lines(); ++line) {
          for (int year = 0; year < outcome.periods(); ++year) {
            CAPTURE(name);
            CAPTURE(option);
            CAPTURE(vs);
            CAPTURE(line);
            CAPTURE(year);
            const Explanation gap = explain_gap(model, values, option, vs, line, year);
            const double evaluated =
              outcome.cost(option, line, year)[0] - outcome.cost(vs, line, year)[0];
            CHECK(std::abs(gap.total - evaluated) < 1e-9);
            CHECK(std::abs(sum_of(gap) - evaluated) < 1e-9);
          }
        }
      }
    }
  }
}

TEST_CASE("every term of a gap is credited to a parameter of an overlay only one option has")
{
  // A parameter the two options share (a ladder rate, an index, an overlay both have)
  // moves nothing between them, so no term may name it; the interaction names none.
  const Model model = test::dcst_model();
  const Eigen::VectorXd values = model.values();
  const int options = static_cast<int>(model.options().size());
  for (int option = 0; option < options; ++option) {
    for (int vs = 0; vs < options; ++vs) {
      for (int line = 0; line < static_cast<int>(model.lines().size()); ++line) {
        for (int year = 0; year < model.grid().years(); ++year) {
          for (const Term& term : explain_gap(model, values, option, vs, line, year).terms) {
            CAPTURE(term.label);
            if (term.parameter == k_none) {
              CHECK(term.label == "Interaction of the overlays above");
              continue;
            }
            const bool in_option = overlay_parameter(model.options()[option], term.parameter);
            const bool in_vs = overlay_parameter(model.options()[vs], term.parameter);
            CHECK(in_option != in_vs);
          }
        }
      }
    }
  }
}

TEST_CASE("options that share every overlay have no gap and no terms")
{
  const Model model = test::dcst_model();
  const int transfer = *model.find_option("transfer");
  for (int line = 0; line < static_cast<int>(model.lines().size()); ++line) {
    const Explanation gap = explain_gap(model, model.values(), transfer, transfer, line, 3);
    CHECK(gap.total == 0.0);
    CHECK(gap.terms.empty());
  }
}

TEST_CASE("two overlays are each credited with their own effect, and their interaction shown")
{
  // In 2022/23 the line costs 12 x 1.1 = 13.2 under `none`. Faster demand alone makes
  // it 12 x 1.2 = 14.4 (+1.2); halving alone 13.2 x 0.5 = 6.6 (-6.6); both together
  // 14.4 x 0.5 = 7.2, a gap of -6.0. The halving also halves faster demand's 1.2, an
  // interaction of -0.6 that neither parameter sets alone.
  const Model model = test::model_from(k_two_overlays);
  const int both = *model.find_option("both");
  const int none = *model.find_option("none");
  const Explanation gap = explain_gap(model, model.values(), both, none, 0, 1);
  REQUIRE(gap.terms.size() == 3);
  CHECK(gap.total == doctest::Approx(-6.0).epsilon(1e-12));
  const Term& faster = gap.terms[0];
  CHECK(faster.label == "Demand: demand (steps in April), through Faster demand");
  CHECK(faster.value == doctest::Approx(1.2).epsilon(1e-12));
  CHECK(model.parameters()[faster.parameter].path == "options.faster.overlays.faster.rate");
  CHECK(faster.caption == "Demand: demand via faster");
  const Term& halve = gap.terms[1];
  CHECK(halve.label == "Stop: Halve the line");
  CHECK(halve.value == doctest::Approx(-6.6).epsilon(1e-12));
  CHECK(model.parameters()[halve.parameter].path == "options.both.overlays.halve.keep");
  const Term& interaction = gap.terms[2];
  CHECK(interaction.label == "Interaction of the overlays above");
  CHECK(interaction.value == doctest::Approx(-0.6).epsilon(1e-12));
  CHECK(interaction.parameter == k_none);
}

TEST_CASE("an overlay only vs has is taken away, and one both options have moves nothing")
{
  // From `halve` (6.6) to `both` (7.2): both have the halving, so the gap of 0.6 is
  // faster demand's alone: +1.2 on the line, of which the halving, moved by it, takes
  // 0.6 back. From `halve` to `faster` (14.4): the halving is taken away (+6.6) and
  // faster demand added to the whole line (+1.2), 7.8 with no interaction, since
  // nothing is shared that the two could both move.
  const Model model = test::model_from(k_two_overlays);
  const Eigen::VectorXd values = model.values();
  const int halve = *model.find_option("halve");
  const Explanation shared = explain_gap(model, values, *model.find_option("both"), halve, 0, 1);
  // One overlay moves the line, so nothing interacts but the rounding of the sums.
  REQUIRE(shared.terms.size() >= 2);
  CHECK(shared.terms[0].label == "Demand: demand (steps in April), through Faster demand");
  CHECK(shared.terms[0].value == doctest::Approx(1.2).epsilon(1e-12));
  CHECK(shared.terms[1].label == "Stop: Halve the line, through Faster demand");
  CHECK(shared.terms[1].value == doctest::Approx(-0.6).epsilon(1e-12));
  for (std::size_t i = 0; i < 2; ++i) {
    CHECK(model.parameters()[shared.terms[i].parameter].path
          == "options.faster.overlays.faster.rate");
  }
  for (std::size_t i = 2; i < shared.terms.size(); ++i) {
    CHECK(shared.terms[i].label == "Interaction of the overlays above");
    CHECK(std::abs(shared.terms[i].value) < 1e-12);
  }

  const Explanation swapped = explain_gap(model, values, *model.find_option("faster"), halve, 0, 1);
  CHECK(swapped.total == doctest::Approx(7.8).epsilon(1e-12));
  const Term* taken_away = find_term(swapped, "Stop: Halve the line");
  REQUIRE(taken_away);
  CHECK(taken_away->value == doctest::Approx(6.6).epsilon(1e-12));
  CHECK(model.parameters()[taken_away->parameter].path == "options.halve.overlays.halve.keep");
  const Term* added = find_term(swapped, "Demand: demand (steps in April), through Faster demand");
  REQUIRE(added);
  CHECK(added->value == doctest::Approx(1.2).epsilon(1e-12));
  const Term* interaction = find_term(swapped, "Interaction of the overlays above");
  CHECK((!interaction || std::abs(interaction->value) < 1e-12));
}

TEST_CASE("a capacity overlay's effect on the care ladder is a change of mix, by hand")
{
  // Ten children in agency places at £1,000 a week and none in homes at £600, with no
  // entries or outflows, so the counts stay. From April 2022 four home places are filled
  // from the agency places: 2022/23 has 365 days, so the ladder costs
  // 4 x (600 - 1,000) x 365 / 7 = -£83,428.57 less, all mix: the child-weeks are the
  // same and so are each type's prices.
  const Model model = test::model_from(R"([scenario]
name = "Homes"
base_year = "2021/22"
horizon = "2022/23"
[lines.placements]
name = "Placements"
[ladder]
line = "placements"
order = ["agency", "home"]
[ladder.entries]
per_year = 0
[ladder.types.agency]
weekly_cost = 1000
children = 10
entry_share = 1.0
exit_rate = 0.0
[ladder.types.home]
weekly_cost = 600
children = 0
entry_share = 0.0
exit_rate = 0.0
[ladder.moves]
agency = [0, 0]
home = [0, 0]
[options.none]
name = "None"
[options.homes]
name = "Homes"
[options.homes.overlays.local_homes]
type = "capacity"
name = "Local homes"
placement = "home"
fill_from = "agency"
places = 4
from = "2022-04"
)");
  const Explanation gap = explain_gap(model, model.values(), 1, 0, 0, 1);
  const double expected = 4.0 * (600.0 - 1000.0) * 365.0 / 7.0 / 1e6;
  CHECK(gap.total == doctest::Approx(expected).epsilon(1e-12));
  const Term* mix = find_term(gap, "Care ladder mix: Local homes");
  REQUIRE(mix);
  CHECK(mix->value == doctest::Approx(expected).epsilon(1e-12));
  CHECK(mix->caption == "Ladder mix: local_homes");
  CHECK(model.parameters()[mix->parameter].path == "options.homes.overlays.local_homes.places");
  for (const char* effect :
       {"Care ladder volume: Local homes", "Care ladder prices: Local homes"}) {
    const Term* other = find_term(gap, effect);
    CHECK((!other || std::abs(other->value) < 1e-15));
  }
}

TEST_CASE("DCST: transfer's placements gap is credited to its two sufficiency overlays")
{
  // 2024/25: the ladder's change from do_nothing to transfer comes only from
  // foster_carer_recruitment and local_homes; the entries per year, the same in both,
  // are credited with nothing.
  const Model model = test::dcst_model();
  const int transfer = *model.find_option("transfer");
  const int placements = model.ladder().line;
  const Explanation gap = explain_gap(model, model.values(), transfer, 0, placements, 3);
  double foster = 0.0;
  double homes = 0.0;
  for (const Term& term : gap.terms) {
    if (term.parameter == k_none) {
      // No interaction to speak of: the homes fill their 8 places either way.
      CHECK(std::abs(term.value) < 1e-12);
      continue;
    }
    const std::string& path = model.parameters()[term.parameter].path;
    CHECK(path != "ladder.entries.per_year");
    if (path == "options.transfer.overlays.foster_carer_recruitment.share") {
      foster += term.value;
    } else if (path == "options.transfer.overlays.local_homes.places") {
      homes += term.value;
    } else {
      FAIL_CHECK("a term credited to " << path);
    }
  }
  CHECK(foster < 0.0); // fewer agency placements
  CHECK(homes < 0.0);  // in-house homes instead of external ones
  CHECK(foster + homes == doctest::Approx(gap.total).epsilon(1e-11));
  CHECK(find_term(gap, "Care ladder mix: Sufficiency: two four-bed in-house children's homes "
                       "instead of out-of-area places"));
}
