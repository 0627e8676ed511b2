#include "carecast/savings.hpp"

#include "carecast/explain.hpp"

namespace carecast {
namespace {

// A saving counts towards a year's target once the year has a ramp fraction and the
// saving has started by the year's last month.
bool in_force(const Model& model, const ModelOverlay& overlay, int year)
{
  return overlay.ramp_by_year[year] != k_none
         && model.grid().year_index_of_month(overlay.first_month) <= year;
}

// What a saving takes off its line in a year, read from the explanation of the
// line's cost so the projection's arithmetic lives in one place.
double delivered_by(const Model& model, const Eigen::VectorXd& values, int option,
                    const ModelOverlay& overlay, int year)
{
  const Explanation cost = explain_cost(model, values, option, overlay.target, year);
  for (const Term& term : cost.terms) {
    if (term.parameter == overlay.value) {
      return -term.value;
    }
  }
  return 0.0;
}

std::optional<SavingsYear> savings_year(const Model& model, const Eigen::VectorXd& values,
                                        int option, int year)
{
  std::optional<SavingsYear> result;
  for (const ModelOverlay& overlay : model.options()[option].overlays) {
    if (overlay.kind != OverlayKind::saving || !in_force(model, overlay, year)) {
      continue;
    }
    if (!result) {
      result = SavingsYear{year, 0.0, 0.0};
    }
    result->target += values[overlay.value];
    result->delivered += delivered_by(model, values, option, overlay, year);
  }
  return result;
}

} // namespace

bool target_met(double target, double delivered)
{
  return delivered >= target - k_savings_tolerance;
}

double SavingsYear::shortfall() const
{
  return target_met(target, delivered) ? 0.0 : target - delivered;
}

SavingsTrack track_savings(const Model& model, const Eigen::VectorXd& values, int option)
{
  SavingsTrack track;
  for (int year = 0; year < model.grid().years(); ++year) {
    const std::optional<SavingsYear> found = savings_year(model, values, option, year);
    if (!found) {
      continue;
    }
    track.years.push_back(*found);
    if (!track.met && target_met(found->target, found->delivered)) {
      track.met = year;
    }
  }
  return track;
}

void add_savings_rows(Report& report, const Model& model, const Eigen::VectorXd& values)
{
  const std::string total(k_total_line);
  for (const Label& option : report.options) {
    const SavingsTrack track = track_savings(model, values, *model.find_option(option.id));
    for (const SavingsYear& year : track.years) {
      const std::string& name = report.years[year.year];
      report.rows.push_back({option.id, name, total, "savings_target", year.target});
      report.rows.push_back({option.id, name, total, "savings_delivered", year.delivered});
      report.rows.push_back({option.id, name, total, "savings_shortfall", year.shortfall()});
    }
  }
}

} // namespace carecast
