// Every draw is a scenario carecast accepts (docs/uncertainty.md, "Every draw is a
// scenario carecast accepts"): distributions inside their parameters' domains or
// truncated to them, tied shares never drawn alone, joint rules checked per draw, and
// sensitivity's swings kept inside the domains.

#include "carecast/draw_rules.hpp"

#include "carecast/evaluator.hpp"
#include "carecast/non_finite.hpp"
#include "carecast/sampling.hpp"
#include "carecast/sensitivity.hpp"
#include "carecast/simulation.hpp"
#include "test_ladder.hpp"
#include "test_model.hpp"
#include "test_scenarios.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

using namespace carecast;
using namespace carecast::test;

namespace {

ModelLoad load(const std::string& text)
{
  return read_model_text(text, "test.toml");
}

std::string only_message(const ModelLoad& loaded)
{
  REQUIRE(loaded.diagnostics.size() == 1);
  return loaded.diagnostics[0].message;
}

bool has(const std::string& text, const std::string& part)
{
  return text.find(part) != std::string::npos;
}

// Every scenario file under `folder`, recursively.
std::vector<std::filesystem::path> scenario_files(const std::filesystem::path& folder)
{
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(folder)) {
    if (entry.is_regular_file() && entry.path().extension() == ".toml") {
      files.push_back(entry.path());
    }
  }
  std::ranges::sort(files);
  return files;
}

} // namespace

TEST_CASE("a distribution reaching outside its parameter's domain is refused at the input")
{
  // The pay rate (domain: above -1 and below 1) drawn from a normal with no bounds.
  const ModelLoad loaded =
    load(k_pay_scenario + uncertain("pay", "indices.pay.default", normal(0.02, 0.01)));
  CHECK_FALSE(loaded.model);
  CHECK(only_message(loaded)
        == "'uncertainty.pay', normal(mean 0.02, sd 0.01), draws 'indices.pay.default' from "
           "-inf to inf, but the scenario accepts between -1 and 1 for it: bound the "
           "distribution inside that, or write 'truncate = true' to draw only there");
  CHECK(loaded.diagnostics[0].pos.line == 19); // [uncertainty.pay], after 17 lines and a blank

  // Entries a year (0 or more) from a uniform that starts at -500.
  const ModelLoad entries = load(
    k_ladder_scenario + uncertain("entries", "ladder.entries.per_year", uniform(-500.0, 300.0)));
  CHECK(has(only_message(entries), "from -500 to 300, but the scenario accepts 0 or more"));
}

TEST_CASE("truncate = true draws only inside the domain, and params shows it")
{
  const Model model = model_from(k_ladder_scenario
                                 + uncertain("entries", "ladder.entries.per_year",
                                             uniform(-500.0, 300.0) + "truncate = true\n"));
  REQUIRE(model.inputs().size() == 1);
  const Distribution& drawn = model.inputs()[0].distribution;
  // Uniform on [0, 300] once truncated: mean 150.
  CHECK(describe(drawn) == "uniform(low -500, high 300) truncated to [0, inf], mean 150");
  const Sampler sampler({drawn}, {}, 7);
  const Eigen::MatrixXd values = sampler.sample(0, 2000);
  CHECK(values.minCoeff() >= 0.0);
  CHECK(values.maxCoeff() <= 300.0);
  // The uniform on [0, 300] has mean 150: within 5 standard errors (86.6 / sqrt(2000)).
  CHECK(std::abs(values.mean() - 150.0) < 5.0 * 86.6 / std::sqrt(2000.0));
}

TEST_CASE("a truncation that keeps nothing is refused")
{
  const ModelLoad loaded = load(k_ladder_scenario
                                + uncertain("entries", "ladder.entries.per_year",
                                            uniform(-500.0, -100.0) + "truncate = true\n"));
  CHECK(has(only_message(loaded), "has no probability where the scenario accepts"));
}

TEST_CASE("a share that must add up to 1 with others cannot be drawn alone")
{
  const ModelLoad entry = load(
    k_ladder_scenario + uncertain("share", "ladder.types.home.entry_share", uniform(0.8, 1.0)));
  CHECK(has(only_message(entry), "one of shares that must add up to 1"));
  CHECK(has(only_message(entry), "'shift_entries' overlay"));
  const ModelLoad price =
    load(k_pay_scenario + uncertain("share", "lines.staffing.prices.pay", uniform(0.8, 1.0)));
  CHECK(has(only_message(price), "one of shares that must add up to 1"));
}

TEST_CASE("a draw whose moves and exit rate pass 1 stops the run, naming the draw and the rule")
{
  // home's exit rate drawn from 0.5 to 1.0 with its move of 0.1 to away: a draw above
  // 0.9 loses more than all of home's children.
  const Model model = model_from(
    k_ladder_scenario + uncertain("home_exits", "ladder.types.home.exit_rate", uniform(0.5, 1.0)));
  SimulationSettings settings;
  settings.draws = 200;
  settings.seed = 3;
  const SimulationResult result = simulate(model, settings);
  CHECK_FALSE(result.simulation);
  REQUIRE(result.diagnostics.size() == 1);
  // The draw named is the first whose exit rate passes 0.9 (and the tolerance of 1e-6).
  const Sampler sampler({model.inputs()[0].distribution}, {}, settings.seed);
  const Eigen::MatrixXd values = sampler.sample(0, settings.draws);
  Eigen::Index first = 0;
  while (values(0, first) <= 0.9 + 1e-6) {
    ++first;
  }
  const Diagnostic& problem = result.diagnostics[0];
  INFO(problem.message);
  CHECK(problem.message.starts_with(fmt::format(
    "draw {} is not a scenario carecast accepts, so nothing is written: the moves and exit "
    "rate of 'home', the shares of its children leaving it in a year, add up to",
    first + 1)));
  CHECK(problem.pos.line == 24); // exit_rate = 0.5 under [ladder.types.home]
}

TEST_CASE("sensitivity's swings stay inside each parameter's domain")
{
  // The pay rate is 0.6; a swing of 90% would take it to 1.14, past what a rate may be.
  std::string text = k_pay_scenario;
  text.replace(text.find("default = 0.02"), 14, "default = 0.60");
  const Model model = model_from(text);
  SensitivitySettings settings;
  settings.metric = *parse_metric(model, "total");
  settings.swing = 0.9;
  settings.all = true;
  const Sensitivity result = sensitivity(model, settings);
  const int pay = *model.find_parameter("indices.pay.default");
  const auto bar = std::ranges::find(result.tornado, pay, &TornadoBar::parameter);
  REQUIRE(bar != result.tornado.end());
  CHECK(bar->low_value == doctest::Approx(0.06));
  CHECK(bar->high_value < 1.0);
  CHECK(bar->high_value == std::nextafter(1.0, 0.0));
}

TEST_CASE("every uncertain input of every shipped and test scenario draws a valid scenario "
          "at its extremes")
{
  // u = 1e-12 and 1 - 1e-12, one input at a time with the rest at their values: each
  // value is inside its domain, the joint rules hold, and every figure is finite.
  int inputs = 0;
  for (const char* folder : {"../../scenarios", "../../tests"}) {
    for (const std::filesystem::path& file : scenario_files(folder)) {
      const ModelLoad loaded = read_model(file);
      if (!loaded.model) {
        continue; // a broken example, refused with its errors elsewhere
      }
      const Model& model = *loaded.model;
      const std::vector<JointRule> rules = joint_rules(model);
      for (const ModelInput& input : model.inputs()) {
        ++inputs;
        for (const double u : {1e-12, 1.0 - 1e-12}) {
          Eigen::VectorXd values = model.values();
          values[input.parameter] = quantile(input.distribution, u);
          INFO(file.string(), ": ", input.id, " at u = ", u, ": ", values[input.parameter]);
          const ParameterRows column = values;
          CHECK_FALSE(first_broken_rule(model, rules, column));
          CHECK_FALSE(check_finite(model, Evaluator(model).evaluate(column)));
        }
      }
    }
  }
  // The shipped DCST scenarios alone have more than 20 uncertain inputs.
  CHECK(inputs > 20);
}
