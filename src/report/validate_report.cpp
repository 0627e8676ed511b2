#include "carecast/validate_report.hpp"

namespace carecast {

ScenarioCheck scenario_check(const std::string& file, const ModelLoad& loaded)
{
  ScenarioCheck check;
  check.file = file;
  check.errors = loaded.diagnostics;
  if (!loaded.model) {
    return check;
  }
  const Model& model = *loaded.model;
  check.valid = true;
  check.first_year = to_string(model.grid().year(0));
  check.last_year = to_string(model.grid().year(model.grid().years() - 1));
  check.lines = model.lines().size();
  check.options = model.options().size();
  return check;
}

} // namespace carecast
