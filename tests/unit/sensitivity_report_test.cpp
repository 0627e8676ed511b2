// Labels for the parameters of a sensitivity report, on the DCST scenario and on inline
// scenarios whose names collide, and the bars a table or chart shows.

#include "carecast/sensitivity_report.hpp"

#include "test_model.hpp"

#include <doctest/doctest.h>

#include <set>
#include <string>

using namespace carecast;

namespace {

std::string label_of(const Model& model, const std::vector<std::string>& labels,
                     const std::string& path)
{
  const std::optional<int> parameter = model.find_parameter(path);
  REQUIRE(parameter);
  return labels[static_cast<std::size_t>(*parameter)];
}

} // namespace

TEST_CASE("every DCST parameter has a readable label of its own")
{
  const Model model = test::dcst_model();
  const std::vector<std::string> labels = parameter_labels(model);
  REQUIRE(labels.size() == model.parameters().size());
  CHECK(std::set<std::string>(labels.begin(), labels.end()).size() == labels.size());
  for (const auto& [path, label] : std::initializer_list<std::pair<const char*, const char*>>{
         {"indices.demand.rates.2022/23", "Demand and complexity: growth in 2022/23"},
         {"indices.demand.default", "Demand and complexity: growth from 2023/24"},
         {"indices.pay.default", "Pay award and increments: growth from 2024/25"},
         {"lines.staffing.base", "Social work and practice staff: cost a year"},
         {"lines.company_overheads.prices.pay",
          "Trust company overheads: share priced by Pay award and increments"},
         {"ladder.entries.per_year", "Entries into care a year"},
         {"ladder.types.external_residential.weekly_cost", "External residential: weekly cost"},
         {"ladder.types.kinship.children", "Kinship foster care: children at the start of 2021/22"},
         {"ladder.moves.ifa.external_residential",
          "Moves from Independent fostering agency to External residential"},
         {"uncertainty.known_base_year", "Known total cost of 2021/22"},
         {"budget.years.2023/24.rolled_forward", "Budget 2023/24: 2022/23 budget rolled forward"},
         {"options.transfer.overlays.transition_costs.amount",
          "Consultation, TUPE, novation, company wind-up, IT and Liquidlogic to Mosaic: amount"},
         {"options.transfer.overlays.savings.ramp.2023/24",
          "Cashable savings approved in the 2022/23 budget: share of target from 2023/24"},
         {"appraisal.discount_rate", "Discount rate"},
       }) {
    CAPTURE(path);
    CHECK(label_of(model, labels, path) == label);
  }
}

TEST_CASE("labels alike without their asides keep their names whole, then their address")
{
  // Two lines named alike but for an aside; two named exactly alike; one unnamed.
  const Model model = test::model_from(R"toml([scenario]
name = "Alike"
base_year = "2021/22"
horizon = "2022/23"
[lines.north]
name = "Homes (north)"
base = 1.0
[lines.south]
name = "Homes (south)"
base = 2.0
[lines.east]
name = "Care"
base = 3.0
[lines.west]
name = "Care"
base = 4.0
[lines.misc]
base = 5.0
[options.o]
name = "O"
)toml");
  const std::vector<std::string> labels = parameter_labels(model);
  CHECK(label_of(model, labels, "lines.north.base") == "Homes (north): cost a year");
  CHECK(label_of(model, labels, "lines.south.base") == "Homes (south): cost a year");
  CHECK(label_of(model, labels, "lines.east.base") == "Care: cost a year (lines.east.base)");
  CHECK(label_of(model, labels, "lines.west.base") == "Care: cost a year (lines.west.base)");
  CHECK(label_of(model, labels, "lines.misc.base") == "misc: cost a year");
}

TEST_CASE("an overlay's label names its option only when two options' overlays are alike")
{
  const Model model = test::model_from(R"toml([scenario]
name = "Overlays"
base_year = "2021/22"
horizon = "2022/23"
[lines.a]
base = 10.0
[options.first]
name = "First"
[options.first.overlays.team]
type = "recurring"
name = "Team"
line = "a"
amount = 1.0
from = "2021-04"
[options.second]
name = "Second"
extends = "first"
[options.second.overlays.team]
type = "recurring"
name = "Team"
line = "a"
amount = 2.0
from = "2021-04"
[options.second.overlays.cut]
type = "stop_line"
name = "Cut (paras 3-4)"
line = "a"
keep = 0.5
from = "2021-04"
)toml");
  const std::vector<std::string> labels = parameter_labels(model);
  CHECK(label_of(model, labels, "options.first.overlays.team.amount")
        == "Team (First): amount a year");
  CHECK(label_of(model, labels, "options.second.overlays.team.amount")
        == "Team (Second): amount a year");
  CHECK(label_of(model, labels, "options.second.overlays.cut.keep") == "Cut: share kept");
}

TEST_CASE("a report shows the largest bars that move the metric, at most --top")
{
  SensitivityReport report;
  report.top = 2;
  // Largest swing first, as sensitivity() ranks them.
  report.sensitivity.tornado = {{0, "", 1.0, 0.9, 1.1, 9.0, 11.0, 2.0},
                                {1, "", 1.0, 0.9, 1.1, 9.5, 10.5, 1.0},
                                {2, "", 1.0, 0.9, 1.1, 9.8, 10.2, 0.4},
                                {3, "", 1.0, 0.9, 1.1, 10.0, 10.0, 0.0}};
  CHECK(shown_bars(report) == 2);
  report.top = 20;
  CHECK(shown_bars(report) == 3); // the fourth moves nothing
  report.sensitivity.tornado.resize(1);
  report.sensitivity.tornado[0].swing = 0.0;
  CHECK(shown_bars(report) == 0);
}

TEST_CASE("the report holds each parameter's address, label and unit by position")
{
  const Model model = test::dcst_model();
  const SensitivityReport report = sensitivity_report(model, "dcst", Sensitivity{}, 5);
  const int weekly = *model.find_parameter("ladder.types.ifa.weekly_cost");
  CHECK(report.paths[weekly] == "ladder.types.ifa.weekly_cost");
  CHECK(report.labels[weekly] == "Independent fostering agency: weekly cost");
  CHECK(report.units[weekly] == "£/week");
  CHECK(report.top == 5);
  CHECK(report.unit == "£m");
}
