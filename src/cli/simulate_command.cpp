#include "common.hpp"

#include "carecast/simulation_report.hpp"

#include <iostream>

namespace carecast::cli {
namespace {

struct SimulateOptions
{
  std::string scenario;
  SamplingOptions sampling;
  OutputOptions output;
};

ExitCode run_simulate(const SimulateOptions& options, RunProvenance& provenance)
{
  const auto loaded = load(options.scenario, provenance);
  if (!loaded) {
    return ExitCode::invalid_input;
  }
  const Model& model = *loaded->model;
  SimulationResult result = simulate(
    model, simulation_settings(options.sampling, "simulate",
                                              simulation_values_per_draw(model), provenance));
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
    "simulate", "Monte Carlo: quantiles per option and year, P(cheapest), P(over budget)");
  command->footer(
    "Example:\n  carecast simulate scenarios/dcst_2022.toml --draws 100000 --seed 7 --format csv");
  command->add_option("scenario", options->scenario, "Scenario file (TOML)")->required();
  add_sampling_options(*command, options->sampling, 10'000);
  add_output_options(*command, options->output, true);
  return {command,
          [options](RunProvenance& provenance) { return run_simulate(*options, provenance); }};
}

} // namespace carecast::cli
