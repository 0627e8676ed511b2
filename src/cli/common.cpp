#include "common.hpp"

#include "carecast/backtest_writer.hpp"
#include "carecast/blocks.hpp"
#include "carecast/explain_writer.hpp"
#include "carecast/savings.hpp"
#include "carecast/terminal_chart.hpp"
#include "carecast/validate.hpp"
#include "carecast/writers.hpp"
#include "carecast/xlsx_writer.hpp"

#include <cstdlib>
#include <filesystem>
#include <fmt/format.h>
#include <iostream>
#include <sys/ioctl.h>
#include <unistd.h>

namespace carecast::cli {

void resolve_output(OutputOptions& options, bool format_given, bool workbook)
{
  if (options.path == "-") {
    options.path.clear();
    return;
  }
  const std::string implied = output_format_of(options.path);
  if (implied.empty()) {
    return;
  }
  if (implied == "xlsx" && !workbook) {
    throw UsageError(fmt::format("-o {}: this command writes no workbook; name a .csv or .json "
                                 "file, or another name with --format",
                                 options.path));
  }
  if (!format_given) {
    options.format = implied;
  } else if (options.format != implied) {
    throw UsageError(fmt::format("--format {} contradicts -o {}, whose extension means {}",
                                 options.format, options.path, implied));
  }
}

void add_output_options(CLI::App& command, OutputOptions& options, bool workbook)
{
  const std::vector<std::string> formats =
    workbook ? std::vector<std::string>{"table", "csv", "json", "xlsx"}
             : std::vector<std::string>{"table", "csv", "json"};
  command
    .add_option("--format", options.format,
                workbook ? "Output format (xlsx needs -o)" : "Output format")
    ->check(CLI::IsMember(formats))
    ->capture_default_str();
  command
    .add_option("-o,--output", options.path,
                "Write to FILE (replaced whole, never left half-written) instead of stdout; "
                ".csv, .json or .xlsx sets the format, - is stdout")
    ->type_name("FILE");
  command.parse_complete_callback([&command, &options, workbook] {
    resolve_output(options, command.get_option("--format")->count() > 0, workbook);
  });
  command.add_flag("--ascii", options.ascii, "Draw the table format's charts in ASCII");
  command
    .add_option("--color", options.color,
                "Colour the charts: auto (on a terminal, unless NO_COLOR is set), always or never")
    ->check(CLI::IsMember({"auto", "always", "never"}))
    ->capture_default_str();
}

RunProvenance& this_run()
{
  static RunProvenance provenance;
  return provenance;
}

void refuse_input(const std::filesystem::path& output, const RunProvenance& provenance)
{
  const std::filesystem::path record = output.string() + ".meta.json";
  for (const std::filesystem::path& written : {output, record}) {
    for (const auto& [input, sha256] : provenance.inputs) {
      std::error_code error;
      if (std::filesystem::equivalent(written, input, error)) {
        throw UsageError(fmt::format("{}: it is an input of this run, which carecast does not "
                                     "write over; choose another output file",
                                     written.string()));
      }
    }
  }
}

void write_csv_output(const std::filesystem::path& path, const std::string& csv,
                      const RunProvenance& provenance)
{
  refuse_input(path, provenance);
  write_file_atomically(path, csv);
  write_file_atomically(path.string() + ".meta.json", provenance_json(provenance) + "\n");
}

void write_workbook(const Model& model, const Outcome& outcome, const std::string& id,
                    const OutputOptions& output, WorkbookContent content)
{
  if (output.path.empty()) {
    throw UsageError("--format xlsx writes a workbook, which needs -o FILE.xlsx");
  }
  const Report summary = compare_with_savings(model, outcome, id);
  const Report lines = run_report(model, outcome, id, {});
  const ParameterList assumptions = parameter_list(model, id);
  content.summary = &summary;
  content.lines = &lines;
  content.assumptions = &assumptions;
  content.provenance = this_run();
  refuse_input(output.path, content.provenance);
  write_xlsx(output.path, content);
}

namespace {

template <typename Analysis>
void emit_analysis_as(const Analysis& analysis, const OutputOptions& output, const Model& model,
                      const std::string& id, const Analysis* WorkbookContent::*sheet)
{
  if (output.format != "xlsx") {
    emit(analysis, output);
    return;
  }
  WorkbookContent content;
  content.*sheet = &analysis;
  write_workbook(model, Evaluator(model).evaluate(model.values()), id, output, content);
}

} // namespace

void emit_analysis(const SimulationReport& simulation, const OutputOptions& output,
                   const Model& model, const std::string& id)
{
  emit_analysis_as(simulation, output, model, id, &WorkbookContent::simulation);
}

void emit_analysis(const SensitivityReport& sensitivity, const OutputOptions& output,
                   const Model& model, const std::string& id)
{
  emit_analysis_as(sensitivity, output, model, id, &WorkbookContent::sensitivity);
}

void emit_analysis(const SobolReport& sobol, const OutputOptions& output, const Model& model,
                   const std::string& id)
{
  emit_analysis_as(sobol, output, model, id, &WorkbookContent::sobol);
}

Report compare_with_savings(const Model& model, const Outcome& outcome, const std::string& id)
{
  Report report = compare_report(model, outcome, id);
  add_savings_rows(report, model, model.values());
  return report;
}

namespace {

// The charts' style for this output: to a terminal only when there is no -o
// (carecast::chart_style has the rules).
ChartStyle chart_style(const OutputOptions& options)
{
  const bool terminal = options.path.empty() && isatty(STDOUT_FILENO);
  winsize size{};
  const int width =
    terminal && ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 ? static_cast<int>(size.ws_col) : 0;
  return carecast::chart_style(terminal, width, std::getenv("COLUMNS"), std::getenv("NO_COLOR"),
                               options.ascii, options.color);
}

// The charts the table format adds after a content's tables: none for most.
template <typename Content>
std::string charts(const Content&, const ChartStyle&)
{
  return {};
}
std::string charts(const Report& report, const ChartStyle& style)
{
  return report.kind == ReportKind::compare ? trajectory_chart(report, style) : std::string();
}
std::string charts(const SensitivityReport& report, const ChartStyle& style)
{
  return tornado_chart(report, style);
}
std::string charts(const SimulationReport& report, const ChartStyle& style)
{
  return fan_chart(report, style);
}

// `Content` is anything the writers have an overload for: a report or a diff.
template <typename Content>
void write_in_format(const Content& content, const OutputOptions& options)
{
  const std::string text = options.format == "csv" ? write_csv(content)
                           : options.format == "json"
                             ? with_provenance(write_json(content), this_run())
                             : write_terminal(content) + charts(content, chart_style(options));
  if (options.path.empty()) {
    std::cout << text;
    return;
  }
  if (options.format == "csv") {
    write_csv_output(options.path, text, this_run());
  } else {
    refuse_input(options.path, this_run());
    write_file_atomically(options.path, text);
  }
}

} // namespace

void emit(const Report& report, const OutputOptions& options)
{
  write_in_format(report, options);
}

void emit(const ScenarioDiff& diff, const OutputOptions& options)
{
  write_in_format(diff, options);
}

void emit(const ExplainReport& explanation, const OutputOptions& options)
{
  write_in_format(explanation, options);
}

void emit(const Backtest& backtest, const OutputOptions& options)
{
  write_in_format(backtest, options);
}

void emit(const ParameterList& parameters, const OutputOptions& options)
{
  write_in_format(parameters, options);
}

void emit(const SimulationReport& simulation, const OutputOptions& options)
{
  write_in_format(simulation, options);
}

void emit(const SobolReport& sobol, const OutputOptions& options)
{
  write_in_format(sobol, options);
}

void emit(const SensitivityReport& sensitivity, const OutputOptions& options)
{
  write_in_format(sensitivity, options);
}

bool report_problems(const std::vector<Diagnostic>& problems, const LoadedScenario& loaded)
{
  for (const Diagnostic& problem : problems) {
    std::cerr << render(problem, loaded.sources);
  }
  return problems.empty();
}

void add_seed_and_threads_options(CLI::App& command, std::uint64_t& seed, int& threads)
{
  threads = default_threads();
  command.add_option("--seed", seed, "Seed of the random numbers (echoed in the output)")
    ->capture_default_str();
  command
    .add_option("--threads", threads,
                "Threads (default and most: all cores); results do not depend on it")
    ->check(CLI::Range(1, 1024));
}

void add_sampling_options(CLI::App& command, SamplingOptions& options, std::int64_t draws)
{
  options.draws = draws;
  command.add_option("--draws", options.draws, "Number of draws")
    ->check(CLI::Range(std::int64_t{2}, k_max_draws))
    ->capture_default_str();
  add_seed_and_threads_options(command, options.seed, options.threads);
  command.add_flag("--repair-correlations", options.repair_correlations,
                   "Use the nearest valid correlation matrix when the scenario's is not valid, "
                   "and report how far it moved");
}

SimulationSettings simulation_settings(const SamplingOptions& options, std::string task,
                                       std::int64_t values_per_draw)
{
  if (options.draws > k_max_kept_values / values_per_draw) {
    throw UsageError(fmt::format(
      "--draws {} would keep {} values of this scenario ({} a draw), more than carecast's "
      "limit of {}; use at most --draws {}",
      options.draws, options.draws * values_per_draw, values_per_draw, k_max_kept_values,
      k_max_kept_values / values_per_draw));
  }
  SimulationSettings settings;
  settings.draws = options.draws;
  settings.seed = options.seed;
  settings.threads = options.threads;
  settings.repair_correlations = options.repair_correlations;
  this_run().seed = options.seed;
  settings.progress = progress_reporter(std::move(task), options.draws);
  return settings;
}

std::function<void(std::int64_t)> progress_reporter(std::string task, std::int64_t total)
{
  if (!isatty(STDERR_FILENO)) {
    return {};
  }
  return [task = std::move(task), total](std::int64_t done) {
    std::cerr << fmt::format("\r{}: {} of {} draws ({:.0f}%)", task, done, total,
                             100.0 * static_cast<double>(done) / static_cast<double>(total))
              << (done >= total ? "\n" : "") << std::flush;
  };
}

std::optional<LoadedScenario> load(const std::string& path)
{
  ModelLoad result = read_model(path);
  this_run().add_inputs(result.sources);
  for (const Diagnostic& diagnostic : result.diagnostics) {
    std::cerr << render(diagnostic, result.sources);
  }
  if (!result.model) {
    return std::nullopt;
  }
  return LoadedScenario{std::filesystem::path(path).stem().string(), std::move(result.model),
                        std::move(result.sources)};
}

int option_index(const Model& model, const std::string& id, std::string_view flag)
{
  if (const std::optional<int> found = model.find_option(id)) {
    return *found;
  }
  std::vector<std::string> known;
  for (const ModelOption& option : model.options()) {
    known.push_back(option.id);
  }
  throw UsageError(fmt::format("{} {}: the scenario has no such option (it has {})", flag, id,
                               fmt::join(known, ", ")));
}

void add_discount_rate_option(CLI::App& command, std::optional<double>& rate)
{
  command
    .add_option("--discount-rate", rate,
                "Discount rate for net present cost, e.g. 0.035 (default: the scenario's, "
                "else the Green Book's 3.5%)")
    ->check(CLI::Range(0.0, 0.99));
}

void override_discount_rate(Model& model, const std::optional<double>& rate)
{
  if (rate) {
    model.set_value(model.appraisal().discount_rate, *rate);
  }
}

void add_gate_options(CLI::App& command, Gates& gates, bool cheapest)
{
  command.add_option("--max-variance", gates.max_variance,
                     "Gate: fail (exit code 3) when an option's cost exceeds its year's budget "
                     "by more than this, in the scenario's unit (0: no overspend)");
  command.add_option("--year", gates.years,
                     "Year the --max-variance gate checks, e.g. 2023/24 (repeatable; default: "
                     "every year with a budget)");
  if (cheapest) {
    command.add_option("--require-cheapest", gates.cheapest,
                       "Gate: fail (exit code 3) unless this option has the lowest net present "
                       "cost");
  }
}

ExitCode report_on(const std::string& path, const OutputOptions& output,
                   const MakeReport& make_report, const Gates& gates,
                   const std::function<void(Model&)>& adjust)
{
  const auto loaded = load(path);
  if (!loaded) {
    return ExitCode::invalid_input;
  }
  if (adjust) {
    adjust(*loaded->model);
  }
  const Model& model = *loaded->model;
  const Outcome outcome = Evaluator(model).evaluate(model.values());
  const Report report = make_report(model, outcome, loaded->id);
  if (const std::vector<std::string> problems = gate_problems(report, gates); !problems.empty()) {
    throw UsageError(fmt::format("{}", fmt::join(problems, "; ")));
  }
  if (output.format == "xlsx") {
    write_workbook(model, outcome, loaded->id, output, {});
  } else {
    emit(report, output);
  }
  const std::vector<std::string> failures = failed_gates(report, gates);
  for (const std::string& failure : failures) {
    std::cerr << "carecast: gate failed: " << failure << "\n";
  }
  return failures.empty() ? ExitCode::success : ExitCode::gate_failed;
}

} // namespace carecast::cli
