#include "carecast/savings.hpp"

#include "carecast/explain.hpp"

#include <algorithm>

namespace carecast {
namespace {

// A saving counts towards its own target once the year has a ramp fraction and the
// saving has started by the year's last month.
bool in_force(const Model& model, const ModelOverlay& overlay, int year)
{
  return overlay.ramp_by_year[year] != k_none
         && model.grid().year_index_of_month(overlay.first_month) <= year;
}

// What an overlay takes off its line in a year, read from the explanation of the
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

bool counts(SavingsBasis basis, const ModelOverlay& overlay)
{
  return overlay.kind == OverlayKind::saving
         || (basis == SavingsBasis::budget && overlay.delivers_saving);
}

// The budget's target by year: the running sum of its saving steps (a one-off one
// only in its year), written negative and shown positive.
std::vector<std::optional<double>> budget_targets(const Model& model, const DrawValues& values)
{
  const ModelBudget& budget = model.budget();
  std::vector<std::optional<double>> targets(budget.source_by_year.size());
  double recurring = 0.0;
  bool started = false;
  for (std::size_t y = 0; y < targets.size(); ++y) {
    double one_off = 0.0;
    for (std::size_t i = 0; i < budget.steps_by_year[y].size(); ++i) {
      if (budget.kinds_by_year[y][i] == BudgetStepKind::saving) {
        started = true;
        const double saving = -values[budget.steps_by_year[y][i]];
        (budget.one_off_by_year[y][i] ? one_off : recurring) += saving;
      }
    }
    if (started && budget.source_by_year[y] != BudgetSource::none) {
      targets[y] = recurring + one_off;
    }
  }
  return targets;
}

std::optional<double> overlay_target(const Model& model, const DrawValues& values, int option,
                                     int year)
{
  std::optional<double> target;
  for (const ModelOverlay& overlay : model.options()[option].overlays) {
    if (overlay.kind == OverlayKind::saving && in_force(model, overlay, year)) {
      target = target.value_or(0.0) + values[overlay.value];
    }
  }
  return target;
}

double delivered_in(const Model& model, int option, int year, SavingsBasis basis,
                    const OverlaySavings& delivered_by)
{
  double delivered = 0.0;
  const std::vector<ModelOverlay>& overlays = model.options()[option].overlays;
  for (std::size_t i = 0; i < overlays.size(); ++i) {
    const bool in_year = basis == SavingsBasis::budget || in_force(model, overlays[i], year);
    if (counts(basis, overlays[i]) && in_year) {
      delivered += delivered_by(static_cast<int>(i), year);
    }
  }
  return delivered;
}

} // namespace

bool target_met(double target, double delivered)
{
  return delivered >= target - k_savings_tolerance;
}

double SavingsYear::shortfall() const
{
  return met() ? 0.0 : target - delivered;
}

bool SavingsYear::met() const
{
  return target_met(target, delivered);
}

SavingsBasis savings_basis(const Model& model)
{
  for (const std::vector<BudgetStepKind>& kinds : model.budget().kinds_by_year) {
    if (std::find(kinds.begin(), kinds.end(), BudgetStepKind::saving) != kinds.end()) {
      return SavingsBasis::budget;
    }
  }
  return SavingsBasis::overlays;
}

std::string_view describe(SavingsBasis basis)
{
  return basis == SavingsBasis::budget ? "the budget's saving steps"
                                       : "each option's saving overlays";
}

SavingsTrack track_savings(const Model& model, const Eigen::VectorXd& values, int option)
{
  const std::vector<ModelOverlay>& overlays = model.options()[option].overlays;
  return track_savings(model, values, option, [&](int overlay, int year) {
    return delivered_by(model, values, option, overlays[static_cast<std::size_t>(overlay)], year);
  });
}

SavingsTrack track_savings(const Model& model, const DrawValues& values, int option,
                           const OverlaySavings& delivered_by)
{
  const SavingsBasis basis = savings_basis(model);
  const std::vector<std::optional<double>> budget = basis == SavingsBasis::budget
                                                      ? budget_targets(model, values)
                                                      : std::vector<std::optional<double>>{};
  SavingsTrack track;
  for (int year = 0; year < model.grid().years(); ++year) {
    const std::optional<double> target =
      basis == SavingsBasis::budget ? budget[year] : overlay_target(model, values, option, year);
    if (target) {
      track.years.push_back({year, *target, delivered_in(model, option, year, basis, delivered_by)});
    }
  }
  for (auto year = track.years.rbegin(); year != track.years.rend() && year->met(); ++year) {
    track.met = year->year;
  }
  return track;
}

void add_savings_rows(Report& report, const Model& model, const Eigen::VectorXd& values)
{
  const std::string total(k_total_line);
  report.savings_basis = std::string(describe(savings_basis(model)));
  for (const Label& option : report.options) {
    const SavingsTrack track = track_savings(model, values, *model.find_option(option.id));
    for (const SavingsYear& year : track.years) {
      const std::string& name = report.years[year.year];
      report.rows.push_back({option.id, name, total, "savings_target", year.target});
      report.rows.push_back({option.id, name, total, "savings_delivered", year.delivered});
      report.rows.push_back({option.id, name, total, "savings_shortfall", year.shortfall()});
      report.rows.push_back({option.id, name, total, "savings_met", year.met() ? 1.0 : 0.0});
    }
    if (track.met) {
      report.rows.push_back({option.id, report.years[*track.met], total, "savings_met_from", 1.0});
    }
  }
}

Report compare_with_savings(const Model& model, const Outcome& outcome, const std::string& id)
{
  Report report = compare_report(model, outcome, id);
  add_savings_rows(report, model, model.values());
  return report;
}

} // namespace carecast
