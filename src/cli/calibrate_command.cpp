#include "common.hpp"

#include "carecast/calibrate.hpp"
#include "carecast/calibrate_writer.hpp"

#include <fmt/format.h>
#include <iostream>

namespace carecast::cli {
namespace {

struct CalibrateOptions
{
  std::string history;
  std::string column;
  std::string index;
  std::string fragment_path;
  std::string format = "table";
};

ExitCode run_calibrate(const CalibrateOptions& options, RunProvenance& provenance)
{
  const CalibrationResult result = calibrate_file(file_path(options.history), options.column);
  provenance.add_inputs(result.sources);
  for (const Diagnostic& diagnostic : result.diagnostics) {
    std::cerr << render(diagnostic, result.sources);
  }
  if (!result.calibration) {
    return ExitCode::invalid_input;
  }
  print_warnings(result.warnings); // only once the file is good, so that its errors come first
  const Calibration& calibration = *result.calibration;
  if (!options.index.empty() && std::holds_alternative<LadderCalibration>(calibration.fit)) {
    throw UsageError(fmt::format("--index {}: {} is a ladder history, whose entries growth goes to "
                                 "the care ladder; fit one column's trend with --column NAME",
                                 options.index, options.history));
  }
  // A fit a scenario would refuse is still reported, for its residuals, but its
  // fragment is not written.
  const bool refused = !calibration.refusals.empty();
  const CalibrationReport report{calibration, options.index,
                                 refused ? std::string() : options.fragment_path};
  if (!options.fragment_path.empty() && !refused) {
    refuse_input(options.fragment_path, provenance);
    write_file_atomically(options.fragment_path, write_fragment(calibration, options.index));
  }
  for (const Diagnostic& refusal : calibration.refusals) {
    std::cerr << render(refusal, result.sources);
  }
  print_warnings(calibration.warnings);
  write_output(&report, format_named(options.format).value_or(Format::table),
               destination(OutputOptions{}), provenance);
  return refused ? ExitCode::invalid_input : ExitCode::success;
}

} // namespace

Command register_calibrate(CLI::App& app)
{
  auto options = std::make_shared<CalibrateOptions>();
  CLI::App* command = app.add_subcommand(
    "calibrate", "Fit a trend or the care ladder's rates to a history of counts (CSV)");
  command->footer("Examples:\n  carecast calibrate data/doncaster_children_in_care.csv\n"
                  "  carecast calibrate data/example_ladder_history.csv -o ladder_fit.toml");
  command->add_option("history", options->history, "History file (CSV)")->required();
  command->add_option("--column", options->column,
                      "Fit a log-linear trend to this column (default: the only numeric column "
                      "besides date; a history with an entries column fits the care ladder)");
  command->add_option("--index", options->index,
                      "Write a trend's growth as the default rate of this index instead of the "
                      "care ladder's entries growth");
  command
    ->add_option("-o,--output", options->fragment_path,
                 "Write the TOML fragment to FILE (replaced whole, never left half-written) "
                 "instead of after the table")
    ->type_name("FILE");
  command->add_option("--format", options->format, "Format of the fit report")
    ->check(CLI::IsMember({"table", "csv", "json"}))
    ->capture_default_str();
  return {command,
          [options](RunProvenance& provenance) { return run_calibrate(*options, provenance); }};
}

} // namespace carecast::cli
