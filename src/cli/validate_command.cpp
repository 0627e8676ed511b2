#include "common.hpp"

#include <fmt/format.h>
#include <iostream>

namespace carecast::cli {
namespace {

struct ValidateOptions
{
  std::vector<std::string> files;
};

ExitCode run_validate(const ValidateOptions& options, RunProvenance& provenance)
{
  ExitCode code = ExitCode::success;
  for (const std::string& file : options.files) {
    const auto loaded = load(file, provenance);
    if (!loaded) {
      code = ExitCode::invalid_input;
      continue;
    }
    const Model& model = *loaded->model;
    const auto counted = [](std::size_t count, std::string_view noun) {
      return fmt::format("{} {}{}", count, noun, count == 1 ? "" : "s");
    };
    write_to_stdout(fmt::format("{}: valid ({} to {}, {}, {})\n", file,
                                to_string(model.grid().year(0)),
                                to_string(model.grid().year(model.grid().years() - 1)),
                                counted(model.lines().size(), "line"),
                                counted(model.options().size(), "option")));
  }
  return code;
}

} // namespace

Command register_validate(CLI::App& app)
{
  auto options = std::make_shared<ValidateOptions>();
  CLI::App* command = app.add_subcommand(
    "validate", "Check scenario files and report every problem as FILE:LINE:COL");
  command->footer("Example:\n  carecast validate scenarios/*.toml");
  command->add_option("files", options->files, "Scenario files (TOML)")->required();
  return {command,
          [options](RunProvenance& provenance) { return run_validate(*options, provenance); }};
}

} // namespace carecast::cli
