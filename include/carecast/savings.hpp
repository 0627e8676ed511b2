#pragma once

// Savings against target: what an option's saving overlays are meant to take off each
// financial year, what they do take off, and the first year the target is met.

#include "carecast/model.hpp"
#include "carecast/report.hpp"

#include <Eigen/Core>
#include <optional>
#include <vector>

namespace carecast {

// Delivered amounts are sums of monthly figures, so they match a target only to
// rounding.
inline constexpr double k_savings_tolerance = 1e-9;

struct SavingsYear
{
  int year = 0;           // an index into the model's years
  double target = 0.0;    // full annual amounts of the saving overlays in force
  double delivered = 0.0; // what they take off in the year, as a positive amount
  // Zero once the target is met, so rounding noise does not read as a shortfall.
  double shortfall() const;
};

struct SavingsTrack
{
  std::vector<SavingsYear> years; // only the years with a saving in force
  std::optional<int> met;         // the first year delivered reaches the target
};

// Whether `delivered` reaches `target`, within k_savings_tolerance.
bool target_met(double target, double delivered);

// The savings of one option (an index into the model's options) with parameter values
// `values`. An option without saving overlays has no years.
SavingsTrack track_savings(const Model& model, const Eigen::VectorXd& values, int option);

// Adds the measures savings_target, savings_delivered and savings_shortfall (line
// total) to a report, for each of its options and each year with a saving in force.
// `values` are the parameter values the report was evaluated with.
void add_savings_rows(Report& report, const Model& model, const Eigen::VectorXd& values);

} // namespace carecast
