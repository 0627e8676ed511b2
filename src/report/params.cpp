#include "carecast/params.hpp"

#include <fmt/format.h>

namespace carecast {

ParameterList parameter_list(const Model& model, const std::string& scenario)
{
  ParameterList list{scenario, {}};
  for (const Parameter& parameter : model.parameters()) {
    list.entries.push_back({parameter.path, parameter.value, parameter.unit,
                            parameter.pos.file.empty()
                              ? std::string{}
                              : fmt::format("{}:{}", parameter.pos.file, parameter.pos.line),
                            parameter.provenance.source, parameter.provenance.assumption,
                            std::nullopt, parameter.derived});
  }
  for (const ModelInput& input : model.inputs()) {
    list.entries[static_cast<std::size_t>(input.parameter)].distribution = input.distribution;
  }
  return list;
}

} // namespace carecast
