#include "common.hpp"

#include "carecast/summary.hpp"

namespace carecast::cli {
namespace {

struct SummaryOptions
{
  std::string scenario;
  std::string option;
  OutputOptions output;
};

ExitCode run_summary(const SummaryOptions& options, RunProvenance& provenance)
{
  return report_on(
    options.scenario, options.output,
    [&](const Model& model, const Outcome& outcome, const std::string& id) {
      const int option =
        options.option.empty() ? 0 : option_index(model, options.option, "--option");
      return summary_report(model, outcome, model.values(), id, option);
    },
    Gates{}, provenance);
}

} // namespace

Command register_summary(CLI::App& app)
{
  auto options = std::make_shared<SummaryOptions>();
  CLI::App* command = app.add_subcommand(
    "summary", "Show the budget build-up, an option's cost and the gap per year (the MTFS view)");
  command->footer(
    "Example:\n  carecast summary scenarios/dcst_2022.toml --option transfer --format csv");
  command->add_option("scenario", options->scenario, "Scenario file (TOML)")->required();
  add_option_id_flag(*command, options->option);
  add_output_options(*command, options->output);
  return {command,
          [options](RunProvenance& provenance) { return run_summary(*options, provenance); }};
}

} // namespace carecast::cli
