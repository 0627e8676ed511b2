#include "common.hpp"

namespace carecast::cli {
namespace {

struct RunOptions
{
  std::string scenario;
  std::vector<std::string> options;
  OutputOptions output;
  Gates gates;
};

std::vector<int> chosen_options(const Model& model, const std::vector<std::string>& ids)
{
  std::vector<int> chosen;
  for (const std::string& id : ids) {
    chosen.push_back(option_index(model, id, "--option"));
  }
  return chosen;
}

ExitCode run_run(const RunOptions& options, RunProvenance& provenance)
{
  return report_on(
    options.scenario, options.output,
    [&](const Model& model, const Outcome& outcome, const std::string& id) {
      return run_report(model, outcome, id, chosen_options(model, options.options));
    },
    options.gates, provenance);
}

} // namespace

Command register_run(CLI::App& app)
{
  auto options = std::make_shared<RunOptions>();
  CLI::App* command =
    app.add_subcommand("run", "Project every cost line per year for one option or all");
  command->footer(
    "Example:\n  carecast run scenarios/dcst_2022.toml --option transfer --format csv");
  command->add_option("scenario", options->scenario, "Scenario file (TOML)")->required();
  command->add_option("--option", options->options, "Option id (repeatable; default: all)")
    ->type_name("OPTION");
  add_output_options(*command, options->output, true);
  add_gate_options(*command, options->gates, false);
  return {command,
          [options](RunProvenance& provenance) { return run_run(*options, provenance); }};
}

} // namespace carecast::cli
