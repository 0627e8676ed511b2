#include "common.hpp"

#include "carecast/savings.hpp"

namespace carecast::cli {
namespace {

struct CompareOptions
{
  std::string scenario;
  std::optional<double> discount_rate;
  OutputOptions output;
  Gates gates;
};

ExitCode run_compare(const CompareOptions& options, RunProvenance& provenance)
{
  return report_on(options.scenario, options.output, compare_with_savings, options.gates,
                   provenance,
                   [&](Model& model) { override_discount_rate(model, options.discount_rate); });
}

} // namespace

Command register_compare(CLI::App& app)
{
  auto options = std::make_shared<CompareOptions>();
  CLI::App* command = app.add_subcommand("compare", "Compare the options side by side per year");
  command->footer(
    "Examples:\n  carecast compare scenarios/dcst_2022.toml --format csv -o compare.csv\n"
    "  carecast compare scenarios/dcst_2022.toml --require-cheapest transfer");
  command->add_option("scenario", options->scenario, "Scenario file (TOML)")->required();
  add_discount_rate_option(*command, options->discount_rate);
  add_output_options(*command, options->output, true);
  add_gate_options(*command, options->gates, true);
  return {command,
          [options](RunProvenance& provenance) { return run_compare(*options, provenance); }};
}

} // namespace carecast::cli
