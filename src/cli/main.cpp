// carecast: budget forecasting for children's services. This file only wires the
// subcommands together and turns failures into messages and exit codes.

#include "common.hpp"
#include "console.hpp"

#include "carecast/diagnostic.hpp"
#include "carecast/output.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <iostream>
#include <new>
#include <vector>

namespace {

// A first word that names no subcommand is named in the error, with the nearest
// subcommand; CLI11 itself would only say that a subcommand is required.
void check_subcommand(const CLI::App& app, const std::vector<std::string>& arguments)
{
  if (arguments.size() < 2 || arguments[1].empty() || arguments[1][0] == '-') {
    return;
  }
  std::vector<std::string> names;
  for (const CLI::App* command : app.get_subcommands({})) {
    names.push_back(command->get_name());
  }
  if (std::find(names.begin(), names.end(), arguments[1]) == names.end()) {
    throw carecast::cli::UsageError(
      fmt::format("unknown subcommand '{}'{} (carecast help lists them)", arguments[1],
                  carecast::did_you_mean(arguments[1], names)));
  }
}

// `carecast help` is the overview; `carecast help COMMAND` is `carecast COMMAND --help`.
std::vector<std::string> help_arguments(std::vector<std::string> arguments)
{
  if (arguments.size() > 2 && arguments[1] == "help") {
    arguments = {arguments[0], arguments[2], "--help"};
  }
  return arguments;
}

} // namespace

int main(int argc, char** argv)
{
  using carecast::cli::ExitCode;
  carecast::cli::prepare_console();
  carecast::prepare_output();
  const std::vector<std::string> given = carecast::cli::utf8_arguments(argc, argv);
  CLI::App app{"carecast: budget forecasts and option appraisal for children's services",
               "carecast"};
  const std::size_t width = carecast::cli::stdout_width();
  app.formatter(carecast::cli::help_formatter(width));
  app.require_subcommand(1);
  // Options are spelled the same on Windows (CLI11 would take /x there as an option, and
  // with it every absolute path written with slashes).
  app.allow_windows_style_options(false);
  app.set_version_flag("--version", CARECAST_VERSION);
  const std::vector<carecast::cli::Command> commands{
    carecast::cli::register_compare(app),   carecast::cli::register_run(app),
    carecast::cli::register_validate(app),  carecast::cli::register_diff(app),
    carecast::cli::register_init(app),      carecast::cli::register_explain(app),
    carecast::cli::register_summary(app),   carecast::cli::register_calibrate(app),
    carecast::cli::register_backtest(app),  carecast::cli::register_outturn(app),
    carecast::cli::register_params(app),
    carecast::cli::register_simulate(app),  carecast::cli::register_sensitivity(app),
    carecast::cli::register_sobol(app),     carecast::cli::register_batch(app),
    carecast::cli::register_completion(app),
    carecast::cli::register_completion_values(app)};
  carecast::RunProvenance provenance;
  provenance.arguments.assign(given.begin() + 1, given.end());
  try {
    if (given.size() == 1 || (given.size() == 2 && given[1] == "help")) {
      std::cout << carecast::cli::overview(app, width);
      return static_cast<int>(given.size() == 1 ? ExitCode::usage : ExitCode::success);
    }
    std::vector<std::string> arguments = help_arguments(given);
    check_subcommand(app, arguments);
    std::vector<char*> words;
    for (std::string& argument : arguments) {
      words.push_back(argument.data());
    }
    app.parse(static_cast<int>(words.size()), words.data());
    for (const auto& command : commands) {
      if (command.app->parsed()) {
        return static_cast<int>(command.run(provenance));
      }
    }
  } catch (const carecast::StandardOutputClosed&) {
    return static_cast<int>(ExitCode::success);
  } catch (const CLI::ParseError& failure) {
    if (failure.get_exit_code() == 0) {
      return app.exit(failure);
    }
    std::cerr << "carecast: error: " << carecast::cli::usage_problem(app, failure) << "\n";
    return static_cast<int>(ExitCode::usage);
  } catch (const carecast::cli::UsageError& failure) {
    std::cerr << "carecast: error: " << failure.what() << "\n";
    return static_cast<int>(ExitCode::usage);
  } catch (const carecast::Error& failure) {
    std::cerr << "carecast: error: " << failure.what() << "\n";
    return static_cast<int>(ExitCode::output_failed);
  } catch (const std::bad_alloc&) {
    std::cerr << "carecast: error: out of memory (try fewer draws or samples)\n";
    return static_cast<int>(ExitCode::internal);
  } catch (const std::exception& failure) {
    std::cerr << "carecast: error: internal error: " << failure.what() << "\n";
    return static_cast<int>(ExitCode::internal);
  }
  return static_cast<int>(ExitCode::usage);
}
