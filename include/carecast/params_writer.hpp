#pragma once

// The parameter list as text.

#include "carecast/params.hpp"

#include <cstddef>
#include <functional>
#include <string>

namespace carecast {

// A parameter's distribution as text, "" when it has none; figures as `shown` writes
// them (describe's), so that a table can show a rate's as percentages.
std::string description(const ParameterEntry& entry,
                        const std::function<std::string(double)>& shown = {});

// A parameter's distribution with its figures in the parameter's unit: "triangular(low
// 2%, mode 3.3%, high 6%)", as tables and workbooks show it.
std::string description_in_unit(const ParameterEntry& entry);

// CSV: the header `scenario,path,value,unit,location,source,assumption,distribution,derived`,
// derived being 1 or 0.
std::string write_csv(const ParameterList& list);
std::string write_json(const ParameterList& list);
// Each parameter on a line (address, value, unit, distribution), its location and
// provenance beneath.
std::string write_terminal(const ParameterList& list, std::size_t width);

} // namespace carecast
