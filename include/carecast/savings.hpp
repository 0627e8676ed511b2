#pragma once

// Savings against target: what the budget relies on being saved each financial year
// (or, when the budget has no saving step, what an option's saving overlays are meant
// to take off), what an option does take off, and the year from which the target is
// met.

#include "carecast/model.hpp"
#include "carecast/report.hpp"

#include <Eigen/Core>
#include <functional>
#include <optional>
#include <string_view>
#include <vector>

namespace carecast {

// Delivered amounts are sums of monthly figures, so they match a target only to
// rounding.
inline constexpr double k_savings_tolerance = 1e-9;

// Where the savings target comes from: the budget's saving steps, the same for every
// option, or, when the budget has none, each option's own saving overlays.
enum class SavingsBasis { budget, overlays };

struct SavingsYear
{
  int year = 0;        // an index into the model's years
  double target = 0.0; // a positive amount
  // What the option's saving overlays (and, against the budget's target, its overlays
  // marked delivers_saving) take off in the year, as a positive amount.
  double delivered = 0.0;
  // Zero once the target is met, so rounding noise does not read as a shortfall.
  double shortfall() const;
  bool met() const;
};

struct SavingsTrack
{
  std::vector<SavingsYear> years; // only the years with a target
  // The first year from which the target is met in that year and every later one.
  std::optional<int> met;
};

// Whether `delivered` reaches `target`, within k_savings_tolerance.
bool target_met(double target, double delivered);

// The budget when any of its years has a step of kind saving, else the overlays.
SavingsBasis savings_basis(const Model& model);
// How reports name a basis, e.g. "the budget's saving steps".
std::string_view describe(SavingsBasis basis);

// The savings of one option (an index into the model's options) with parameter values
// `values`. Against the budget, the target of year Y is the sum of the saving steps
// of the years up to Y (a one-off step only in its own year), as a positive amount,
// in every year from the first saving step that has a budget. Against the overlays,
// it is the full annual amounts of the option's saving overlays in force, and an
// option without saving overlays has no years.
SavingsTrack track_savings(const Model& model, const Eigen::VectorXd& values, int option);

// What overlay `overlay` (a position in the option's overlays) takes off its line in
// `year`, as a positive amount.
using OverlaySavings = std::function<double(int overlay, int year)>;

// A draw's parameter values, read in place: a vector, or a column of a block of draws.
using DrawValues = Eigen::Ref<const Eigen::VectorXd, 0, Eigen::InnerStride<>>;

// The same with the overlays' savings given, by a batch's Outcome::overlay_saving say,
// instead of explained from `values` (which still give the targets).
SavingsTrack track_savings(const Model& model, const DrawValues& values, int option,
                           const OverlaySavings& delivered_by);

// Adds the measures savings_target, savings_delivered, savings_shortfall and
// savings_met (1 or 0) (line total) to a report, for each of its options and each year
// with a target, and savings_met_from (1) in the year from which the target is met in
// every later year, and names the basis in `savings_basis`. `values` are the parameter
// values the report was evaluated with.
void add_savings_rows(Report& report, const Model& model, const Eigen::VectorXd& values);

// The compare command's report: compare_report with the savings rows, for the model's
// own values.
Report compare_with_savings(const Model& model, const Outcome& outcome, const std::string& id);

} // namespace carecast
