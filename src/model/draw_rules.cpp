#include "carecast/draw_rules.hpp"

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

std::string input_note(const Model& model, int parameter)
{
  for (const ModelInput& input : model.inputs()) {
    if (input.parameter == parameter) {
      return fmt::format(" (uncertain input '{}')", input.id);
    }
  }
  return {};
}

std::optional<BrokenRule> first_broken_rule(const Model& model, const std::vector<JointRule>& rules,
                                            const Eigen::Ref<const ParameterRows>& parameters)
{
  const std::vector<Parameter>& known = model.parameters();
  for (Eigen::Index column = 0; column < parameters.cols(); ++column) {
    for (int p = 0; p < static_cast<int>(known.size()); ++p) {
      const double value = parameters(p, column);
      if (!known[p].derived && !known[p].domain.holds(value)) {
        const std::string parameter = fmt::format("'{}'{}", known[p].path, input_note(model, p));
        return BrokenRule{column, p,
                          std::isfinite(value)
                            ? fmt::format("{} is {}, but the scenario accepts {}", parameter,
                                          value, known[p].domain.text())
                            : fmt::format("{} is {}, which is not a finite number", parameter,
                                          value)};
      }
    }
    for (const JointRule& rule : rules) {
      double sum = 0.0;
      for (const int p : rule.parameters) {
        sum += parameters(p, column);
      }
      if (sum > 1.0 + k_ladder_tolerance) {
        return BrokenRule{column, rule.parameters.back(),
                          fmt::format("{} add up to {}, more than 1", rule.text, sum)};
      }
    }
  }
  return std::nullopt;
}

} // namespace carecast
