#include "common.hpp"

#include "carecast/simulation_writer.hpp"

#include <iostream>

namespace carecast::cli {
namespace {

struct SimulateOptions
{
  std::string scenario;
  SamplingOptions sampling;
  OutputOptions output;
};

ExitCode run_simulate(const SimulateOptions& options)
{
  const auto loaded = load(options.scenario);
  if (!loaded) {
    return ExitCode::invalid_input;
  }
  const Model& model = *loaded->model;
  SimulationResult result = simulate(
    model, simulation_settings(options.sampling, "simulate", simulation_values_per_draw(model)));
  if (!report_problems(result.diagnostics, *loaded)) {
    return ExitCode::invalid_input;
  }
  emit_analysis(simulation_report(model, loaded->id, std::move(*result.simulation)), options.output,
                model, loaded->id);
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
  return {command, [options] { return run_simulate(*options); }};
}

} // namespace carecast::cli
