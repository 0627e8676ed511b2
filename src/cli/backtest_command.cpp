#include "common.hpp"

#include "carecast/actuals.hpp"
#include "carecast/backtest.hpp"
#include "carecast/forecast_band.hpp"

#include <fmt/format.h>
#include <iostream>

namespace carecast::cli {
namespace {

struct BacktestOptions
{
  std::string scenario;
  std::string actuals;
  std::string option;
  SamplingOptions sampling;
  const CLI::Option* draws = nullptr; // --draws, to tell whether it was given
  OutputOptions output;
};

// The point forecast set against the actuals; nothing after printing every problem
// with the actuals, those of the file and those of matching it to the forecast.
std::optional<Backtest> point_backtest(const Model& model, const std::string& id, int option,
                                       const std::string& actuals_file,
                                       RunProvenance& provenance)
{
  const Outcome outcome = Evaluator(model).evaluate(model.values());
  const Report forecast = run_report(model, outcome, id, {option});
  ActualsResult actuals = read_actuals_file(file_path(actuals_file));
  provenance.add_inputs(actuals.sources);
  BacktestResult result =
    backtest(forecast, model.options()[option].id, actuals.actuals, actuals_file);
  actuals.diagnostics.insert(actuals.diagnostics.end(), result.diagnostics.begin(),
                             result.diagnostics.end());
  if (!actuals.diagnostics.empty()) {
    print_problems(std::move(actuals.diagnostics), actuals.sources);
    return std::nullopt;
  }
  // Only once the file is good, so that its errors come first.
  print_warnings(actuals.warnings);
  return std::move(result.backtest);
}

// Draws the bands only once the actuals are known to be good, as they take the time.
bool add_bands(Backtest& backtest, const LoadedScenario& loaded, int option,
               const SamplingOptions& sampling, RunProvenance& provenance)
{
  const ForecastBandsResult result =
    forecast_bands(*loaded.model, option,
                   simulation_settings(sampling, "backtest", band_values_per_draw(*loaded.model),
                                       provenance));
  if (!report_problems(result.diagnostics, loaded)) {
    return false;
  }
  add_coverage(backtest, *result.bands);
  return true;
}

ExitCode run_backtest(const BacktestOptions& options, RunProvenance& provenance)
{
  const auto loaded = load(options.scenario, provenance);
  if (!loaded) {
    return ExitCode::invalid_input;
  }
  const Model& model = *loaded->model;
  const int option = options.option.empty() ? 0 : option_index(model, options.option, "--option");
  refuse_draws_without_inputs(model, *options.draws, options.scenario, "back-test draws no bands");
  std::optional<Backtest> backtest = point_backtest(model, loaded->id, option, options.actuals, provenance);
  if (!backtest) {
    return ExitCode::invalid_input;
  }
  // Without uncertain inputs there is no band, and the back-test is the point forecast's.
  if (!model.inputs().empty() && !add_bands(*backtest, *loaded, option, options.sampling, provenance)) {
    return ExitCode::invalid_input;
  }
  emit(&*backtest, options.output, provenance);
  return ExitCode::success;
}

} // namespace

Command register_backtest(CLI::App& app)
{
  auto options = std::make_shared<BacktestOptions>();
  CLI::App* command = app.add_subcommand(
    "backtest",
    "Set an option's forecast against actuals (CSV): errors, MAPE and P10-P90 coverage by horizon");
  command->footer("Example:\n  carecast backtest scenarios/dcst_2017.toml --actuals "
                  "data/dcst_actuals.csv");
  command->add_option("scenario", options->scenario, "Scenario file (TOML)")->required();
  command
    ->add_option("--actuals", options->actuals,
                 "Actuals file (CSV: year, line, value; optional measure, source, note)")
    ->required()
    ->type_name("FILE");
  add_option_id_flag(*command, options->option);
  // The band of an 80% interval needs fewer draws than simulate's finer quantiles.
  options->draws = add_sampling_options(*command, options->sampling, 2000);
  add_output_options(*command, options->output);
  return {command,
          [options](RunProvenance& provenance) { return run_backtest(*options, provenance); }};
}

} // namespace carecast::cli
