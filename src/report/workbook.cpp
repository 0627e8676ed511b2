#include "carecast/workbook.hpp"

#include "carecast/savings.hpp"

namespace carecast {

Workbook workbook(const Model& model, const Outcome& outcome, const std::string& scenario)
{
  return {compare_with_savings(model, outcome, scenario), run_report(model, outcome, scenario, {}),
          parameter_list(model, scenario)};
}

Workbook workbook(const Model& model, const Outcome& outcome, const Report& report)
{
  return {report.kind == ReportKind::compare
            ? report
            : compare_with_savings(model, outcome, report.scenario),
          report.kind == ReportKind::run ? report : run_report(model, outcome, report.scenario, {}),
          parameter_list(model, report.scenario)};
}

std::string_view opening_sheet(const Workbook& book)
{
  if (book.simulation) {
    return k_monte_carlo_sheet;
  }
  if (book.sensitivity) {
    return k_tornado_sheet;
  }
  if (book.sobol) {
    return k_sobol_sheet;
  }
  return k_summary_sheet;
}

} // namespace carecast
