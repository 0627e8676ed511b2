#include "common.hpp"

#include "carecast/batch.hpp"
#include "carecast/blocks.hpp"
#include "carecast/writers.hpp"

#include <fmt/format.h>
#include <iostream>

namespace carecast::cli {
namespace {

struct BatchOptions
{
  std::vector<std::string> paths;
  std::string out;
  int jobs = 0;
  Gates gates;
};

// How one scenario of a batch went, in the order of the worst outcome first.
enum class RunStatus { invalid, unfit_gates, failed_gates, written };

struct ScenarioRun
{
  RunStatus status = RunStatus::invalid;
  std::string messages; // for stderr, printed in file order once every run is done
  std::vector<BatchSummaryRow> summary;
  RunProvenance provenance; // the batch's command line and this scenario's files
};

// Compares one scenario, writes its CSV and record into `out`, and checks the gates.
ScenarioRun run_one(const std::filesystem::path& file, const BatchOptions& options)
{
  ScenarioRun run;
  const ModelLoad loaded = read_model(file.string());
  run.provenance.arguments = this_run().arguments;
  run.provenance.add_inputs(loaded.sources);
  for (const Diagnostic& diagnostic : loaded.diagnostics) {
    run.messages += render(diagnostic, loaded.sources);
  }
  if (!loaded.model) {
    return run;
  }
  const Model& model = *loaded.model;
  const Report report =
    compare_with_savings(model, Evaluator(model).evaluate(model.values()), file.stem().string());
  if (const auto problems = gate_problems(report, options.gates); !problems.empty()) {
    run.status = RunStatus::unfit_gates;
    run.messages +=
      fmt::format("carecast: error: {}: {}\n", file.string(), fmt::join(problems, "; "));
    return run;
  }
  write_csv_output(std::filesystem::path(options.out) / (report.scenario + ".csv"),
                   write_csv(report), run.provenance);
  run.summary = batch_summary(report);
  const std::vector<std::string> failures = failed_gates(report, options.gates);
  for (const std::string& failure : failures) {
    run.messages += fmt::format("carecast: gate failed: {}: {}\n", file.string(), failure);
  }
  run.status = failures.empty() ? RunStatus::written : RunStatus::failed_gates;
  return run;
}

ExitCode exit_code(const std::vector<ScenarioRun>& runs)
{
  RunStatus worst = RunStatus::written;
  for (const ScenarioRun& run : runs) {
    worst = std::min(worst, run.status);
  }
  switch (worst) {
  case RunStatus::invalid:
    return ExitCode::invalid_input;
  case RunStatus::unfit_gates:
    return ExitCode::usage;
  case RunStatus::failed_gates:
    return ExitCode::gate_failed;
  case RunStatus::written:
    break;
  }
  return ExitCode::success;
}

ExitCode run_batch(const BatchOptions& options)
{
  const BatchFiles found = batch_files(options.paths);
  if (!found.problems.empty()) {
    throw UsageError(fmt::format("{}", fmt::join(found.problems, "; ")));
  }
  std::error_code error;
  std::filesystem::create_directories(options.out, error);
  if (error) {
    throw Error(
      fmt::format("cannot create the output directory '{}': {}", options.out, error.message()));
  }
  std::vector<ScenarioRun> runs(found.files.size());
  for_each_item(static_cast<std::int64_t>(runs.size()),
                options.jobs > 0 ? options.jobs : default_threads(), [&](std::int64_t i) {
                  runs[static_cast<std::size_t>(i)] =
                    run_one(found.files[static_cast<std::size_t>(i)], options);
                });
  std::vector<BatchSummaryRow> summary;
  RunProvenance every_input;
  every_input.arguments = this_run().arguments;
  for (std::size_t i = 0; i < runs.size(); ++i) {
    std::cerr << runs[i].messages;
    summary.insert(summary.end(), runs[i].summary.begin(), runs[i].summary.end());
    every_input.inputs.insert(runs[i].provenance.inputs.begin(), runs[i].provenance.inputs.end());
    static constexpr const char* k_status[] = {"invalid", "gates do not fit", "gate failed", "ok"};
    std::cout << fmt::format("{:<17} {}\n", k_status[static_cast<int>(runs[i].status)],
                             found.files[i].string());
  }
  write_csv_output(std::filesystem::path(options.out) / "summary.csv", write_batch_summary(summary),
                   every_input);
  return exit_code(runs);
}

} // namespace

Command register_batch(CLI::App& app)
{
  auto options = std::make_shared<BatchOptions>();
  CLI::App* command = app.add_subcommand(
    "batch", "Compare every scenario in files and directories, one CSV each and a summary");
  command->footer("Example:\n  carecast batch scenarios/dcst_2022*.toml --out results "
                  "--require-cheapest transfer");
  command->add_option("paths", options->paths, "Scenario files, and directories of them")
    ->required();
  command->add_option("--out", options->out, "Directory for the CSVs (made if missing)")
    ->required()
    ->type_name("DIR");
  command->add_option("--jobs", options->jobs, "Scenarios run at once (default: all cores)")
    ->check(CLI::Range(1, 256));
  add_gate_options(*command, options->gates, true);
  return {command, [options] { return run_batch(*options); }};
}

} // namespace carecast::cli
