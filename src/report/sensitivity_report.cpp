#include "carecast/sensitivity_report.hpp"

namespace carecast {

SensitivityReport sensitivity_report(const Model& model, const std::string& scenario,
                                     Sensitivity sensitivity, int top)
{
  SensitivityReport report{scenario, model.name(), model.unit(), {}, std::move(sensitivity), top};
  for (const Parameter& parameter : model.parameters()) {
    report.paths.push_back(parameter.path);
  }
  return report;
}

} // namespace carecast
