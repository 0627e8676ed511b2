#include "common.hpp"

#include "carecast/backtest_writer.hpp"
#include "carecast/explain_writer.hpp"
#include "carecast/validate.hpp"
#include "carecast/writers.hpp"

#include <filesystem>
#include <fmt/format.h>
#include <iostream>

namespace carecast::cli {

void add_output_options(CLI::App& command, OutputOptions& options)
{
  command.add_option("--format", options.format, "Output format")
    ->check(CLI::IsMember({"table", "csv", "json"}))
    ->capture_default_str();
  command.add_option("-o,--output", options.path,
                     "Write to FILE (replaced whole, never left half-written) instead of stdout");
}

namespace {

// `Content` is anything the writers have an overload for: a report or a diff.
template <typename Content>
void write_in_format(const Content& content, const OutputOptions& options)
{
  const std::string text = options.format == "csv"    ? write_csv(content)
                           : options.format == "json" ? write_json(content)
                                                      : write_terminal(content);
  if (options.path.empty()) {
    std::cout << text;
  } else {
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

std::optional<LoadedScenario> load(const std::string& path)
{
  const LoadResult result = read_scenario(path);
  for (const Diagnostic& diagnostic : result.diagnostics) {
    std::cerr << render(diagnostic, result.sources);
  }
  if (!result.scenario) {
    return std::nullopt;
  }
  return LoadedScenario{std::filesystem::path(path).stem().string(),
                        std::make_unique<Model>(*result.scenario)};
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

ExitCode report_on(const std::string& path, const OutputOptions& output,
                   const MakeReport& make_report, const std::function<void(Model&)>& adjust)
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
  emit(make_report(model, outcome, loaded->id), output);
  return ExitCode::success;
}

} // namespace carecast::cli
