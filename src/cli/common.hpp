#pragma once

// What the subcommands share: exit codes, output options, loading a scenario with
// its problems reported on stderr.

#include "carecast/evaluator.hpp"
#include "carecast/file_names.hpp"
#include "carecast/gates.hpp"
#include "carecast/model.hpp"
#include "carecast/output.hpp"
#include "carecast/provenance.hpp"
#include "carecast/simulation.hpp"
#include "number_flag.hpp"

#include <CLI/CLI.hpp>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace carecast::cli {

enum class ExitCode : int {
  success = 0,
  invalid_input = 1,
  usage = 2,
  gate_failed = 3,
  output_failed = 4,
  internal = 5, // out of memory, or a failure carecast does not foresee
};

// A command-line mistake found after parsing (an unknown option id, say).
class UsageError : public std::runtime_error
{
public:
  using std::runtime_error::runtime_error;
};

// A subcommand and how to run it once parsed, given the run's provenance: main records
// the command line in it, and the command each input it reads and its seed.
struct Command
{
  CLI::App* app;
  std::function<ExitCode(RunProvenance&)> run;
};

struct OutputOptions
{
  std::string format_flag = "table"; // --format as given; resolve_output sets `format`
  Format format = Format::table;
  std::string path;
  bool ascii = false;         // charts in ASCII instead of block characters
  std::string color = "auto"; // auto: on a terminal, unless NO_COLOR is set
  bool bom = false;           // --bom: a CSV starts with UTF-8's byte-order mark
};

// Adds --format (table, csv, json, and xlsx when `workbook`), -o and --bom, resolved by
// resolve_output once the command line is parsed.
void add_output_options(CLI::App& command, OutputOptions& options, bool workbook = false);

// Adds --bom, which starts a CSV with UTF-8's byte-order mark so that Excel reads it as
// UTF-8 (add_output_options adds it; batch, whose outputs are all CSV, on its own).
void add_bom_flag(CLI::App& command, bool& bom);

// -o - is standard output. Otherwise a -o name ending .csv, .json or .xlsx (any case)
// sets the format when --format is not given (`format_given`); a --format that
// contradicts it, or .xlsx on a command without workbooks, is a UsageError, and so is
// --bom with another format than CSV.
void resolve_output(OutputOptions& options, bool format_given, bool workbook);

// Where the chosen output goes, with the charts' style for it: to a terminal only when
// there is no -o (carecast::chart_style has the rules).
Destination destination(const OutputOptions& options);

// A UsageError when `output` is (or, with .meta.json, would replace) one of the files
// `provenance` records as read: carecast never writes over its own inputs.
void refuse_input(const std::filesystem::path& output, const RunProvenance& provenance);

// Writes `content` in the chosen format to the chosen file, or to stdout, after
// refusing an output that is one of `provenance`'s inputs.
void emit(Content content, const OutputOptions& options, const RunProvenance& provenance);

// An analysis (a simulation, sensitivity or Sobol' report) of the model: with --format
// xlsx, a workbook of the model's own figures with the analysis's sheet; otherwise
// emitted as it is.
void emit_analysis(Content analysis, const OutputOptions& output, const Model& model,
                   const std::string& id, const RunProvenance& provenance);

// A UsageError when --format xlsx has no -o: a workbook needs a file.
void require_workbook_path(const OutputOptions& output);

// The workbook of the model's own figures (--format xlsx); a UsageError without -o.
Workbook model_workbook(const Model& model, const Outcome& outcome, const std::string& id,
                        const OutputOptions& output);

struct LoadedScenario
{
  std::string id; // the file's stem, as reports name the scenario
  std::unique_ptr<Model> model;
  SourceFiles sources;
};

// Prints problems found after loading (a correlation matrix that is not valid, say)
// with their source lines; true when there are none.
bool report_problems(const std::vector<Diagnostic>& problems, const LoadedScenario& loaded);

// Prints each warning (a CSV file read as Windows-1252, say) on stderr.
void print_warnings(const std::vector<Diagnostic>& warnings);

// The settings of a sampled analysis: draws, seed, threads, correlation repair.
struct SamplingOptions
{
  std::int64_t draws = 0;
  std::uint64_t seed = 20220330;
  int threads = 0;
  bool repair_correlations = false;
};

// Adds --draws (default `draws`; at most k_max_draws), --seed, --threads and
// --repair-correlations; returns --draws, to tell whether it was given.
CLI::Option* add_sampling_options(CLI::App& command, SamplingOptions& options,
                                  std::int64_t draws);

// The settings of a run of `options.draws` draws, with progress reported as `task`
// and the seed recorded in `provenance`; throws UsageError when the draws would keep
// more than k_max_kept_values, at `values_per_draw` a draw.
SimulationSettings simulation_settings(const SamplingOptions& options, std::string task,
                                       std::int64_t values_per_draw, RunProvenance& provenance);

// Adds --threads (default: every core), for an analysis that draws nothing at random.
void add_threads_option(CLI::App& command, int& threads);

// Adds --seed and --threads (default: every core) alone, for an analysis that is not
// sized in draws.
void add_seed_and_threads_options(CLI::App& command, std::uint64_t& seed, int& threads);

// `--option ID`: the option a command looks at, the first by default.
void add_option_id_flag(CLI::App& command, std::string& option);

// The width of standard output's text: carecast::output_width of COLUMNS and, when it
// is a terminal, the terminal's.
std::size_t stdout_width();

// The subcommands, one line each, grouped by task, within `width` columns: what bare
// `carecast` and `carecast help` print.
std::string overview(const CLI::App& app, std::size_t width);

// A --help layout within `width` columns: descriptions wrapped beside the flags, and a
// long example command continued on the next line with a backslash. Set on the app
// before its subcommands are added, which take its formatter.
std::shared_ptr<CLI::Formatter> help_formatter(std::size_t width);

// A usage error CLI11 found, worded as carecast words its own: an unknown flag with
// the nearest one the command takes, and how to list them.
std::string usage_problem(const CLI::App& app, const CLI::ParseError& failure);

// Progress on stderr for a long run of `total` draws, only when stderr is a terminal
// (an empty function otherwise): the share done, draws a second and the time left,
// cleared when the run ends.
std::function<void(std::int64_t)> progress_reporter(std::string task, std::int64_t total);

// Every diagnostic on stderr with its source line, in the order of their positions.
void print_problems(std::vector<Diagnostic> diagnostics, const SourceFiles& sources);

// A UsageError when --draws (`draws`) is given for a scenario without uncertain inputs:
// "--draws: FILE has no uncertain inputs, so its `result`; leave --draws out".
void refuse_draws_without_inputs(const Model& model, const CLI::Option& draws,
                                 const std::string& scenario, std::string_view result);

// Reads and validates a scenario, recording its files in `provenance`; on any problem
// prints them all to stderr and returns nothing.
std::optional<LoadedScenario> load(const std::string& path, RunProvenance& provenance);

// The position of an option given on the command line by `flag`; a UsageError
// naming the scenario's options when there is none by that id.
int option_index(const Model& model, const std::string& id, std::string_view flag);

using MakeReport =
  std::function<Report(const Model& model, const Outcome& outcome, const std::string& id)>;

// Adds --max-variance and --year, and --require-cheapest when `cheapest` (a report
// with net present costs).
void add_gate_options(CLI::App& command, Gates& gates, bool cheapest);

// Loads a scenario, evaluates it once with its own figures and emits the report
// `make_report` builds from the result, then checks `gates` against it: each failure
// on stderr and ExitCode::gate_failed. Gates that do not fit the report (a year it
// does not have) are a UsageError before anything is written.
// `adjust`, when given, changes the model (a command-line override of a parameter)
// before it is evaluated.
ExitCode report_on(const std::string& path, const OutputOptions& output,
                   const MakeReport& make_report, const Gates& gates, RunProvenance& provenance,
                   const std::function<void(Model&)>& adjust = nullptr);

// Adds --discount-rate, which overrides the scenario's appraisal discount rate.
void add_discount_rate_option(CLI::App& command, std::optional<double>& rate);
void override_discount_rate(Model& model, const std::optional<double>& rate);

Command register_compare(CLI::App& app);
Command register_run(CLI::App& app);
Command register_validate(CLI::App& app);
Command register_diff(CLI::App& app);
Command register_init(CLI::App& app);
Command register_explain(CLI::App& app);
Command register_summary(CLI::App& app);
Command register_backtest(CLI::App& app);
Command register_outturn(CLI::App& app);
Command register_params(CLI::App& app);
Command register_simulate(CLI::App& app);
Command register_sobol(CLI::App& app);
Command register_sensitivity(CLI::App& app);
Command register_calibrate(CLI::App& app);
// `app` with every other subcommand registered: the completion script lists them.
Command register_batch(CLI::App& app);
Command register_completion(CLI::App& app);
// The hidden `__complete option-ids|years SCENARIO` the completion scripts call.
Command register_completion_values(CLI::App& app);

} // namespace carecast::cli
