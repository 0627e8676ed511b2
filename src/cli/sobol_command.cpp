#include "common.hpp"

#include "carecast/sobol_analysis.hpp"
#include "carecast/sobol_report.hpp"

#include <fmt/format.h>
#include <iostream>

namespace carecast::cli {
namespace {

struct SobolOptions
{
  std::string scenario;
  std::string option;
  std::int64_t samples = 4096;
  int bootstrap = 200;
  double confidence = 0.95;
  std::uint64_t seed = SamplingOptions{}.seed;
  int threads = 1;
  OutputOptions output;
};

// The bootstrap's memory grows with samples x resamples, which no single flag's range
// can bound.
void check_bootstrap_size(const SobolOptions& options)
{
  const std::int64_t weights = options.samples * (options.bootstrap + std::int64_t{1});
  if (weights > k_max_sobol_weights) {
    throw UsageError(fmt::format(
      "--samples {} with --bootstrap {}: the bootstrap would keep {} weights, more than {} "
      "(8 bytes each); lower --bootstrap or --samples",
      options.samples, options.bootstrap, weights, k_max_sobol_weights));
  }
}

// On stderr, so that they reach a person whatever the format and wherever -o points.
void print_notes(const SobolReport& report, const OutputOptions& output)
{
  if (report.analysis.correlation_ignored && output.format != Format::table) {
    std::cerr << "carecast: note: the inputs are drawn independently for Sobol' indices: the "
                 "scenario's [correlation] is not used (docs/sobol.md)\n";
  }
  for (const std::string& output_id : too_wide_outputs(report)) {
    std::cerr << fmt::format(
      "carecast: warning: intervals too wide to rank the inputs in {}: raise --samples\n",
      output_id == k_all_years ? std::string("the horizon total") : output_id);
  }
}

ExitCode run_sobol(const SobolOptions& options, RunProvenance& provenance)
{
  check_bootstrap_size(options);
  const auto loaded = load(options.scenario, provenance);
  if (!loaded) {
    return ExitCode::invalid_input;
  }
  const Model& model = *loaded->model;
  const int option = options.option.empty() ? 0 : option_index(model, options.option, "--option");
  SobolSettings settings;
  settings.samples = options.samples;
  settings.resamples = options.bootstrap;
  settings.seed = options.seed;
  provenance.seed = options.seed;
  settings.threads = options.threads;
  settings.confidence = options.confidence;
  const auto evaluations = options.samples * static_cast<std::int64_t>(model.inputs().size() + 2);
  settings.progress = progress_reporter("sobol", evaluations);
  SobolRun run = sobol_analysis(model, option, settings);
  if (!run.analysis) {
    std::cerr << render(run.overflow.value_or(Diagnostic{{options.scenario}, run.problem}),
                        loaded->sources);
    return ExitCode::invalid_input;
  }
  const SobolReport report = sobol_report(model, loaded->id, std::move(*run.analysis));
  emit_analysis(&report, options.output, model, loaded->id, provenance);
  print_notes(report, options.output);
  return ExitCode::success;
}

void add_design_options(CLI::App& command, SobolOptions& options)
{
  add_number_option(command, "--samples", options.samples,
                    "Samples N (the model runs N x (inputs + 2))",
                    WholeRange<std::int64_t>{2, k_max_sobol_samples, ""})
    ->capture_default_str();
  add_number_option(command, "--bootstrap", options.bootstrap,
                    "Bootstrap resamples for the intervals", WholeRange<int>{1, 100'000, ""})
    ->capture_default_str();
  add_number_option(command, "--confidence", options.confidence, "Confidence of the intervals",
                    NumberRange{0.5, 0.999, false, 0.95, ""})
    ->capture_default_str();
  command.add_option("--option", options.option, "Option whose cost is analysed (default: first)")
    ->type_name("OPTION");
  add_seed_and_threads_options(command, options.seed, options.threads);
}

} // namespace

Command register_sobol(CLI::App& app)
{
  auto options = std::make_shared<SobolOptions>();
  CLI::App* command = app.add_subcommand(
    "sobol",
    "Sobol' indices: the share of each year's cost variance each uncertain input explains");
  command->footer("Example:\n  carecast sobol scenarios/dcst_2022.toml --samples 8192 --option "
                  "transfer --format csv\nSee docs/sobol.md.");
  command->add_option("scenario", options->scenario, "Scenario file (TOML)")->required();
  add_design_options(*command, *options);
  add_output_options(*command, options->output, true);
  return {command,
          [options](RunProvenance& provenance) { return run_sobol(*options, provenance); }};
}

} // namespace carecast::cli
