#pragma once

// What every column an analysis evaluates must respect, as validation does for the
// scenario's own values: each parameter inside its domain (Parameter::domain), and the
// rules that join several parameters, such as a placement type's moves and exit rate
// taking at most all of its children in a year.

#include "carecast/evaluator.hpp"
#include "carecast/model.hpp"

#include <Eigen/Core>
#include <optional>
#include <string>
#include <vector>

namespace carecast {

// The sum of `parameters` is at most 1 (to within k_ladder_tolerance).
struct JointRule
{
  std::string text; // what the parameters are, e.g. "the moves and exit rate of 'residential'"
  std::vector<int> parameters;
};

std::vector<JointRule> joint_rules(const Model& model);

// Shares that must add up to 1 with others (a line's price shares, the ladder's entry
// shares): moving one alone describes no scenario, so no analysis may.
std::vector<bool> tied_shares(const Model& model);

// A column that breaks a domain or a joint rule: the parameter to point at and why.
struct BrokenRule
{
  Eigen::Index column = 0;
  int parameter = k_none;
  std::string why;
};

// The uncertain input that draws `parameter`, or nullptr.
const ModelInput* input_of(const Model& model, int parameter);

// " (uncertain input 'ID')" for a parameter an uncertain input draws, else "".
std::string input_note(const Model& model, int parameter);

// The first column of `parameters` (one row per parameter) that breaks a rule.
std::optional<BrokenRule> first_broken_rule(const Model& model, const std::vector<JointRule>& rules,
                                            const Eigen::Ref<const ParameterRows>& parameters);

} // namespace carecast
