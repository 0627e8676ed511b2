#include "carecast/draw_rules.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

namespace carecast {

std::vector<JointRule> joint_rules(const Model& model)
{
  std::vector<JointRule> rules;
  for (const ModelPlacement& type : model.ladder().types) {
    JointRule rule{fmt::format("the moves and exit rate of '{}', the shares of its children "
                               "leaving it in a year,",
                               type.id),
                   type.moves};
    rule.parameters.push_back(type.exit_rate);
    std::erase(rule.parameters, k_none);
    rules.push_back(std::move(rule));
  }
  return rules;
}

std::vector<bool> tied_shares(const Model& model)
{
  std::vector<bool> tied(model.parameters().size(), false);
  for (const ModelLine& line : model.lines()) {
    for (const auto& [index, share] : line.prices) {
      tied[share] = true;
    }
  }
  for (const ModelPlacement& type : model.ladder().types) {
    tied[type.entry_share] = true;
  }
  return tied;
}

const ModelInput* input_of(const Model& model, int parameter)
{
  const auto found = std::ranges::find(model.inputs(), parameter, &ModelInput::parameter);
  return found == model.inputs().end() ? nullptr : &*found;
}

std::string input_note(const Model& model, int parameter)
{
  const ModelInput* input = input_of(model, parameter);
  return input ? fmt::format(" (uncertain input '{}')", input->id) : std::string{};
}

// Row by row, each row's extremes first: a row of parameters is contiguous, and most
// rows of a block break nothing.
std::optional<BrokenRule> first_broken_rule(const Model& model, const std::vector<JointRule>& rules,
                                            const Eigen::Ref<const ParameterRows>& parameters)
{
  std::optional<BrokenRule> first;
  const auto keep = [&](Eigen::Index column, int parameter, const auto& why) {
    if (!first || column < first->column) {
      first = BrokenRule{column, parameter, why(column)};
    }
  };
  const std::vector<Parameter>& known = model.parameters();
  for (int p = 0; p < static_cast<int>(known.size()); ++p) {
    const FigureRange& domain = known[p].domain;
    const auto row = parameters.row(p);
    if (known[p].derived
        || (row.allFinite() && domain.holds(row.minCoeff()) && domain.holds(row.maxCoeff()))) {
      continue;
    }
    Eigen::Index column = 0;
    while (domain.holds(row(column))) {
      ++column;
    }
    keep(column, p, [&](Eigen::Index c) {
      const std::string parameter = fmt::format("'{}'{}", known[p].path, input_note(model, p));
      return std::isfinite(row(c))
               ? fmt::format("{} is {}, but the scenario accepts {}", parameter, row(c),
                             domain.text())
               : fmt::format("{} is {}, which is not a finite number", parameter, row(c));
    });
  }
  for (const JointRule& rule : rules) {
    Eigen::RowVectorXd sum = Eigen::RowVectorXd::Zero(parameters.cols());
    for (const int p : rule.parameters) {
      sum += parameters.row(p);
    }
    if (sum.size() == 0 || !(sum.maxCoeff() > 1.0 + k_ladder_tolerance)) {
      continue;
    }
    Eigen::Index column = 0;
    while (!(sum(column) > 1.0 + k_ladder_tolerance)) {
      ++column;
    }
    keep(column, rule.parameters.back(), [&](Eigen::Index c) {
      return fmt::format("{} add up to {}, more than 1", rule.text, sum(c));
    });
  }
  return first;
}

} // namespace carecast
