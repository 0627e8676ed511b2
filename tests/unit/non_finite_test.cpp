#include "carecast/non_finite.hpp"

#include "carecast/forecast_band.hpp"
#include "carecast/sensitivity.hpp"
#include "carecast/simulation.hpp"
#include "carecast/sobol_analysis.hpp"
#include "test_model.hpp"
#include "test_scenarios.hpp"

#include <doctest/doctest.h>

#include <limits>

using namespace carecast;
using namespace carecast::test;

namespace {

constexpr double k_inf = std::numeric_limits<double>::infinity();
constexpr double k_nan = std::numeric_limits<double>::quiet_NaN();

// An outcome of 2 options, 2 lines, 3 years and 4 draws, every figure 1.
Outcome ones()
{
  Outcome outcome(2, 2, 3, 3, 4);
  for (int o = 0; o < 2; ++o) {
    for (int l = 0; l < 2; ++l) {
      for (int p = 0; p < 3; ++p) {
        outcome.cost(o, l, p).setOnes();
      }
    }
    outcome.net_present_cost(o).setOnes();
  }
  return outcome;
}

// k_pay_scenario and its option `change`, with the base of line `care` (line 14)
// uncertain: lognormal with median 5 and `sigma`.
std::string care_uncertain(double sigma)
{
  return k_pay_scenario + k_change_option
         + uncertain("care_base", "lines.care.base", lognormal(5.0, sigma));
}

} // namespace

TEST_CASE("an outcome whose figures are all finite has no non-finite figure")
{
  CHECK_FALSE(first_non_finite(ones()));
}

TEST_CASE("figures that are all finite but whose sum over the draws overflows are finite")
{
  // 1e308 in each of 4 draws: their sum, 4e308, is past the largest double (about
  // 1.8e308), but every figure is a finite number.
  Outcome outcome = ones();
  outcome.cost(0, 1, 2).setConstant(1e308);
  CHECK_FALSE(first_non_finite(outcome));
}

TEST_CASE("the first figure that is not finite is found by option, line, period, then draw")
{
  Outcome outcome = ones();
  outcome.cost(1, 1, 0)[0] = k_nan; // a later line of the same option
  outcome.cost(1, 0, 2)[3] = k_inf;
  outcome.cost(1, 0, 2)[1] = -k_inf; // the earlier draw of the same figure
  const std::optional<NonFiniteFigure> found = first_non_finite(outcome);
  REQUIRE(found);
  CHECK(found->option == 1);
  CHECK(found->line == 0);
  CHECK(found->period == 2);
  CHECK(found->draw == 1);
  CHECK(found->value == -k_inf);
}

TEST_CASE("a net present cost that is not finite is found after the option's lines")
{
  Outcome outcome = ones();
  outcome.net_present_cost(0)[2] = k_inf;
  outcome.cost(1, 0, 0)[0] = k_inf; // a later option
  const std::optional<NonFiniteFigure> found = first_non_finite(outcome);
  REQUIRE(found);
  CHECK(found->option == 0);
  CHECK(found->line == k_none);
  CHECK(found->draw == 2);
}

TEST_CASE("a scenario whose own figures overflow is refused at the line's base")
{
  // 1e308 a year, grown 2% a year, is past the largest double (about 1.8e308) by the
  // fourth year: 1e308 x 1.02^3 = 1.06e308 does not overflow, but the four years' sum does.
  std::string text = k_pay_scenario;
  text.replace(text.find("base = 10.0"), 11, "base = 1e308");
  const ModelLoad loaded = read_model_text(text, "test.toml");
  CHECK_FALSE(loaded.model);
  REQUIRE(loaded.diagnostics.size() == 1);
  const Diagnostic& problem = loaded.diagnostics.front();
  CHECK(problem.pos.line == 10); // base = 1e308, under [lines.staffing]
  CHECK(mentions(problem, "not a finite number"));
  CHECK(mentions(problem, "'lines.staffing.base' = 1e+308"));
}

TEST_CASE("the watch keeps the earliest draw whichever block reports first")
{
  const Model model = model_from(care_uncertain(0.1));
  const int rate = *model.find_parameter("lines.care.base");
  ParameterRows parameters = model.values().replicate(1, 4);
  DrawWatch watch(model);

  Outcome late = ones();
  late.cost(0, 0, 0)[1] = k_inf;
  parameters(rate, 1) = 900.0;
  watch.check(late, parameters, 256); // draw 257 of the run

  Outcome early = ones();
  early.cost(1, 1, 2)[3] = k_nan;
  parameters(rate, 3) = k_inf;
  watch.check(early, parameters, 0); // draw 3

  const std::optional<Diagnostic> problem = watch.problem("draw");
  REQUIRE(problem);
  INFO(problem->message);
  CHECK(problem->message.starts_with(
    "draw 4 gives option 'change' a cost of nan on line 'care' in 2023/24, which is not a "
    "finite number"));
  CHECK(mentions(*problem, "'lines.care.base' (uncertain input 'care_base') is inf"));
  CHECK(problem->pos == model.parameters()[rate].pos);
}

TEST_CASE("a watch that saw only finite figures reports nothing")
{
  const Model model = model_from(k_pay_scenario);
  DrawWatch watch(model);
  watch.check(ones(), model.values().replicate(1, 4), 0);
  CHECK_FALSE(watch.problem("draw"));
}

TEST_CASE("a sampled input that overflows stops every sampled analysis, named with its draw")
{
  // exp(400 x z) is infinite for any z above 1.77 (log of the largest double over 5,
  // 708.2, over 400): about 4 draws in a hundred of a standard normal. An infinite draw
  // is refused before it is evaluated.
  const Model model = model_from(care_uncertain(400.0));
  SimulationSettings settings;
  settings.draws = 300;
  settings.seed = 5;
  const auto located = [&](const Diagnostic& problem) {
    INFO(problem.message);
    CHECK(problem.pos.line == 14); // base = 5.0, under [lines.care]
    CHECK(mentions(problem, "not a finite number"));
    CHECK(mentions(problem, "'lines.care.base' (uncertain input 'care_base') is inf"));
  };

  const SimulationResult one_thread = simulate(model, settings);
  REQUIRE(one_thread.diagnostics.size() == 1);
  CHECK_FALSE(one_thread.simulation);
  CHECK(one_thread.diagnostics[0].message.starts_with("draw "));
  CHECK(mentions(one_thread.diagnostics[0], "is inf, which is not a finite number"));
  located(one_thread.diagnostics[0]);
  settings.threads = 2;
  const SimulationResult two_threads = simulate(model, settings);
  REQUIRE(two_threads.diagnostics.size() == 1);
  CHECK(two_threads.diagnostics[0].message == one_thread.diagnostics[0].message);

  const ForecastBandsResult bands = forecast_bands(model, 0, settings);
  CHECK_FALSE(bands.bands);
  REQUIRE(bands.diagnostics.size() == 1);
  located(bands.diagnostics[0]);

  SobolSettings sobol;
  sobol.samples = 64;
  const SobolRun run = sobol_analysis(model, 0, sobol);
  CHECK_FALSE(run.analysis);
  REQUIRE(run.overflow);
  CHECK(run.overflow->message.starts_with("evaluation "));
  located(*run.overflow);

  SensitivitySettings sensitive;
  sensitive.metric = *parse_metric(model, "total");
  const Sensitivity tornado = sensitivity(model, sensitive);
  REQUIRE(tornado.overflow);
  CHECK(tornado.tornado.empty());
  located(*tornado.overflow);
}

TEST_CASE("simulate keeps each option's cost per year and its net present cost a draw")
{
  // k_pay_scenario: 1 option, 4 years (2021/22 to 2024/25): 4 + 1 values.
  CHECK(simulation_values_per_draw(model_from(k_pay_scenario)) == 5);
  // With the option `change`: 2 x (4 + 1).
  CHECK(simulation_values_per_draw(model_from(k_pay_scenario + k_change_option)) == 10);
  // The bands keep each of the 2 lines and the total per year: 3 x 4.
  CHECK(band_values_per_draw(model_from(k_pay_scenario)) == 12);
}
