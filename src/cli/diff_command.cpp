#include "common.hpp"

namespace carecast::cli {
namespace {

struct DiffOptions
{
  std::string a;
  std::string b;
  OutputOptions output;
};

ExitCode run_diff(const DiffOptions& options, RunProvenance& provenance)
{
  // Both files are read before giving up, so the problems of both are reported at once.
  const auto a = load(options.a, provenance);
  const auto b = load(options.b, provenance);
  if (!a || !b) {
    return ExitCode::invalid_input;
  }
  const Outcome a_outcome = Evaluator(*a->model).evaluate(a->model->values());
  const Outcome b_outcome = Evaluator(*b->model).evaluate(b->model->values());
  const ScenarioDiff diff =
    diff_report({*a->model, a_outcome, a->id}, {*b->model, b_outcome, b->id});
  emit(&diff, options.output, provenance);
  return ExitCode::success;
}

} // namespace

Command register_diff(CLI::App& app)
{
  auto options = std::make_shared<DiffOptions>();
  CLI::App* command = app.add_subcommand(
    "diff", "List the parameters that differ between two scenarios and the change of cost");
  command->footer("Example:\n  carecast diff scenarios/dcst_2022.toml "
                  "scenarios/dcst_2022_high_demand.toml");
  command->add_option("a", options->a, "Scenario A (TOML), the one compared against")->required();
  command->add_option("b", options->b, "Scenario B (TOML)")->required();
  add_output_options(*command, options->output);
  return {command,
          [options](RunProvenance& provenance) { return run_diff(*options, provenance); }};
}

} // namespace carecast::cli
