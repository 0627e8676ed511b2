// carecast: budget forecasting for children's services. This file only wires the
// subcommands together and turns failures into messages and exit codes.

#include "common.hpp"

#include "carecast/diagnostic.hpp"

#include <iostream>

int main(int argc, char** argv)
{
  using carecast::cli::ExitCode;
  CLI::App app{"carecast: budget forecasts and option appraisal for children's services",
               "carecast"};
  app.require_subcommand(1);
  app.set_version_flag("--version", CARECAST_VERSION);
  const std::vector<carecast::cli::Command> commands{
    carecast::cli::register_compare(app),   carecast::cli::register_run(app),
    carecast::cli::register_validate(app),  carecast::cli::register_diff(app),
    carecast::cli::register_init(app),      carecast::cli::register_explain(app),
    carecast::cli::register_summary(app),   carecast::cli::register_calibrate(app),
    carecast::cli::register_backtest(app),  carecast::cli::register_params(app),
    carecast::cli::register_simulate(app),  carecast::cli::register_sensitivity(app),
    carecast::cli::register_sobol(app),     carecast::cli::register_batch(app),
    carecast::cli::register_completion(app)};
  carecast::cli::this_run().arguments.assign(argv + 1, argv + argc);
  try {
    app.parse(argc, argv);
    for (const auto& command : commands) {
      if (command.app->parsed()) {
        return static_cast<int>(command.run());
      }
    }
  } catch (const CLI::ParseError& failure) {
    app.exit(failure);
    return failure.get_exit_code() == 0 ? 0 : static_cast<int>(ExitCode::usage);
  } catch (const carecast::cli::UsageError& failure) {
    std::cerr << "carecast: error: " << failure.what() << "\n";
    return static_cast<int>(ExitCode::usage);
  } catch (const carecast::Error& failure) {
    std::cerr << "carecast: error: " << failure.what() << "\n";
    return static_cast<int>(ExitCode::output_failed);
  }
  return static_cast<int>(ExitCode::usage);
}
