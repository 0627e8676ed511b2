#include "common.hpp"

#include "carecast/params.hpp"

namespace carecast::cli {
namespace {

struct ParamsOptions
{
  std::string scenario;
  OutputOptions output;
};

ExitCode run_params(const ParamsOptions& options, RunProvenance& provenance)
{
  const auto loaded = load(options.scenario, provenance);
  if (!loaded) {
    return ExitCode::invalid_input;
  }
  const ParameterList parameters = parameter_list(*loaded->model, loaded->id);
  emit(&parameters, options.output, provenance);
  return ExitCode::success;
}

} // namespace

Command register_params(CLI::App& app)
{
  auto options = std::make_shared<ParamsOptions>();
  CLI::App* command = app.add_subcommand(
    "params", "List every parameter by its address, with value, unit, source and distribution");
  command->footer("Example:\n  carecast params scenarios/dcst_2022.toml --format csv");
  command->add_option("scenario", options->scenario, "Scenario file (TOML)")->required();
  add_output_options(*command, options->output);
  return {command,
          [options](RunProvenance& provenance) { return run_params(*options, provenance); }};
}

} // namespace carecast::cli
