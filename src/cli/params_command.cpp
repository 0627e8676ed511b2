#include "common.hpp"

#include "carecast/params.hpp"

namespace carecast::cli {
namespace {

struct ParamsOptions
{
  std::string scenario;
  OutputOptions output;
};

ExitCode run_params(const ParamsOptions& options)
{
  const auto loaded = load(options.scenario);
  if (!loaded) {
    return ExitCode::invalid_input;
  }
  emit(parameter_list(*loaded->model, loaded->id), options.output);
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
  return {command, [options] { return run_params(*options); }};
}

} // namespace carecast::cli
