#include "carecast/simulation_report.hpp"

namespace carecast {

SimulationReport simulation_report(const Model& model, const std::string& scenario,
                                   Simulation simulation)
{
  SimulationReport report{scenario, model.name(), model.unit(), {}, {}, std::move(simulation)};
  for (const ModelOption& option : model.options()) {
    report.options.push_back({option.id, option.name});
  }
  for (int y = 0; y < model.grid().years(); ++y) {
    report.years.push_back(to_string(model.grid().year(y)));
  }
  return report;
}

} // namespace carecast
