#include "common.hpp"

#include "carecast/simulation_report.hpp"

#include <fmt/format.h>
#include <iostream>

namespace carecast::cli {
namespace {

struct SimulateOptions
{
  std::string scenario;
  SamplingOptions sampling;
  std::string versus; // A,B
  double shortfall_threshold = 0.05;
  OutputOptions output;
};

// --vs A,B as the pair A - B; none when not given.
std::vector<OptionPair> pairs_of(const Model& model, const std::string& versus)
{
  if (versus.empty()) {
    return {};
  }
  const std::size_t comma = versus.find(',');
  if (comma == std::string::npos || versus.find(',', comma + 1) != std::string::npos) {
    throw UsageError(fmt::format("--vs {}: give two option ids as A,B", versus));
  }
  const int option = option_index(model, versus.substr(0, comma), "--vs");
  const int reference = option_index(model, versus.substr(comma + 1), "--vs");
  if (option == reference) {
    throw UsageError(fmt::format("--vs {}: name two different options", versus));
  }
  return {{option, reference}};
}

ExitCode run_simulate(const SimulateOptions& options, RunProvenance& provenance)
{
  const auto loaded = load(options.scenario, provenance);
  if (!loaded) {
    return ExitCode::invalid_input;
  }
  const Model& model = *loaded->model;
  if (model.inputs().empty()) {
    std::cerr << render(Diagnostic{{options.scenario},
                                   "the scenario has no uncertain inputs, so every draw would be "
                                   "the same: give some of its parameters a distribution in an "
                                   "[uncertainty] section (see docs/uncertainty.md), or use "
                                   "compare for its figures"},
                        loaded->sources);
    return ExitCode::invalid_input;
  }
  SimulationSettings settings = simulation_settings(options.sampling, "simulate",
                                                    simulation_values_per_draw(model), provenance);
  settings.pairs = pairs_of(model, options.versus);
  settings.shortfall_threshold = options.shortfall_threshold;
  SimulationResult result = simulate(model, settings);
  if (!report_problems(result.diagnostics, *loaded)) {
    return ExitCode::invalid_input;
  }
  const SimulationReport report =
    simulation_report(model, loaded->id, std::move(*result.simulation));
  emit_analysis(&report, options.output, model, loaded->id, provenance);
  return ExitCode::success;
}

} // namespace

Command register_simulate(CLI::App& app)
{
  auto options = std::make_shared<SimulateOptions>();
  CLI::App* command = app.add_subcommand(
    "simulate", "Monte Carlo: how much cheaper each option is and how sure, the risk of "
                "overspend and of savings shortfall");
  command->footer(
    "Example:\n  carecast simulate scenarios/dcst_2022.toml --draws 100000 --seed 7 --format csv");
  command->add_option("scenario", options->scenario, "Scenario file (TOML)")->required();
  add_sampling_options(*command, options->sampling, 10'000);
  command
    ->add_option("--vs", options->versus,
                 "A,B: report the difference A - B (default: each option against the first)")
    ->type_name("OPTION,OPTION");
  add_number_option(*command, "--shortfall-threshold", options->shortfall_threshold,
                    "A savings shortfall above this (in the scenario's unit) counts in "
                    "P(shortfall)",
                    NumberRange{0.0, 1e9, false, std::nullopt, "in the scenario's unit"})
    ->capture_default_str();
  add_output_options(*command, options->output, true);
  return {command,
          [options](RunProvenance& provenance) { return run_simulate(*options, provenance); }};
}

} // namespace carecast::cli
