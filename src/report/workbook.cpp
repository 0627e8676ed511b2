#include "carecast/workbook.hpp"

#include "carecast/savings.hpp"

namespace carecast {

Workbook workbook(const Model& model, const Outcome& outcome, const std::string& scenario)
{
  return {compare_with_savings(model, outcome, scenario), run_report(model, outcome, scenario, {}),
          parameter_list(model, scenario)};
}

} // namespace carecast
