#include "common.hpp"

#include "carecast/blocks.hpp"
#include "carecast/terminal_chart.hpp"
#include "carecast/validate.hpp"
#include "carecast/workbook.hpp"
#include "console.hpp"

#include <chrono>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fmt/format.h>
#include <iostream>

namespace carecast::cli {

void resolve_output(OutputOptions& options, bool format_given, bool workbook)
{
  options.format = format_named(options.format_flag).value_or(Format::table);
  if (options.path == "-") {
    options.path.clear();
  } else if (const std::optional<Format> implied = format_of(options.path)) {
    if (*implied == Format::xlsx && !workbook) {
      throw UsageError(fmt::format("-o {}: this command writes no workbook; name a .csv or .json "
                                   "file, or another name with --format",
                                   options.path));
    }
    if (!format_given) {
      options.format = *implied;
    } else if (options.format != *implied) {
      throw UsageError(fmt::format("--format {} contradicts -o {}, whose extension means {}",
                                   format_name(options.format), options.path,
                                   format_name(*implied)));
    }
  }
  if (options.bom && options.format != Format::csv) {
    throw UsageError(fmt::format("--bom applies to CSV output only, and this output is {}; add "
                                 "--format csv or name a .csv file with -o",
                                 format_name(options.format)));
  }
}

void add_output_options(CLI::App& command, OutputOptions& options, bool workbook)
{
  std::vector<std::string> formats;
  for (const Format format : k_formats) {
    if (format != Format::xlsx || workbook) {
      formats.emplace_back(format_name(format));
    }
  }
  command
    .add_option("--format", options.format_flag,
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
  add_bom_flag(command, options.bom);
  command.add_flag("--ascii", options.ascii, "Draw the table format's charts in ASCII");
  command
    .add_option("--color", options.color,
                "Colour the charts: auto (on a terminal, unless NO_COLOR is set), always or never")
    ->check(CLI::IsMember({"auto", "always", "never"}))
    ->capture_default_str();
}

void add_bom_flag(CLI::App& command, bool& bom)
{
  command.add_flag("--bom", bom, "Start CSV with a UTF-8 byte-order mark, for Excel");
}

void refuse_input(const std::filesystem::path& output, const RunProvenance& provenance)
{
  std::filesystem::path record = output;
  record += ".meta.json";
  for (const std::filesystem::path& written : {output, record}) {
    for (const auto& [input, sha256] : provenance.inputs) {
      std::error_code error;
      if (std::filesystem::equivalent(written, file_path(input), error)) {
        throw UsageError(fmt::format("{}: it is an input of this run, which carecast does not "
                                     "write over; choose another output file",
                                     written.string()));
      }
    }
  }
}

std::size_t stdout_width()
{
  return carecast::output_width(terminal_columns(), std::getenv("COLUMNS"));
}

Destination destination(const OutputOptions& options)
{
  const bool terminal = options.path.empty() && stdout_is_terminal();
  // A Windows console that cannot show ANSI colour gets none unless asked for.
  const std::string color =
    options.color == "auto" && !terminal_shows_colour() ? "never" : options.color;
  return {file_path(options.path),
          carecast::chart_style(terminal, terminal ? terminal_columns() : 0, std::getenv("COLUMNS"),
                                std::getenv("NO_COLOR"), options.ascii, color),
          options.bom};
}

void emit(Content content, const OutputOptions& options, const RunProvenance& provenance)
{
  if (!options.path.empty()) {
    refuse_input(file_path(options.path), provenance);
  }
  write_output(content, options.format, destination(options), provenance);
}

void require_workbook_path(const OutputOptions& output)
{
  if (output.path.empty()) {
    throw UsageError("--format xlsx writes a workbook, which needs -o FILE.xlsx");
  }
}

Workbook model_workbook(const Model& model, const Outcome& outcome, const std::string& id,
                        const OutputOptions& output)
{
  require_workbook_path(output);
  return workbook(model, outcome, id);
}

void emit_analysis(Content analysis, const OutputOptions& output, const Model& model,
                   const std::string& id, const RunProvenance& provenance)
{
  if (output.format != Format::xlsx) {
    emit(analysis, output, provenance);
    return;
  }
  Workbook book = model_workbook(model, Evaluator(model).evaluate(model.values()), id, output);
  std::visit(
    [&](const auto* result) {
      using Result = std::remove_cv_t<std::remove_pointer_t<decltype(result)>>;
      if constexpr (std::is_same_v<Result, SimulationReport>) {
        book.simulation = result;
      } else if constexpr (std::is_same_v<Result, SensitivityReport>) {
        book.sensitivity = result;
      } else if constexpr (std::is_same_v<Result, SobolReport>) {
        book.sobol = result;
      } else {
        throw std::logic_error("emit_analysis: not an analysis");
      }
    },
    analysis);
  emit(&book, output, provenance);
}

bool report_problems(const std::vector<Diagnostic>& problems, const LoadedScenario& loaded)
{
  for (const Diagnostic& problem : problems) {
    std::cerr << render(problem, loaded.sources);
  }
  return problems.empty();
}

void print_warnings(const std::vector<Diagnostic>& warnings)
{
  for (const Diagnostic& warning : warnings) {
    std::cerr << render_warning(warning);
  }
}

void add_threads_option(CLI::App& command, int& threads)
{
  threads = default_threads();
  add_number_option(command, "--threads", threads,
                    "Threads (default and most: all cores); results do not depend on it",
                    WholeRange<int>{1, 1024, ""});
}

void add_seed_and_threads_options(CLI::App& command, std::uint64_t& seed, int& threads)
{
  add_number_option(command, "--seed", seed, "Seed of the random numbers (echoed in the output)",
                    WholeRange<std::uint64_t>{})
    ->capture_default_str();
  add_threads_option(command, threads);
}

CLI::Option* add_sampling_options(CLI::App& command, SamplingOptions& options,
                                  std::int64_t draws)
{
  options.draws = draws;
  CLI::Option* given = add_number_option(command, "--draws", options.draws, "Number of draws",
                                         WholeRange<std::int64_t>{2, k_max_draws, ""})
                         ->capture_default_str();
  add_seed_and_threads_options(command, options.seed, options.threads);
  command.add_flag("--repair-correlations", options.repair_correlations,
                   "Use the nearest valid correlation matrix when the scenario's is not valid, "
                   "and report how far it moved");
  return given;
}

SimulationSettings simulation_settings(const SamplingOptions& options, std::string task,
                                       std::int64_t values_per_draw, RunProvenance& provenance)
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
  provenance.seed = options.seed;
  settings.progress = progress_reporter(std::move(task), options.draws);
  return settings;
}

namespace {

// "45 s", "3 min 05 s".
std::string duration_text(double seconds)
{
  const auto whole = static_cast<std::int64_t>(std::ceil(seconds));
  return whole < 60 ? fmt::format("{} s", whole)
                    : fmt::format("{} min {:02} s", whole / 60, whole % 60);
}

} // namespace

// The line is redrawn in place ("\r", then "\x1b[K" to clear what is left of a longer
// one) and cleared when the run ends, so that the output that follows starts clean.
std::function<void(std::int64_t)> progress_reporter(std::string task, std::int64_t total)
{
  if (!stderr_is_terminal()) {
    return {};
  }
  const auto start = std::chrono::steady_clock::now();
  return [task = std::move(task), total, start](std::int64_t done) {
    if (done >= total) {
      std::cerr << "\r\x1b[K" << std::flush;
      return;
    }
    const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const double rate = seconds > 0.0 ? static_cast<double>(done) / seconds : 0.0;
    const std::string pace =
      rate > 0.0 ? fmt::format(", {:.0f} draws/s, about {} left", rate,
                               duration_text(static_cast<double>(total - done) / rate))
                 : std::string{};
    std::cerr << fmt::format("\r{}: {:.0f}% of {} draws{}\x1b[K", task,
                             100.0 * static_cast<double>(done) / static_cast<double>(total), total,
                             pace)
              << std::flush;
  };
}

std::optional<LoadedScenario> load(const std::string& path, RunProvenance& provenance)
{
  ModelLoad result = read_model(file_path(path));
  provenance.add_inputs(result.sources);
  for (const Diagnostic& diagnostic : result.diagnostics) {
    std::cerr << render(diagnostic, result.sources);
  }
  if (!result.model) {
    return std::nullopt;
  }
  return LoadedScenario{file_path(path).stem().string(), std::move(result.model),
                        std::move(result.sources)};
}

void add_option_id_flag(CLI::App& command, std::string& option)
{
  command.add_option("--option", option, "Option id (default: the first option)")
    ->type_name("OPTION");
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
  add_number_option(command, "--discount-rate", rate,
                    "Discount rate for net present cost, e.g. 0.035 (default: the scenario's, "
                    "else the Green Book's 3.5%)",
                    NumberRange{0.0, 1.0, true, 0.035, ""});
}

void override_discount_rate(Model& model, const std::optional<double>& rate)
{
  if (rate) {
    model.set_value(model.appraisal().discount_rate, *rate);
  }
}

void add_gate_options(CLI::App& command, Gates& gates, bool cheapest)
{
  add_number_option(command, "--max-variance", gates.max_variance,
                    "Gate: fail (exit code 3) when an option's cost exceeds its year's budget "
                    "by more than this, in the scenario's unit (0: no overspend)",
                    finite_number("in the scenario's unit"));
  command
    .add_option("--year", gates.years,
                "Year the --max-variance gate checks, e.g. 2023/24 (repeatable; default: "
                "every year with a budget)")
    ->type_name("YEAR");
  if (cheapest) {
    command
      .add_option("--require-cheapest", gates.cheapest,
                  "Gate: fail (exit code 3) unless this option has the lowest net present cost")
      ->type_name("OPTION");
  }
}

ExitCode report_on(const std::string& path, const OutputOptions& output,
                   const MakeReport& make_report, const Gates& gates, RunProvenance& provenance,
                   const std::function<void(Model&)>& adjust)
{
  const auto loaded = load(path, provenance);
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
  if (output.format == Format::xlsx) {
    require_workbook_path(output);
    const Workbook book = workbook(model, outcome, report);
    emit(&book, output, provenance);
  } else {
    emit(&report, output, provenance);
  }
  const std::vector<std::string> failures = failed_gates(report, gates);
  for (const std::string& failure : failures) {
    std::cerr << "carecast: gate failed: " << failure << "\n";
  }
  return failures.empty() ? ExitCode::success : ExitCode::gate_failed;
}

void print_problems(std::vector<Diagnostic> diagnostics, const SourceFiles& sources)
{
  sort_by_position(diagnostics);
  for (const Diagnostic& diagnostic : diagnostics) {
    std::cerr << render(diagnostic, sources);
  }
}

void refuse_draws_without_inputs(const Model& model, const CLI::Option& draws,
                                 const std::string& scenario, std::string_view result)
{
  if (model.inputs().empty() && draws.count() > 0) {
    throw UsageError(fmt::format("--draws: {} has no uncertain inputs, so its {}; leave --draws "
                                 "out (docs/uncertainty.md)",
                                 scenario, result));
  }
}

} // namespace carecast::cli
