#pragma once

// validate's findings as text.

#include "carecast/validate_report.hpp"

#include <cstddef>
#include <string>

namespace carecast {

// CSV: the header `file,valid,first_year,last_year,lines,options,error_file,line,column,message`:
// a valid file's one row, with the error columns empty; an invalid file's row per
// problem, with the span and size empty (line and column too for a file that cannot be
// read), valid being 1 or 0.
std::string write_csv(const ValidationReport& report);
// {"scenarios": [{"file", "valid", "first_year", "last_year", "lines", "options",
// "errors": [{"file", "line", "column", "message"}]}]}, span and size null when invalid,
// line and column null for a file that cannot be read.
std::string write_json(const ValidationReport& report);
// "FILE: valid (2021/22 to 2026/27, 9 lines, 3 options)" for each valid file; the
// problems of the others go to standard error as they are found.
std::string write_terminal(const ValidationReport& report, std::size_t width);

} // namespace carecast
