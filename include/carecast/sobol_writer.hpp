#pragma once

// Sobol' indices as text: CSV with one row per output and input, JSON, and for people
// a table per output with the inputs ranked by total index. Every output names the
// seed, the samples, the design and how the intervals were made.

#include "carecast/sobol_report.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace carecast {

// CSV header: scenario,seed,samples,design,scramblings,bootstrap,interval,confidence,
// option,year,input,parameter,first,first_low,first_high,total,total_low,total_high,
// variance,too_wide; scramblings or bootstrap is empty for the design without it. One row per
// output (year `all` for the horizon total) and input; `variance` is the output's and
// `too_wide` (true or false) its flag, repeated on each of its rows.
std::string write_csv(const SobolReport& report);
std::string write_json(const SobolReport& report);
// Indices to 3 decimals; an output that does not vary is one line, and inputs with no
// effect at all on an output are listed under its table instead of in it.
std::string write_terminal(const SobolReport& report, std::size_t width);

// The design and how its intervals are made, in words: "Sobol' design in 16 random
// digital shifts, 95% Student t intervals over them".
std::string design_text(const SobolAnalysis& analysis);

} // namespace carecast
