#include "common.hpp"

#include "carecast/validate_report.hpp"

#include <algorithm>
#include <iostream>

namespace carecast::cli {
namespace {

struct ValidateOptions
{
  std::vector<std::string> files;
  OutputOptions output;
};

ExitCode run_validate(const ValidateOptions& options, RunProvenance& provenance)
{
  ValidationReport report;
  for (const std::string& file : options.files) {
    const ModelLoad loaded = read_model(file_path(file));
    provenance.add_inputs(loaded.sources);
    for (const Diagnostic& diagnostic : loaded.diagnostics) {
      std::cerr << render(diagnostic, loaded.sources);
    }
    report.scenarios.push_back(scenario_check(file, loaded));
  }
  emit(&report, options.output, provenance);
  const bool all_valid = std::all_of(report.scenarios.begin(), report.scenarios.end(),
                                     [](const ScenarioCheck& check) { return check.valid; });
  return all_valid ? ExitCode::success : ExitCode::invalid_input;
}

} // namespace

Command register_validate(CLI::App& app)
{
  auto options = std::make_shared<ValidateOptions>();
  CLI::App* command = app.add_subcommand(
    "validate", "Check scenario files and report every problem as FILE:LINE:COL");
  command->footer("Examples:\n  carecast validate scenarios/*.toml\n"
                  "  carecast validate scenarios/*.toml --format json -o validation.json");
  command->add_option("files", options->files, "Scenario files (TOML)")->required();
  add_output_options(*command, options->output);
  return {command,
          [options](RunProvenance& provenance) { return run_validate(*options, provenance); }};
}

} // namespace carecast::cli
