#include "common.hpp"

#include "carecast/blocks.hpp"
#include "carecast/sensitivity_writer.hpp"

#include <fmt/format.h>

namespace carecast::cli {
namespace {

struct SensitivityOptions
{
  std::string scenario;
  std::string metric = "npc";
  std::string option;
  std::string versus;
  double swing = 0.10;
  bool all = false;
  int top = 20;
  int threads = 0;
  OutputOptions output;
};

// The options compared: --option alone, or --vs A,B. Checked before the scenario is read,
// as a usage mistake should not wait for the model.
struct Subject
{
  std::string option; // empty: the first
  std::string versus; // empty: none
  std::string_view flag;
};

Subject subject_of(const SensitivityOptions& options)
{
  if (options.versus.empty()) {
    return {options.option, "", "--option"};
  }
  const auto comma = options.versus.find(',');
  if (comma == std::string::npos || comma == 0 || comma + 1 == options.versus.size()
      || !options.option.empty()) {
    throw UsageError("--vs takes two options, A,B (and no --option): the subject is A - B");
  }
  Subject subject{options.versus.substr(0, comma), options.versus.substr(comma + 1), "--vs"};
  if (subject.option == subject.versus) {
    throw UsageError(fmt::format("--vs {}: A and B must be two different options", options.versus));
  }
  return subject;
}

Metric metric_of(const Model& model, const std::string& text)
{
  if (const std::optional<Metric> metric = parse_metric(model, text)) {
    return *metric;
  }
  throw UsageError(fmt::format(
    "--metric {}: not npc, total or a financial year of the scenario ({} to {})", text,
    to_string(model.grid().year(0)), to_string(model.grid().year(model.grid().years() - 1))));
}

SensitivitySettings settings_of(const Model& model, const SensitivityOptions& options,
                                const Subject& subject)
{
  SensitivitySettings settings;
  settings.metric = metric_of(model, options.metric);
  settings.swing = options.swing;
  settings.all = options.all;
  settings.threads = options.threads;
  if (!subject.option.empty()) {
    settings.option = option_index(model, subject.option, subject.flag);
  }
  if (!subject.versus.empty()) {
    settings.versus = option_index(model, subject.versus, subject.flag);
  }
  return settings;
}

ExitCode run_sensitivity(const SensitivityOptions& options, RunProvenance& provenance)
{
  const Subject subject = subject_of(options);
  const auto loaded = load(options.scenario, provenance);
  if (!loaded) {
    return ExitCode::invalid_input;
  }
  const Model& model = *loaded->model;
  Sensitivity result = sensitivity(model, settings_of(model, options, subject));
  if (result.overflow) {
    std::cerr << render(*result.overflow, loaded->sources);
    return ExitCode::invalid_input;
  }
  if (const std::string note = tornado_note(result); !note.empty()) {
    std::cerr << "carecast: note: " << note << "\n";
  }
  const SensitivityReport report =
    sensitivity_report(model, loaded->id, std::move(result), options.top);
  emit_analysis(&report, options.output, model, loaded->id, provenance);
  return ExitCode::success;
}

} // namespace

Command register_sensitivity(CLI::App& app)
{
  auto options = std::make_shared<SensitivityOptions>();
  CLI::App* command = app.add_subcommand(
    "sensitivity",
    "Tornado of the uncertain inputs' swings, and switching values of the cheapest option");
  command->footer("Example:\n  carecast sensitivity scenarios/dcst_2022.toml --vs "
                  "do_nothing,transfer --metric npc");
  command->add_option("scenario", options->scenario, "Scenario file (TOML)")->required();
  command
    ->add_option("--metric", options->metric, "npc, total, or a financial year such as 2024/25")
    ->type_name("npc|total|YEAR")
    ->capture_default_str();
  command
    ->add_option("--option", options->option,
                 "Option whose metric is analysed (default: the first)")
    ->type_name("OPTION");
  command->add_option("--vs", options->versus, "A,B: analyse the difference A - B")
    ->type_name("OPTION,OPTION");
  command->add_flag("--all", options->all,
                    "Tornado of every parameter: the uncertain inputs and the others at --swing");
  add_number_option(*command, "--swing", options->swing,
                    "Share up and down for parameters without a distribution (0.1 = +/-10%)",
                    NumberRange{0.0, 1.0, false, 0.1, ""})
    ->capture_default_str();
  add_number_option(*command, "--top", options->top, "Tornado bars the table shows",
                    WholeRange<int>{1, 10'000, ""})
    ->capture_default_str();
  add_threads_option(*command, options->threads);
  add_output_options(*command, options->output, true);
  return {command,
          [options](RunProvenance& provenance) { return run_sensitivity(*options, provenance); }};
}

} // namespace carecast::cli
