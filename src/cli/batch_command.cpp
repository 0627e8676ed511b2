#include "common.hpp"

#include "carecast/batch.hpp"
#include "carecast/blocks.hpp"
#include "carecast/savings.hpp"

#include <algorithm>
#include <array>
#include <fmt/format.h>
#include <iostream>
#include <new>

namespace carecast::cli {
namespace {

struct BatchOptions
{
  std::vector<std::string> paths;
  std::string out;
  int jobs = 0;
  Gates gates;
  bool bom = false; // each CSV starts with UTF-8's byte-order mark
};

// How one scenario of a batch went, the worst outcome first, in the ranking of exit
// codes docs/ci.md gives: 5, 4, 1, 2, 3, 0.
enum class RunStatus { internal, unwritten, invalid, usage, failed_gates, written };

constexpr std::array<std::pair<RunStatus, std::string_view>, 6> k_statuses{{
  {RunStatus::internal, "internal error"},
  {RunStatus::unwritten, "not written"},
  {RunStatus::invalid, "invalid"},
  {RunStatus::usage, "gates do not fit"},
  {RunStatus::failed_gates, "gate failed"},
  {RunStatus::written, "ok"},
}};

constexpr std::array<std::pair<RunStatus, ExitCode>, 6> k_exit_codes{{
  {RunStatus::internal, ExitCode::internal},
  {RunStatus::unwritten, ExitCode::output_failed},
  {RunStatus::invalid, ExitCode::invalid_input},
  {RunStatus::usage, ExitCode::usage},
  {RunStatus::failed_gates, ExitCode::gate_failed},
  {RunStatus::written, ExitCode::success},
}};

template <typename Value>
Value lookup(const std::array<std::pair<RunStatus, Value>, 6>& table, RunStatus status)
{
  return std::find_if(table.begin(), table.end(), [&](const auto& entry) {
           return entry.first == status;
         })->second;
}

struct ScenarioRun
{
  RunStatus status = RunStatus::invalid;
  std::string messages; // for stderr, printed in file order once every run is done
  std::vector<BatchSummaryRow> summary;
  std::string csv;                  // the CSV written; empty when none was
  std::vector<std::string> reasons; // the messages' problems, one line each
  RunProvenance provenance; // the batch's command line and this scenario's files
};

// A problem as summary.json gives it: "FILE:LINE:COL: message", or "FILE: message" for
// a file that cannot be read.
std::string located(const Diagnostic& problem)
{
  return problem.pos.line == 0 ? fmt::format("{}: {}", problem.pos.file, problem.message)
                               : fmt::format("{}:{}:{}: {}", problem.pos.file, problem.pos.line,
                                             problem.pos.column, problem.message);
}

// Compares one scenario, writes its CSV and record into `out`, and checks the gates.
void compare_one(const std::filesystem::path& file, const BatchOptions& options,
                 ScenarioRun& run)
{
  const ModelLoad loaded = read_model(file);
  run.provenance.add_inputs(loaded.sources);
  for (const Diagnostic& diagnostic : loaded.diagnostics) {
    run.messages += render(diagnostic, loaded.sources);
    run.reasons.push_back(located(diagnostic));
  }
  if (!loaded.model) {
    run.status = RunStatus::invalid;
    return;
  }
  const Model& model = *loaded.model;
  const Report report =
    compare_with_savings(model, Evaluator(model).evaluate(model.values()), file.stem().string());
  if (const auto problems = gate_problems(report, options.gates); !problems.empty()) {
    throw UsageError(fmt::format("{}", fmt::join(problems, "; ")));
  }
  const std::filesystem::path output = file_path(options.out) / file_path(report.scenario + ".csv");
  refuse_input(output, run.provenance);
  write_output(&report, Format::csv, {output, {}, options.bom}, run.provenance);
  run.csv = output.string();
  run.summary = batch_summary_rows(report);
  const std::vector<std::string> failures = failed_gates(report, options.gates);
  for (const std::string& failure : failures) {
    run.messages += fmt::format("carecast: gate failed: {}: {}\n", file.string(), failure);
    run.reasons.push_back(failure);
  }
  run.status = failures.empty() ? RunStatus::written : RunStatus::failed_gates;
}

// compare_one, with any failure kept as this scenario's status and message, so that
// one scenario's failure never stops the others.
ScenarioRun run_one(const std::filesystem::path& file, const BatchOptions& options,
                    const RunProvenance& batch)
{
  ScenarioRun run;
  run.provenance.arguments = batch.arguments;
  const auto failed = [&](RunStatus status, std::string_view message) {
    run.status = status;
    run.messages += fmt::format("carecast: error: {}: {}\n", file.string(), message);
    run.reasons.emplace_back(message);
  };
  try {
    compare_one(file, options, run);
  } catch (const UsageError& failure) {
    failed(RunStatus::usage, failure.what());
  } catch (const Error& failure) {
    failed(RunStatus::unwritten, failure.what());
  } catch (const std::bad_alloc&) {
    failed(RunStatus::internal, "out of memory");
  } catch (const std::exception& failure) {
    failed(RunStatus::internal, fmt::format("internal error: {}", failure.what()));
  }
  return run;
}

ExitCode run_batch(const BatchOptions& options, RunProvenance& provenance)
{
  const BatchFiles found = batch_files(options.paths);
  if (!found.problems.empty()) {
    throw UsageError(fmt::format("{}", fmt::join(found.problems, "; ")));
  }
  std::error_code error;
  std::filesystem::create_directories(file_path(options.out), error);
  if (error) {
    throw Error(
      fmt::format("cannot create the output directory '{}': {}", options.out, error.message()));
  }
  std::vector<ScenarioRun> runs(found.files.size());
  for_each_item(static_cast<std::int64_t>(runs.size()),
                options.jobs > 0 ? options.jobs : default_threads(), [&](std::int64_t i) {
                  runs[static_cast<std::size_t>(i)] =
                    run_one(found.files[static_cast<std::size_t>(i)], options, provenance);
                });
  BatchSummary summary;
  RunStatus worst = RunStatus::written;
  std::string statuses;
  for (std::size_t i = 0; i < runs.size(); ++i) {
    std::cerr << runs[i].messages;
    summary.rows.insert(summary.rows.end(), runs[i].summary.begin(), runs[i].summary.end());
    summary.runs.push_back({found.files[i].string(), found.files[i].stem().string(),
                            std::string(lookup(k_statuses, runs[i].status)),
                            static_cast<int>(lookup(k_exit_codes, runs[i].status)), runs[i].csv,
                            runs[i].reasons});
    provenance.inputs.insert(runs[i].provenance.inputs.begin(), runs[i].provenance.inputs.end());
    worst = std::min(worst, runs[i].status);
    statuses +=
      fmt::format("{:<17} {}\n", lookup(k_statuses, runs[i].status), found.files[i].string());
  }
  // The summary is written before the status list is printed, and its failure reported
  // after it, so that a closed standard output cannot stop the summary, nor a failed
  // summary the list.
  std::optional<Error> summary_failure;
  try {
    write_output(&summary, Format::csv, {file_path(options.out) / k_summary_file, {}, options.bom},
                 provenance);
    write_output(&summary, Format::json, {file_path(options.out) / k_summary_json_file, {}, false},
                 provenance);
  } catch (const Error& failure) {
    summary_failure = failure;
  }
  write_to_stdout(statuses);
  if (summary_failure) {
    throw *summary_failure;
  }
  return lookup(k_exit_codes, worst);
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
  add_number_option(*command, "--jobs", options->jobs,
                    "Scenarios run at once (default: all cores)", WholeRange<int>{1, 256, ""});
  add_gate_options(*command, options->gates, true);
  add_bom_flag(*command, options->bom);
  return {command,
          [options](RunProvenance& provenance) { return run_batch(*options, provenance); }};
}

} // namespace carecast::cli
