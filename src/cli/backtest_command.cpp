#include "common.hpp"

#include "carecast/actuals.hpp"
#include "carecast/backtest.hpp"

#include <iostream>

namespace carecast::cli {
namespace {

struct BacktestOptions
{
  std::string scenario;
  std::string actuals;
  std::string option;
  OutputOptions output;
};

// Every problem with the actuals, those of the file and those of matching it to the
// forecast, in one sorted list.
void print_problems(std::vector<Diagnostic> diagnostics, const SourceFiles& sources)
{
  sort_by_position(diagnostics);
  for (const Diagnostic& diagnostic : diagnostics) {
    std::cerr << render(diagnostic, sources);
  }
}

ExitCode run_backtest(const BacktestOptions& options)
{
  const auto loaded = load(options.scenario);
  if (!loaded) {
    return ExitCode::invalid_input;
  }
  const Model& model = *loaded->model;
  const int option = options.option.empty() ? 0 : option_index(model, options.option, "--option");
  const Outcome outcome = Evaluator(model).evaluate(model.values());
  const Report forecast = run_report(model, outcome, loaded->id, {option});

  ActualsResult actuals = read_actuals_file(options.actuals);
  BacktestResult result =
    backtest(forecast, model.options()[option].id, actuals.actuals, options.actuals);
  actuals.diagnostics.insert(actuals.diagnostics.end(), result.diagnostics.begin(),
                             result.diagnostics.end());
  if (!actuals.diagnostics.empty()) {
    print_problems(std::move(actuals.diagnostics), actuals.sources);
    return ExitCode::invalid_input;
  }
  emit(*result.backtest, options.output);
  return ExitCode::success;
}

} // namespace

Command register_backtest(CLI::App& app)
{
  auto options = std::make_shared<BacktestOptions>();
  CLI::App* command = app.add_subcommand(
    "backtest", "Set an option's forecast against actuals (CSV): errors and MAPE by horizon");
  command->footer("Example:\n  carecast backtest scenarios/dcst_2017.toml --actuals "
                  "data/dcst_actuals.csv");
  command->add_option("scenario", options->scenario, "Scenario file (TOML)")->required();
  command
    ->add_option("--actuals", options->actuals,
                 "Actuals file (CSV: year, line, value; optional measure, source, note)")
    ->required();
  command->add_option("--option", options->option, "Option id (default: the first option)");
  add_output_options(*command, options->output);
  return {command, [options] { return run_backtest(*options); }};
}

} // namespace carecast::cli
