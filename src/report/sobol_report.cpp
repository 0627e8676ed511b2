#include "carecast/sobol_report.hpp"

namespace carecast {

SobolReport sobol_report(const Model& model, const std::string& scenario, SobolAnalysis analysis)
{
  const ModelOption& option = model.options()[static_cast<std::size_t>(analysis.option)];
  SobolReport report{scenario, model.name(), model.unit(),       {option.id, option.name},
                     {},       {},           std::move(analysis)};
  for (const ModelInput& input : model.inputs()) {
    report.inputs.push_back({input.id, model.parameters()[input.parameter].path});
  }
  for (int y = 0; y < model.grid().years(); ++y) {
    report.outputs.push_back(to_string(model.grid().year(y)));
  }
  report.outputs.emplace_back(k_all_years);
  return report;
}

std::vector<std::string> too_wide_outputs(const SobolReport& report)
{
  std::vector<std::string> result;
  for (std::size_t output = 0; output < report.outputs.size(); ++output) {
    if (report.analysis.result.too_wide[output]) {
      result.push_back(report.outputs[output]);
    }
  }
  return result;
}

} // namespace carecast
