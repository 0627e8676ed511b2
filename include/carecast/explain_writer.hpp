#pragma once

// Writers of an explanation: a readable breakdown, or CSV/JSON rows with the key,
// place and source of every term.

#include "carecast/explain_report.hpp"

#include <string>

namespace carecast {

std::string write_terminal(const ExplainReport& report);
// The tidy CSV header followed by term,key,location,note.
std::string write_csv(const ExplainReport& report);
std::string write_json(const ExplainReport& report);

} // namespace carecast
