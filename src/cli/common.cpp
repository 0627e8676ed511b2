#include "common.hpp"

#include "carecast/validate.hpp"
#include "carecast/writers.hpp"

#include <filesystem>
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

void emit(const Report& report, const OutputOptions& options)
{
  const std::string text = options.format == "csv"    ? write_csv(report)
                           : options.format == "json" ? write_json(report)
                                                      : write_terminal(report);
  if (options.path.empty()) {
    std::cout << text;
  } else {
    write_file_atomically(options.path, text);
  }
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

ExitCode report_on(const std::string& path, const OutputOptions& output,
                   const MakeReport& make_report)
{
  const auto loaded = load(path);
  if (!loaded) {
    return ExitCode::invalid_input;
  }
  const Model& model = *loaded->model;
  const Outcome outcome = Evaluator(model).evaluate(model.values());
  emit(make_report(model, outcome, loaded->id), output);
  return ExitCode::success;
}

} // namespace carecast::cli
