#include "common.hpp"

#include "carecast/sobol_analysis.hpp"
#include "carecast/sobol_report.hpp"

#include <bit>
#include <fmt/format.h>
#include <iostream>
#include <optional>

namespace carecast::cli {
namespace {

struct SobolOptions
{
  std::string scenario;
  std::string option;
  std::int64_t samples = 4096;
  std::string design = "sobol";
  std::optional<int> scramblings; // sobol design only
  std::optional<int> bootstrap;   // random design only
  double confidence = 0.95;
  std::uint64_t seed = SamplingOptions{}.seed;
  int threads = 1;
  OutputOptions output;
};

constexpr int k_default_scramblings = 16;
constexpr int k_default_bootstrap = 200;

// Each design's own flag, refused with the other design.
void check_design_flags(const SobolOptions& options)
{
  if (options.design == "sobol" && options.bootstrap) {
    throw UsageError("--bootstrap applies to --design random; the sobol design's intervals come "
                     "from --scramblings");
  }
  if (options.design == "random" && options.scramblings) {
    throw UsageError("--scramblings applies to --design sobol; the random design's intervals "
                     "come from --bootstrap");
  }
}

// The sobol design's samples: --samples rounded up to a power of two, at least two
// points per scrambling.
std::int64_t sobol_samples(const SobolOptions& options, int scramblings)
{
  if (!std::has_single_bit(static_cast<unsigned>(scramblings))) {
    throw UsageError(
      fmt::format("--scramblings {}: must be a power of two (2, 4, 8, ...)", scramblings));
  }
  const auto samples =
    static_cast<std::int64_t>(std::bit_ceil(static_cast<std::uint64_t>(options.samples)));
  if (samples > k_max_sobol_samples) {
    throw UsageError(fmt::format("--samples {} rounds up to {} with --design sobol, more than {}; "
                                 "give at most {} or use --design random",
                                 options.samples, samples, k_max_sobol_samples,
                                 std::bit_floor(static_cast<std::uint64_t>(k_max_sobol_samples))));
  }
  if (samples < 2 * std::int64_t{scramblings}) {
    throw UsageError(fmt::format("--scramblings {} needs --samples of at least {} (two points per "
                                 "scrambling); lower --scramblings or raise --samples",
                                 scramblings, 2 * scramblings));
  }
  return samples;
}

// The library's settings for the chosen design, the flags' defaults filled in.
SobolSettings design_settings(const SobolOptions& options)
{
  check_design_flags(options);
  SobolSettings settings;
  settings.samples = options.samples;
  if (options.design == "sobol") {
    settings.design = SobolDesign::sobol;
    settings.scramblings = options.scramblings.value_or(k_default_scramblings);
    settings.samples = sobol_samples(options, settings.scramblings);
  } else {
    settings.design = SobolDesign::random;
    settings.resamples = options.bootstrap.value_or(k_default_bootstrap);
  }
  settings.seed = options.seed;
  settings.threads = options.threads;
  settings.confidence = options.confidence;
  return settings;
}

// On stderr, so that they reach a person whatever the format and wherever -o points.
void print_notes(const SobolReport& report, const SobolOptions& options)
{
  const OutputOptions& output = options.output;
  if (report.analysis.samples != options.samples) {
    std::cerr << fmt::format("carecast: note: --samples {} rounded up to {}: the sobol design "
                             "takes a power of two\n",
                             options.samples, report.analysis.samples);
  }
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
  SobolSettings settings = design_settings(options);
  const auto loaded = load(options.scenario, provenance);
  if (!loaded) {
    return ExitCode::invalid_input;
  }
  const Model& model = *loaded->model;
  const int option = options.option.empty() ? 0 : option_index(model, options.option, "--option");
  provenance.seed = options.seed;
  const auto evaluations = settings.samples * static_cast<std::int64_t>(model.inputs().size() + 2);
  settings.progress = progress_reporter("sobol", evaluations);
  SobolRun run = sobol_analysis(model, option, settings);
  if (!run.analysis) {
    std::cerr << render(run.overflow.value_or(Diagnostic{{options.scenario}, run.problem}),
                        loaded->sources);
    return ExitCode::invalid_input;
  }
  const SobolReport report = sobol_report(model, loaded->id, std::move(*run.analysis));
  emit_analysis(&report, options.output, model, loaded->id, provenance);
  print_notes(report, options);
  return ExitCode::success;
}

void add_design_options(CLI::App& command, SobolOptions& options)
{
  add_number_option(command, "--samples", options.samples,
                    "Samples N (the model runs N x (inputs + 2)); the sobol design rounds N up "
                    "to a power of two",
                    WholeRange<std::int64_t>{2, k_max_sobol_samples, ""})
    ->capture_default_str();
  command
    .add_option("--design", options.design,
                "sobol: A and B from a quasi-random Sobol' sequence, narrower intervals; "
                "random: from pseudo-random draws")
    ->check(CLI::IsMember({"sobol", "random"}))
    ->capture_default_str();
  add_number_option(command, "--scramblings", options.scramblings,
                    fmt::format("sobol design: randomly shifted copies of the sequence, each of N "
                                "/ R points, whose spread gives the intervals (default {}); a "
                                "power of two, so each copy is a whole block of the sequence, "
                                "from 2 to N / 2, as each copy needs 2 points",
                                k_default_scramblings),
                    WholeRange<int>{2, static_cast<int>(k_max_sobol_samples / 2), ""})
    ->type_name("R");
  add_number_option(command, "--bootstrap", options.bootstrap,
                    fmt::format("random design: bootstrap resamples for the intervals (default {})",
                                k_default_bootstrap),
                    WholeRange<int>{1, k_max_sobol_resamples, ""})
    ->type_name("R");
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
