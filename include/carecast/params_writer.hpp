#pragma once

// The parameter list as text.

#include "carecast/params.hpp"

#include <cstddef>
#include <string>

namespace carecast {

// CSV: the header `scenario,path,value,unit,location,source,assumption,distribution,derived`,
// derived being 1 or 0.
std::string write_csv(const ParameterList& list);
std::string write_json(const ParameterList& list);
// Each parameter on a line (address, value, unit, distribution), its location and
// provenance beneath.
std::string write_terminal(const ParameterList& list, std::size_t width);

} // namespace carecast
